import { CasePriority, CaseStage } from '@modules/cases/domain/case-stage';
import { DEFAULT_CHECKIN_POLICY, withActivationOverrides } from '../checkin-policy';
import { acknowledgeWindowMs, EscalationLevel } from '@modules/escalations/domain/escalation';

const { EMERGENCY, URGENT, NORMAL } = CasePriority;

describe('an activation over the check-in policy', () => {
  it('multiplies every interval by the factor, rounded to whole minutes', () => {
    const policy = withActivationOverrides(DEFAULT_CHECKIN_POLICY, { checkinIntervalFactor: 0.3 });
    expect(policy[CaseStage.INTAKE]).toEqual({ [EMERGENCY]: 432, [URGENT]: 864, [NORMAL]: 3024 });
    expect(policy[CaseStage.IN_TRANSIT][URGENT]).toBe(216);
  });

  it('lets an explicit stage interval win over the factor, for every priority', () => {
    const policy = withActivationOverrides(DEFAULT_CHECKIN_POLICY, { checkinIntervalFactor: 0.5, checkinIntervalMinutes: { [CaseStage.IN_TRANSIT]: 120 } });
    expect(policy[CaseStage.IN_TRANSIT]).toEqual({ [EMERGENCY]: 120, [URGENT]: 120, [NORMAL]: 120 });
    expect(policy[CaseStage.TRIAGED][NORMAL]).toBe(DEFAULT_CHECKIN_POLICY[CaseStage.TRIAGED][NORMAL] / 2);
  });

  it('never lengthens an interval, and without overrides is the table itself', () => {
    const policy = withActivationOverrides(DEFAULT_CHECKIN_POLICY, { checkinIntervalMinutes: { [CaseStage.IN_TRANSIT]: 10_000 } });
    expect(policy[CaseStage.IN_TRANSIT]).toEqual(DEFAULT_CHECKIN_POLICY[CaseStage.IN_TRANSIT]);
    expect(withActivationOverrides(DEFAULT_CHECKIN_POLICY, null)).toBe(DEFAULT_CHECKIN_POLICY);
  });

  it('shortens acknowledge windows per level, never lengthens them, and leaves the top level open-ended', () => {
    const overrides = { caseworker: 20, coordinator: 600 };
    expect(acknowledgeWindowMs(NORMAL, EscalationLevel.CASEWORKER, overrides)).toBe(20 * 60_000);
    // Coordinator: 600 min is shorter than NORMAL's 24 h but longer than EMERGENCY's 2 h.
    expect(acknowledgeWindowMs(NORMAL, EscalationLevel.COORDINATOR, overrides)).toBe(600 * 60_000);
    expect(acknowledgeWindowMs(EMERGENCY, EscalationLevel.COORDINATOR, overrides)).toBe(2 * 3_600_000);
    expect(acknowledgeWindowMs(EMERGENCY, EscalationLevel.FIELD_PARTNER, overrides)).toBeNull();
  });
});

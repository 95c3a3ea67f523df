import { CasePriority, CaseStage } from '@modules/cases/domain/case-stage';
import { DEFAULT_CHECKIN_POLICY, nextDue } from '../checkin-policy';
import { acknowledgeWindowMs, EscalationLevel, EscalationTrigger, topLevelOf } from '@modules/escalations/domain/escalation';

const H = 3_600_000;
const D = 24 * H;
const { EMERGENCY, URGENT, NORMAL } = CasePriority;

/** Spec 3.5, row by row: [stage, EMERGENCY, URGENT, NORMAL] in milliseconds. */
const TABLE: Array<[CaseStage, number, number, number]> = [
  [CaseStage.INTAKE, 24 * H, 48 * H, 7 * D],
  [CaseStage.VERIFICATION, 24 * H, 48 * H, 7 * D],
  [CaseStage.TRIAGED, 24 * H, 48 * H, 7 * D],
  [CaseStage.RELOCATION_PLANNED, 24 * H, 48 * H, 7 * D],
  [CaseStage.IN_TRANSIT, 12 * H, 12 * H, 12 * H],
  [CaseStage.IN_SAFE_COUNTRY, 72 * H, 72 * H, 7 * D],
  [CaseStage.RESETTLEMENT_IN_PROGRESS, 7 * D, 7 * D, 7 * D],
  [CaseStage.DEPARTED, 7 * D, 7 * D, 7 * D],
  [CaseStage.RESETTLED, 30 * D, 30 * D, 30 * D],
];

describe('check-in policy', () => {
  const from = new Date('2026-03-01T12:00:00.000Z');

  describe.each(TABLE)('%s', (stage, emergency, urgent, normal) => {
    it.each([
      [EMERGENCY, emergency],
      [URGENT, urgent],
      [NORMAL, normal],
    ])('%s: due after the interval, deadline after 10 %% grace', (priority, interval) => {
      const next = nextDue(from, stage, priority, DEFAULT_CHECKIN_POLICY);
      expect(next).not.toBeNull();
      expect(next?.intervalMinutes).toBe(interval / 60_000);
      expect(next?.dueAt.getTime()).toBe(from.getTime() + interval);
      expect(next?.deadlineAt.getTime()).toBe(from.getTime() + interval + interval / 10);
    });
  });

  it('covers every stage but CLOSED, which has no schedule', () => {
    expect(Object.keys(DEFAULT_CHECKIN_POLICY).sort()).toEqual(TABLE.map(([stage]) => stage).sort());
    expect(nextDue(from, CaseStage.CLOSED, EMERGENCY, DEFAULT_CHECKIN_POLICY)).toBeNull();
  });

  it('reads the policy it is given (an edited table)', () => {
    const edited = structuredClone(DEFAULT_CHECKIN_POLICY);
    edited[CaseStage.IN_TRANSIT][EMERGENCY] = 6 * 60;
    expect(nextDue(from, CaseStage.IN_TRANSIT, EMERGENCY, edited)?.deadlineAt.getTime()).toBe(from.getTime() + 6 * H + 0.6 * H);
  });

  it('gives acknowledge windows by priority and level, none at the top', () => {
    expect(
      [EMERGENCY, URGENT, NORMAL].map((p) => [acknowledgeWindowMs(p, EscalationLevel.CASEWORKER), acknowledgeWindowMs(p, EscalationLevel.COORDINATOR)]),
    ).toEqual([
      [1 * H, 2 * H],
      [2 * H, 4 * H],
      [8 * H, 24 * H],
    ]);
    expect(acknowledgeWindowMs(EMERGENCY, EscalationLevel.FIELD_PARTNER)).toBeNull();
  });

  it('ends the EXPEDITE_OVERDUE ladder at the coordinators; every other trigger climbs to the field partner', () => {
    expect(topLevelOf(EscalationTrigger.EXPEDITE_OVERDUE)).toBe(EscalationLevel.COORDINATOR);
    for (const trigger of Object.values(EscalationTrigger).filter((t) => t !== EscalationTrigger.EXPEDITE_OVERDUE))
      expect(topLevelOf(trigger)).toBe(EscalationLevel.FIELD_PARTNER);
  });
});

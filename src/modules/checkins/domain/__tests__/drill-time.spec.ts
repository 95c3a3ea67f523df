import { compressDuration } from '@common/clock/drill-time';
import { CasePriority, CaseStage } from '@modules/cases/domain/case-stage';
import { TRIAGE_SLA_HOURS, triageDeadline } from '@modules/cases/domain/triage';
import { DEFAULT_CHECKIN_POLICY, GRACE_FRACTION, nextDue } from '../checkin-policy';
import { acknowledgeWindowMs, EscalationLevel } from '@modules/escalations/domain/escalation';

const FROM = new Date('2026-03-01T12:00:00.000Z');
const HOUR = 3_600_000;

describe('drill time: policy durations divided where they become instants', () => {
  it('is real time at factor 1 and when no factor is given', () => {
    const plain = nextDue(FROM, CaseStage.IN_TRANSIT, CasePriority.URGENT, DEFAULT_CHECKIN_POLICY);
    expect(nextDue(FROM, CaseStage.IN_TRANSIT, CasePriority.URGENT, DEFAULT_CHECKIN_POLICY, 1)).toEqual(plain);
    expect(plain!.dueAt.getTime() - FROM.getTime()).toBe(12 * HOUR);
    expect(acknowledgeWindowMs(CasePriority.NORMAL, EscalationLevel.COORDINATOR, null, 1)).toBe(24 * HOUR);
    expect(triageDeadline(FROM, CasePriority.EMERGENCY, null, 1)).toEqual(triageDeadline(FROM, CasePriority.EMERGENCY));
  });

  it('divides the check-in interval and its grace, and keeps the policy figure as the interval', () => {
    const next = nextDue(FROM, CaseStage.IN_TRANSIT, CasePriority.URGENT, DEFAULT_CHECKIN_POLICY, 600)!;
    // 12 hours at 600× is 72 seconds; the grace is a tenth of that.
    expect(next.dueAt.getTime() - FROM.getTime()).toBe(72_000);
    expect(next.deadlineAt.getTime() - next.dueAt.getTime()).toBe(72_000 * GRACE_FRACTION);
    expect(next.intervalMinutes).toBe(12 * 60);
  });

  it('applies an activation window first, then divides it', () => {
    const window = acknowledgeWindowMs(CasePriority.NORMAL, EscalationLevel.CASEWORKER, { caseworker: 60 }, 600);
    expect(window).toBe((60 * 60_000) / 600);
  });

  it('divides every acknowledge window and leaves the top level open-ended', () => {
    for (const priority of Object.values(CasePriority)) {
      for (const level of [EscalationLevel.CASEWORKER, EscalationLevel.COORDINATOR]) {
        expect(acknowledgeWindowMs(priority, level, null, 600)).toBe(acknowledgeWindowMs(priority, level)! / 600);
      }
      expect(acknowledgeWindowMs(priority, EscalationLevel.FIELD_PARTNER, null, 600)).toBeNull();
    }
  });

  it('divides the triage SLA, after an activation override has shortened it', () => {
    expect(triageDeadline(FROM, CasePriority.URGENT, null, 600).getTime() - FROM.getTime()).toBe((TRIAGE_SLA_HOURS[CasePriority.URGENT] * HOUR) / 600);
    expect(triageDeadline(FROM, CasePriority.URGENT, { [CasePriority.URGENT]: 6 }, 600).getTime() - FROM.getTime()).toBe((6 * HOUR) / 600);
  });

  it('never shrinks a duration to nothing and refuses a factor below 1', () => {
    expect(compressDuration(5, 100_000)).toBe(1);
    expect(() => compressDuration(HOUR, 0.5)).toThrow(RangeError);
    expect(() => compressDuration(HOUR, Number.NaN)).toThrow(RangeError);
    expect(() => nextDue(FROM, CaseStage.INTAKE, CasePriority.NORMAL, DEFAULT_CHECKIN_POLICY, 0)).toThrow(RangeError);
  });

  it('gives a closed case no schedule whatever the factor', () => {
    expect(nextDue(FROM, CaseStage.CLOSED, CasePriority.NORMAL, DEFAULT_CHECKIN_POLICY, 600)).toBeNull();
  });
});

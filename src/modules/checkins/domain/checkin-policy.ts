import { compressDuration } from '@common/clock/drill-time';
import type { ActivationOverrides } from '@modules/cases/activation-policy.port';
import { CasePriority, CaseStage } from '@modules/cases/domain/case-stage';

/** Stages that have a live check-in schedule: every stage but CLOSED. */
export type ScheduledStage = Exclude<CaseStage, CaseStage.CLOSED>;

export const SCHEDULED_STAGES: readonly ScheduledStage[] = Object.values(CaseStage).filter((stage): stage is ScheduledStage => stage !== CaseStage.CLOSED);

/** Check-in interval in minutes, by stage and priority (spec 3.5). */
export type CheckinPolicy = Record<ScheduledStage, Record<CasePriority, number>>;

/** A late check-in is tolerated for this share of the interval before it counts as missed. */
export const GRACE_FRACTION = 0.1;

const H = 60;
const D = 24 * H;
const row = (emergency: number, urgent: number, normal: number): Record<CasePriority, number> => ({
  [CasePriority.EMERGENCY]: emergency,
  [CasePriority.URGENT]: urgent,
  [CasePriority.NORMAL]: normal,
});

/** The defaults of spec 3.5; the migration seeds the same values. */
export const DEFAULT_CHECKIN_POLICY: CheckinPolicy = {
  [CaseStage.INTAKE]: row(24 * H, 48 * H, 7 * D),
  [CaseStage.VERIFICATION]: row(24 * H, 48 * H, 7 * D),
  [CaseStage.TRIAGED]: row(24 * H, 48 * H, 7 * D),
  [CaseStage.RELOCATION_PLANNED]: row(24 * H, 48 * H, 7 * D),
  [CaseStage.IN_TRANSIT]: row(12 * H, 12 * H, 12 * H),
  [CaseStage.IN_SAFE_COUNTRY]: row(72 * H, 72 * H, 7 * D),
  [CaseStage.RESETTLEMENT_IN_PROGRESS]: row(7 * D, 7 * D, 7 * D),
  [CaseStage.DEPARTED]: row(7 * D, 7 * D, 7 * D),
  [CaseStage.RESETTLED]: row(30 * D, 30 * D, 30 * D),
};

export interface NextCheckin {
  intervalMinutes: number;
  /** When the next check-in is expected. */
  dueAt: Date;
  /** Due plus grace: past this, the check-in is missed and escalates. */
  deadlineAt: Date;
}

/**
 * When the next check-in is due, counted from the later of the last check-in and the moment the
 * case entered its stage. Closed cases have no schedule (null). `drillTimeCompression` divides the
 * interval and grace (drill time); `intervalMinutes` stays the policy's own figure.
 */
export function nextDue(from: Date, stage: CaseStage, priority: CasePriority, policy: CheckinPolicy, drillTimeCompression = 1): NextCheckin | null {
  if (stage === CaseStage.CLOSED) return null;
  const intervalMinutes = policy[stage][priority];
  const intervalMs = compressDuration(intervalMinutes * 60_000, drillTimeCompression);
  const dueAt = new Date(from.getTime() + intervalMs);
  const deadlineAt = new Date(dueAt.getTime() + Math.round(intervalMs * GRACE_FRACTION));
  return { intervalMinutes, dueAt, deadlineAt };
}

/**
 * The interval table under an activation's overrides: an explicit interval for the stage, else
 * the standard interval times the factor (rounded to whole minutes, at least one). An override
 * only ever shortens an interval: a longer one yields the standard value.
 */
export function withActivationOverrides(policy: CheckinPolicy, overrides: ActivationOverrides | null | undefined): CheckinPolicy {
  if (!overrides) return policy;
  const factor = overrides.checkinIntervalFactor;
  const explicit = overrides.checkinIntervalMinutes ?? {};
  const result = structuredClone(policy);
  for (const stage of SCHEDULED_STAGES) {
    for (const priority of Object.values(CasePriority)) {
      const standard = policy[stage][priority];
      const stageOverride = explicit[stage];
      let interval = standard;
      if (typeof stageOverride === 'number' && stageOverride > 0) interval = Math.round(stageOverride);
      else if (typeof factor === 'number' && factor > 0) interval = Math.max(1, Math.round(standard * factor));
      result[stage][priority] = Math.min(standard, interval);
    }
  }
  return result;
}

import { compressDuration } from '@common/clock/drill-time';
import { CasePriority } from '@modules/cases/domain/case-stage';

/** What raised an escalation (spec 3.6). At most one open per case and trigger. */
export enum EscalationTrigger {
  MISSED_CHECKIN = 'MISSED_CHECKIN',
  DURESS = 'DURESS',
  TRIAGE_SLA_BREACH = 'TRIAGE_SLA_BREACH',
  STAY_LIMIT = 'STAY_LIMIT',
  EXPEDITE_OVERDUE = 'EXPEDITE_OVERDUE',
  MANUAL = 'MANUAL',
}

export enum EscalationLevel {
  CASEWORKER = 1,
  COORDINATOR = 2,
  FIELD_PARTNER = 3,
}

export const TOP_LEVEL = EscalationLevel.FIELD_PARTNER;

/**
 * Where a trigger's ladder ends. EXPEDITE_OVERDUE is a receiving state's silence, not the
 * person's: coordinators are the ones who can chase a state, and climbing to level 3 would flag
 * the case LOST_CONTACT and alert the field partner about contact nobody lost.
 */
export function topLevelOf(trigger: EscalationTrigger): EscalationLevel {
  return trigger === EscalationTrigger.EXPEDITE_OVERDUE ? EscalationLevel.COORDINATOR : TOP_LEVEL;
}

export enum EscalationState {
  /** Climbing: no one has taken it yet. */
  OPEN = 'OPEN',
  /** Someone is on it: the climb stopped. */
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  RESOLVED = 'RESOLVED',
}

export enum EscalationOutcome {
  CONTACT_RESTORED = 'CONTACT_RESTORED',
  SAFE = 'SAFE',
  DETAINED = 'DETAINED',
  MISSING = 'MISSING',
  FALSE_ALARM = 'FALSE_ALARM',
}

const HOUR_MS = 3_600_000;

/** How long a level waits for an acknowledgement before climbing (spec 3.6). */
const ACKNOWLEDGE_WINDOW_HOURS: Record<CasePriority, Record<EscalationLevel.CASEWORKER | EscalationLevel.COORDINATOR, number>> = {
  [CasePriority.EMERGENCY]: { [EscalationLevel.CASEWORKER]: 1, [EscalationLevel.COORDINATOR]: 2 },
  [CasePriority.URGENT]: { [EscalationLevel.CASEWORKER]: 2, [EscalationLevel.COORDINATOR]: 4 },
  [CasePriority.NORMAL]: { [EscalationLevel.CASEWORKER]: 8, [EscalationLevel.COORDINATOR]: 24 },
};

/** An activation's acknowledge windows, in minutes per level (every priority). */
export interface AcknowledgeWindowOverrides {
  caseworker?: number;
  coordinator?: number;
}

/**
 * Null at the top level: it stays open until resolved. An activation's window applies only when
 * shorter than the standard one (a purge never slows an escalation down); `drillTimeCompression`
 * then divides the chosen window (drill time).
 */
export function acknowledgeWindowMs(
  priority: CasePriority,
  level: EscalationLevel,
  overrides?: AcknowledgeWindowOverrides | null,
  drillTimeCompression = 1,
): number | null {
  if (level === EscalationLevel.FIELD_PARTNER) return null;
  const standard = ACKNOWLEDGE_WINDOW_HOURS[priority][level] * HOUR_MS;
  const minutes = level === EscalationLevel.CASEWORKER ? overrides?.caseworker : overrides?.coordinator;
  const window = typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes <= 0 ? standard : Math.min(standard, Math.round(minutes) * 60_000);
  return compressDuration(window, drillTimeCompression);
}

/**
 * Which live events are urgent: an escalation raised or handed to me at level 3, or for duress
 * at any level. Pure (no DOM), so it is unit-tested on its own.
 */

/** One inbox item as the stream sends it: kinds, ids and references only, never a name. */
export interface LiveNotification {
  id: string;
  kind: string;
  subjectType: string | null;
  subjectId: string | null;
  details: Record<string, unknown>;
  createdAt: string;
}

export interface UrgentAlert {
  /** The notification's id. */
  id: string;
  escalationId: string | null;
  caseReference: string;
  trigger: string;
  level: number;
}

const ESCALATION_KINDS = new Set(['escalation.raised', 'escalation.assigned']);

/** An urgent alert for a level-3 or duress escalation event; null for anything else. */
export function urgentAlertOf(notification: LiveNotification): UrgentAlert | null {
  if (!ESCALATION_KINDS.has(notification.kind)) return null;
  const { level, trigger, caseReference } = notification.details;
  const numeric = typeof level === 'number' ? level : Number(level);
  if (!(numeric >= 3 || trigger === 'DURESS')) return null;
  return {
    id: notification.id,
    escalationId: notification.subjectType === 'escalation' ? notification.subjectId : null,
    caseReference: typeof caseReference === 'string' ? caseReference : '',
    trigger: typeof trigger === 'string' ? trigger : '',
    level: Number.isFinite(numeric) ? numeric : 3,
  };
}

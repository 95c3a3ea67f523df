/**
 * Every job Corridor runs, in one place. Boot fails if a name here has no handler or has two
 * (see JobRegistry), so a job can neither be forgotten nor handled twice.
 */
export enum JobName {
  /** Deletes outbox rows that finished long ago. */
  OutboxPrune = 'outbox.prune',
  /** Tells a case's assigned caseworkers (in-app) that its stage changed. */
  CaseStageChanged = 'case.stage_changed',
  /** Crypto-shreds a closed case whose retention period is over. */
  CaseRetentionErase = 'case.retention_erase',
  /** A check-in schedule version's deadline (due + grace): opens MISSED_CHECKIN unless superseded. */
  CheckinDeadline = 'checkin.deadline',
  /** An escalation's acknowledge window ended: climbs one level if still open and unacknowledged. */
  EscalationStep = 'escalation.step',
  /** A case's triage deadline: opens TRIAGE_SLA_BREACH if still untriaged. */
  TriageDeadline = 'triage.deadline',
  /** A check-in through a one-time link was recorded: opens DURESS at the top level if the duress PIN was used. */
  CheckinLinkUsed = 'checkin.link_used',
  /** An open safe-country stay crossed 21 or 7 days remaining: tells the case's caseworkers (in-app). */
  StayLimitApproaching = 'stay.limit_approaching',
  /** A partner event for one agency: becomes a delivery per subscribed webhook endpoint. */
  PartnerEvent = 'partner.event',
  /** An expedited request passed its deadline undecided: opens EXPEDITE_OVERDUE for coordinators. */
  ExpediteOverdue = 'expedite.overdue',
  /** One HTTP attempt of one webhook delivery (runs outside a transaction; records its outcome after). */
  WebhookAttempt = 'webhook.attempt',
  /** A staff alert (escalation opened or climbed): becomes a delivery per subscribed alert channel. */
  StaffAlert = 'staff.alert',
  /** An activation's fan-out run: splits its cases into id ranges, one chunk job each. */
  ActivationFanoutPlan = 'activation.fanout_plan',
  /** One range of an activation's cases: link, re-time with the overrides, place with the roster. */
  ActivationFanoutChunk = 'activation.fanout_chunk',
  /** Deletes a discarded document stream's segments or objects from its store, then its row (outside a transaction; retried until done). */
  DocumentPurge = 'document.purge',
}

/** Names a job process must handle; tests extend it with their own. */
export const EXPECTED_JOB_NAMES = Symbol('EXPECTED_JOB_NAMES');

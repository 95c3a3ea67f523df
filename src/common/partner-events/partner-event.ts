import type { EntityManager } from 'typeorm';

/**
 * The events partners can subscribe to (spec 3.8, 4). Part of the published partner contract:
 * renaming one is a breaking change.
 */
export enum PartnerEventType {
  ReferralStatusChanged = 'referral.status_changed',
  CaseShared = 'case.shared',
  CaseShareRevoked = 'case.share_revoked',
  CheckinRequested = 'checkin.requested',
  EscalationRaised = 'escalation.raised',
  ExpediteRequested = 'expedite.requested',
  ActivationStarted = 'activation.started',
  ActivationStoodDown = 'activation.stood_down',
}

/** Thin: ids, codes, coarse statuses and timestamps. Never a name, contact or narrative. */
export type PartnerEventData = Record<string, string | number | boolean | null>;

export interface PartnerEvent {
  /** The agencies told; each gets its own copy through its own endpoints. */
  agencyIds: readonly string[];
  type: PartnerEventType;
  data: PartnerEventData;
  /**
   * Makes publishing idempotent: at most one event per agency and key (e.g. `share:<id>:revoked`).
   * Job handlers that may run twice must pass one.
   */
  dedupeKey?: string;
}

/**
 * The port every module uses to tell partner agencies something. It records the event in the
 * caller's transaction (outbox); delivery to webhook endpoints happens afterwards, off the
 * request path.
 */
export abstract class PartnerEventPublisher {
  abstract publish(tx: EntityManager, event: PartnerEvent): Promise<void>;
}

import type { EntityManager } from 'typeorm';
import type { OutboxEventInput } from '@infra/outbox/outbox.service';
import type { ActivationOverrides } from './activation-policy.port';
import type { CasePriority, CaseStage } from './domain/case-stage';

/** What the check-in schedule of a case depends on, read in the transaction that changed it. */
export interface CaseScheduleFacts {
  caseId: string;
  reference: string;
  stage: CaseStage;
  priority: CasePriority;
  /** True when the case has just entered `stage` (a fresh interval starts now). */
  stageEntered: boolean;
  /** The triage deadline while the case is untriaged; null once triaged. */
  triageDueAt: Date | null;
  /**
   * Set only by intake, for a case created in this very transaction: it can have no schedule yet
   * (nothing to lock), and the overrides of the activation it was just linked to (null: none) are
   * already in hand — two round trips fewer on every intake. `events` are the journal's own
   * outbox events for the opening (its stage change), written in the one statement that records
   * the schedule's deadlines — one round trip fewer again.
   */
  opened?: { activationOverrides: ActivationOverrides | null; events?: OutboxEventInput[] };
}

/**
 * Implemented by the checkins module. The case journal calls it in the same transaction as a
 * stage or priority change, so a case is never without a current schedule.
 */
export abstract class CheckinScheduler {
  abstract recompute(tx: EntityManager, facts: CaseScheduleFacts): Promise<void>;
}

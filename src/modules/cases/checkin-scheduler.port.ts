import type { EntityManager } from 'typeorm';
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
}

/**
 * Implemented by the checkins module. The case journal calls it in the same transaction as a
 * stage or priority change, so a case is never without a current schedule.
 */
export abstract class CheckinScheduler {
  abstract recompute(tx: EntityManager, facts: CaseScheduleFacts): Promise<void>;
}

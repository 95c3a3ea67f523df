import type { EntityManager } from 'typeorm';
import type { CaseStage } from './domain/case-stage';

export interface StageChange {
  caseId: string;
  reference: string;
  from: CaseStage | null;
  to: CaseStage;
}

/**
 * Told of every stage change, in the transaction that makes it (the referrals module turns it
 * into `referral.status_changed` for the referring agency). Optional: without it nothing listens.
 */
export abstract class CaseStageObserver {
  abstract stageChanged(tx: EntityManager, change: StageChange): Promise<void>;
}

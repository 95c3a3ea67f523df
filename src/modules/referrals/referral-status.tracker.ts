import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '@common/clock/clock';
import { PartnerEventPublisher, PartnerEventType } from '@common/partner-events/partner-event';
import { CaseStageObserver, type StageChange } from '@modules/cases/case-stage-observer.port';
import { referralStatusOf } from './referral-status';
import { ReferralsRepository } from './referrals.repository';

/**
 * Keeps a referral's coarse status in step with its case's stage, and tells the referring agency
 * (`referral.status_changed`) once per change — a move between stages of one coarse status is
 * not news. Separate from ReferralsService, which depends on the intake this observes.
 */
@Injectable()
export class ReferralStatusTracker extends CaseStageObserver {
  constructor(
    private readonly repository: ReferralsRepository,
    private readonly events: PartnerEventPublisher,
    private readonly clock: Clock,
  ) {
    super();
  }

  /** In the stage change's transaction: a new coarse status is told to the referring agency, once. */
  async stageChanged(tx: EntityManager, change: StageChange): Promise<void> {
    // A case's creation: its referral, if any, is written after it in this transaction, at
    // RECEIVED — nothing to look up (one round trip less on every intake).
    if (change.from === null) return;
    const referral = await this.repository.findByCase(tx, change.caseId);
    if (!referral) return;
    const status = referralStatusOf(change.to);
    if (status === referral.status) return;
    const now = this.clock.now();
    const statusVersion = referral.statusVersion + 1;
    await this.repository.update(tx, referral.id, { status, statusVersion, statusChangedAt: now });
    await this.events.publish(tx, {
      agencyIds: [referral.agencyId],
      type: PartnerEventType.ReferralStatusChanged,
      data: { referralId: referral.id, status, previousStatus: referral.status, changedAt: now.toISOString() },
      dedupeKey: `referral:${referral.id}:status:${statusVersion}`,
    });
  }
}

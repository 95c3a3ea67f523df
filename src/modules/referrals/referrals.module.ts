import { Global, Module } from '@nestjs/common';
import { CaseStageObserver } from '@modules/cases/case-stage-observer.port';
import { CasesModule } from '@modules/cases/cases.module';
import { ReferralStatusTracker } from './referral-status.tracker';
import { ReferralsController } from './referrals.controller';
import { ReferralsRepository } from './referrals.repository';
import { ReferralsService } from './referrals.service';

/** Partner referrals. Global for the port it implements: the case journal's CaseStageObserver. */
@Global()
@Module({
  imports: [CasesModule],
  controllers: [ReferralsController],
  providers: [ReferralsRepository, ReferralsService, ReferralStatusTracker, { provide: CaseStageObserver, useExisting: ReferralStatusTracker }],
  exports: [CaseStageObserver],
})
export class ReferralsModule {}

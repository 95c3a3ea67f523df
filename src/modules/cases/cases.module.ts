import { Module } from '@nestjs/common';
import { CaseAccessService } from './case-access.service';
import { CaseActivationLinks } from './case-activation-links.service';
import { CaseActivationRepository } from './case-activation.repository';
import { CaseErasureParticipants } from './case-erasure.port';
import { CaseErasureService } from './case-erasure.service';
import { CaseRetentionHandler } from './case-retention.handler';
import { CaseShredder } from './case-shredder';
import { ClearCodesSealer } from './clear-codes-sealer';
import { CaseEventsHandler } from './case-events.handler';
import { CaseFactsService } from './case-facts.service';
import { CaseJournal } from './case-journal';
import { CaseLifecycleService } from './case-lifecycle.service';
import { CaseListService } from './case-list.service';
import { CaseMatchingService } from './case-matching.service';
import { CaseNotesService } from './case-notes.service';
import { CaseSealer } from './case-sealer';
import { CaseTeamService } from './case-team.service';
import { CaseWhereabouts } from './case-whereabouts.service';
import { CasesController } from './cases.controller';
import { CasesRepository } from './cases.repository';
import { CasesService } from './cases.service';
import { DuplicateReviewController } from './duplicate-review.controller';
import { DuplicateReviewService } from './duplicate-review.service';

@Module({
  controllers: [CasesController, DuplicateReviewController],
  providers: [
    CasesService,
    CaseListService,
    DuplicateReviewService,
    CaseLifecycleService,
    CaseTeamService,
    CaseNotesService,
    CaseErasureService,
    CaseShredder,
    CaseRetentionHandler,
    ClearCodesSealer,
    CaseEventsHandler,
    CaseAccessService,
    CaseMatchingService,
    CaseSealer,
    CaseJournal,
    CaseWhereabouts,
    CaseFactsService,
    CaseErasureParticipants,
    CasesRepository,
    CaseActivationLinks,
    CaseActivationRepository,
  ],
  exports: [CaseAccessService, CaseSealer, CaseJournal, CaseWhereabouts, CaseFactsService, CaseErasureParticipants, CasesService, CaseActivationLinks],
})
export class CasesModule {}

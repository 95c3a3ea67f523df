import { Global, Module } from '@nestjs/common';
import { CasesModule } from '@modules/cases/cases.module';
import { DocumentsModule } from '@modules/documents/documents.module';
import { EscalationsModule } from '@modules/escalations/escalations.module';
import { JourneyFacts } from '@modules/cases/journey-facts.port';
import { ApprovalNotices } from './approval-notices';
import { ExpediteController, PartnerExpediteController } from './expedite/expedite.controller';
import { ExpediteRepository } from './expedite/expedite.repository';
import { ExpediteEligibility } from './expedite/expedite-eligibility';
import { ExpediteErasure } from './expedite/expedite-erasure';
import { ExpediteOverdueHandler } from './expedite/expedite-overdue.handler';
import { ExpediteService } from './expedite/expedite.service';
import { PartnerExpediteService } from './expedite/partner-expedite.service';
import { JourneyErasure, JourneyFactsService } from './journey-facts.service';
import { JourneysController } from './journeys.controller';
import { JourneysRepository } from './journeys.repository';
import { MovementsService } from './movements.service';
import { RelocationPlansService } from './relocation-plans.service';
import { ResettlementChecklist } from './resettlement/resettlement-checklist';
import { ResettlementController } from './resettlement/resettlement.controller';
import { ResettlementService } from './resettlement/resettlement.service';
import { StayLimitHandler } from './stay-limit.handler';
import { StayLimitService } from './stay-limit.service';
import { StayRulesController } from './stay-rules.controller';
import { StayRulesService } from './stay-rules.service';
import { TransitPolicy } from './transit-policy';

/** Global only for the cases module's ports it implements: the stage guards' journey facts and erasure. */
@Global()
@Module({
  imports: [CasesModule, DocumentsModule, EscalationsModule],
  controllers: [JourneysController, ResettlementController, StayRulesController, ExpediteController, PartnerExpediteController],
  providers: [
    ApprovalNotices,
    RelocationPlansService,
    MovementsService,
    ResettlementService,
    StayLimitService,
    StayLimitHandler,
    StayRulesService,
    TransitPolicy,
    JourneysRepository,
    { provide: JourneyFacts, useClass: JourneyFactsService },
    JourneyErasure,
    ExpediteService,
    PartnerExpediteService,
    ExpediteEligibility,
    ExpediteErasure,
    ExpediteOverdueHandler,
    ExpediteRepository,
    ResettlementChecklist,
  ],
  exports: [JourneyFacts, ResettlementChecklist],
})
export class JourneysModule {}

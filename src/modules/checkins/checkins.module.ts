import { Global, Module } from '@nestjs/common';
import { CheckinErasure } from './checkin-erasure';
import { CasesModule } from '@modules/cases/cases.module';
import { CheckinScheduler } from '@modules/cases/checkin-scheduler.port';
import { CheckinLinksController } from './checkin-links.controller';
import { CheckinLinksHandler } from './checkin-links.handler';
import { CheckinLinksRepository } from './checkin-links.repository';
import { CheckinLinksService } from './checkin-links.service';
import { CheckinPageController } from './checkin-page.controller';
import { CheckinPageService } from './checkin-page.service';
import { PinHasher } from './pin-hasher';
import { CheckinJobsHandler } from './checkin-jobs.handler';
import { CheckinPolicyController } from './checkin-policy.controller';
import { CheckinPolicyService } from './checkin-policy.service';
import { CheckinScheduleService } from './checkin-schedule.service';
import { CheckinSchedulesBulkRepository } from './checkin-schedules-bulk.repository';
import { CheckinsController } from './checkins.controller';
import { CheckinsRepository } from './checkins.repository';
import { CheckinsService } from './checkins.service';
import { EscalationsModule } from '@modules/escalations/escalations.module';

/** Global for the port it implements: the case journal's CheckinScheduler. */
@Global()
@Module({
  imports: [CasesModule, EscalationsModule],
  controllers: [CheckinsController, CheckinPolicyController, CheckinLinksController, CheckinPageController],
  providers: [
    CheckinErasure,
    CheckinsRepository,
    CheckinScheduleService,
    CheckinSchedulesBulkRepository,
    { provide: CheckinScheduler, useExisting: CheckinScheduleService },
    CheckinsService,
    CheckinPolicyService,
    CheckinJobsHandler,
    CheckinLinksRepository,
    CheckinLinksService,
    CheckinPageService,
    CheckinLinksHandler,
    PinHasher,
  ],
  exports: [CheckinScheduler, CheckinsService, CheckinScheduleService],
})
export class CheckinsModule {}

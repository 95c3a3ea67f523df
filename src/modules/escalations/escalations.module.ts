import { Module } from '@nestjs/common';
import { CasesModule } from '@modules/cases/cases.module';
import { EscalationAssignment } from './escalation-assignment.service';
import { EscalationCommands } from './escalation-commands.service';
import { EscalationEventsRepository } from './escalation-events.repository';
import { EscalationFieldAlarm } from './escalation-field-alarm';
import { EscalationLevels } from './escalation-levels.service';
import { EscalationQueries } from './escalation-queries.service';
import { EscalationScope } from './escalation-scope';
import { EscalationStepHandler } from './escalation-step.handler';
import { EscalationTimeline } from './escalation-timeline';
import { EscalationsController } from './escalations.controller';
import { EscalationsRepository } from './escalations.repository';
import { EscalationsService } from './escalations.service';

/**
 * Escalations (spec 3.6): EscalationsService opens them (deadlines, duress, stay limits, expedite,
 * staff), EscalationLevels enters a level, EscalationStepHandler climbs, EscalationCommands and
 * EscalationAssignment are the staff actions, EscalationQueries the reads.
 */
@Module({
  imports: [CasesModule],
  controllers: [EscalationsController],
  providers: [
    EscalationsRepository,
    EscalationEventsRepository,
    EscalationTimeline,
    EscalationFieldAlarm,
    EscalationLevels,
    EscalationsService,
    EscalationStepHandler,
    EscalationScope,
    EscalationCommands,
    EscalationAssignment,
    EscalationQueries,
  ],
  exports: [EscalationsService, EscalationCommands],
})
export class EscalationsModule {}

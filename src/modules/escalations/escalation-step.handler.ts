import { Injectable } from '@nestjs/common';
import { StaffAlertType } from '@common/alerts/staff-alert';
import { actorLabel, systemActor } from '@common/access/principal';
import { Clock } from '@common/clock/clock';
import { JobName } from '@common/jobs/job-name';
import { JobHandler, type JobContext } from '@infra/queue/job-handler.decorator';
import { AuditService } from '@modules/audit/audit.service';
import { CaseFactsService } from '@modules/cases/case-facts.service';
import { EscalationsRepository } from './escalations.repository';
import { EscalationEventKind } from './escalation-event.entity';
import { EscalationLevels } from './escalation-levels.service';
import { EscalationTimeline } from './escalation-timeline';
import { EscalationState, topLevelOf, type EscalationLevel } from './domain/escalation';

const COMPONENT = 'escalations';

/** The climb: when a level's acknowledge window ends, an escalation still OPEN at it goes up one. */
@Injectable()
export class EscalationStepHandler {
  constructor(
    private readonly repository: EscalationsRepository,
    private readonly cases: CaseFactsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly timeline: EscalationTimeline,
    private readonly levels: EscalationLevels,
  ) {}

  @JobHandler(JobName.EscalationStep)
  async step({ tx, payload }: JobContext): Promise<void> {
    const row = await this.repository.lockEscalation(tx, String(payload.escalationId));
    // Acknowledged, resolved, or already past this level: the climb is over or done.
    if (!row || row.state !== EscalationState.OPEN || row.level !== Number(payload.level) || row.level >= Number(topLevelOf(row.trigger))) return;
    const facts = await this.cases.find(tx, row.caseId);
    if (!facts) return;
    const now = this.clock.now();
    const level = (row.level + 1) as EscalationLevel;
    await this.repository.updateEscalation(tx, row.id, { level, levelChangedAt: now });
    await this.audit.record(tx, {
      actor: systemActor(COMPONENT),
      action: 'escalation.escalated',
      resourceType: 'escalation',
      resourceId: row.id,
      caseId: row.caseId,
      details: { trigger: row.trigger, from: row.level, to: level },
    });
    await this.timeline.record(tx, { ...row, level }, EscalationEventKind.ESCALATED, actorLabel(systemActor(COMPONENT)), { from: row.level, to: level });
    await this.levels.enter(tx, [{ row: { ...row, level, levelChangedAt: now }, priority: facts.priority }], StaffAlertType.EscalationClimbed);
  }
}

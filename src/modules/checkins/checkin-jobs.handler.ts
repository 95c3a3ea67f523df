import { Injectable } from '@nestjs/common';
import { systemActor } from '@common/access/principal';
import { JobName } from '@common/jobs/job-name';
import { JobHandler, type JobContext } from '@infra/queue/job-handler.decorator';
import { CaseFactsService } from '@modules/cases/case-facts.service';
import { CaseStage } from '@modules/cases/domain/case-stage';
import { MetricsService } from '@modules/metrics/metrics.service';
import { ScheduleStatus } from './checkin-records.entity';
import { CheckinsRepository } from './checkins.repository';
import { EscalationLevel, EscalationTrigger } from './domain/escalation';
import { EscalationsService } from './escalations.service';

/** Deadlines, run from the outbox. Each reads the database again before acting. */
@Injectable()
export class CheckinJobsHandler {
  constructor(
    private readonly repository: CheckinsRepository,
    private readonly escalations: EscalationsService,
    private readonly cases: CaseFactsService,
    private readonly metrics: MetricsService,
  ) {}

  /** Opens MISSED_CHECKIN at level 1, unless a check-in or a change made a newer schedule version. */
  @JobHandler(JobName.CheckinDeadline)
  async deadline({ tx, payload }: JobContext): Promise<void> {
    const schedule = await this.repository.lockSchedule(tx, String(payload.caseId));
    if (!schedule || schedule.status !== ScheduleStatus.ACTIVE || schedule.version !== Number(payload.version)) return;
    const opened = await this.escalations.open(tx, {
      caseId: schedule.caseId,
      reference: schedule.caseReference,
      priority: schedule.priority,
      trigger: EscalationTrigger.MISSED_CHECKIN,
      level: EscalationLevel.CASEWORKER,
      actor: systemActor('checkins'),
    });
    // Deadline → escalation row: the latency the spec bounds ("within seconds"). Not awaited; an
    // attempt that rolls back after this line and is retried counts twice, which is rare and harmless.
    if (opened && schedule.deadlineAt) void this.metrics.escalationOpened(opened.trigger, schedule.deadlineAt, opened.openedAt);
  }

  /** Opens TRIAGE_SLA_BREACH if the case is still untriaged, open, and this is still its deadline. */
  @JobHandler(JobName.TriageDeadline)
  async triageDeadline({ tx, payload }: JobContext): Promise<void> {
    const facts = await this.cases.find(tx, String(payload.caseId));
    if (!facts || facts.erased || facts.triagedAt || facts.stage === CaseStage.CLOSED) return;
    if (facts.triageDueAt?.toISOString() !== payload.triageDueAt) return;
    const opened = await this.escalations.open(tx, {
      caseId: facts.id,
      reference: facts.reference,
      priority: facts.priority,
      trigger: EscalationTrigger.TRIAGE_SLA_BREACH,
      level: EscalationLevel.CASEWORKER,
      actor: systemActor('checkins'),
    });
    if (opened && facts.triageDueAt) void this.metrics.escalationOpened(opened.trigger, facts.triageDueAt, opened.openedAt);
  }
}

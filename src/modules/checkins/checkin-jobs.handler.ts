import { Injectable } from '@nestjs/common';
import { systemActor } from '@common/access/principal';
import { JobName } from '@common/jobs/job-name';
import { JobHandler, type JobContext } from '@infra/queue/job-handler.decorator';
import { CaseFactsService } from '@modules/cases/case-facts.service';
import { CaseStage } from '@modules/cases/domain/case-stage';
import { MetricsService } from '@modules/metrics/metrics.service';
import { ScheduleStatus } from './checkin-records.entity';
import { CheckinsRepository } from './checkins.repository';
import { EscalationLevel, EscalationTrigger } from '@modules/escalations/domain/escalation';
import { EscalationsService } from '@modules/escalations/escalations.service';

/**
 * Deadlines claimed by one run at most: one transaction's worth (a few statements whatever the
 * size) that keeps the locks it holds short, and lets concurrent runs share a burst.
 */
export const DEADLINE_BATCH = 500;

/** Deadlines, run from the outbox. Each reads the database again before acting. */
@Injectable()
export class CheckinJobsHandler {
  constructor(
    private readonly repository: CheckinsRepository,
    private readonly escalations: EscalationsService,
    private readonly cases: CaseFactsService,
    private readonly metrics: MetricsService,
  ) {}

  /**
   * Opens MISSED_CHECKIN at level 1, unless a check-in or a change made a newer schedule version.
   * Batch-capable: when thousands fall due at once (a purge), the run that fires first also
   * claims up to DEADLINE_BATCH other due deadlines and opens all their escalations set-based in
   * its one transaction; the jobs of the claimed events are dropped, or skip if already running.
   */
  @JobHandler(JobName.CheckinDeadline)
  async deadline({ tx, payload, claimMore }: JobContext): Promise<void> {
    const events = [payload, ...(claimMore ? await claimMore(DEADLINE_BATCH - 1) : []).map((event) => event.payload)];
    // The version each event is the deadline of; a schedule is current only at that version.
    const versions = new Map<string, Set<number>>();
    for (const event of events) {
      const caseId = String(event.caseId);
      versions.set(caseId, (versions.get(caseId) ?? new Set()).add(Number(event.version)));
    }
    // Re-read under lock: a check-in that committed first bumped the version, and one that comes
    // later waits for this transaction and then resolves what it opened.
    const missed = (await this.repository.lockSchedules(tx, [...versions.keys()])).filter(
      (schedule) => schedule.status === ScheduleStatus.ACTIVE && versions.get(schedule.caseId)?.has(schedule.version),
    );
    const opened = await this.escalations.openMany(
      tx,
      missed.map((schedule) => ({
        caseId: schedule.caseId,
        reference: schedule.caseReference,
        priority: schedule.priority,
        trigger: EscalationTrigger.MISSED_CHECKIN,
        level: EscalationLevel.CASEWORKER,
        actor: systemActor('checkins'),
      })),
    );
    // Deadline → escalation row: the latency the spec bounds ("within seconds"). Not awaited; an
    // attempt that rolls back after this line and is retried counts twice, which is rare and harmless.
    const deadlines = new Map(missed.map((schedule) => [schedule.caseId, schedule.deadlineAt]));
    for (const row of opened) {
      const deadlineAt = deadlines.get(row.caseId);
      if (deadlineAt) void this.metrics.escalationOpened(row.trigger, deadlineAt, row.openedAt);
    }
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

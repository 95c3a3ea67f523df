import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { systemActor } from '@common/access/principal';
import { Clock } from '@common/clock/clock';
import { JobName } from '@common/jobs/job-name';
import { OutboxService } from '@infra/outbox/outbox.service';
import { JobHandler, type JobContext } from '@infra/queue/job-handler.decorator';
import { TickScheduler } from '@infra/scheduling/tick-scheduler';
import { CaseFactsService } from '@modules/cases/case-facts.service';
import { CaseJournal } from '@modules/cases/case-journal';
import { EscalationLevel, EscalationTrigger } from '@modules/escalations/domain/escalation';
import { EscalationsService } from '@modules/escalations/escalations.service';
import { MetricsService } from '@modules/metrics/metrics.service';
import { ExpediteRepository } from './expedite.repository';

export const EXPEDITE_OVERDUE_TICK = 'journeys.expedite_overdue';
/**
 * Spec 3.6: escalations fire within seconds of the deadline. One indexed query every few seconds
 * (the partial index holds only undecided, unmarked requests), like the outbox reconciliation.
 */
const TICK_MS = 5_000;
const BATCH = 500;

/** The expedite clock: the overdue tick and the `expedite.overdue` job it records. */
@Injectable()
export class ExpediteOverdueHandler implements OnModuleInit {
  constructor(
    private readonly expedite: ExpediteRepository,
    private readonly ticks: TickScheduler,
    private readonly clock: Clock,
    private readonly cases: CaseFactsService,
    private readonly journal: CaseJournal,
    private readonly outbox: OutboxService,
    private readonly escalations: EscalationsService,
    private readonly metrics: MetricsService,
  ) {}

  onModuleInit(): void {
    this.ticks.declare(EXPEDITE_OVERDUE_TICK, TICK_MS, (tx) => this.markOverdue(tx));
  }

  /**
   * The tick: each undecided request past its deadline is marked overdue exactly once (the
   * UPDATE is the claim), journaled on its case, and handed to `expedite.overdue` with a
   * deterministic dedupe key.
   */
  private async markOverdue(tx: EntityManager): Promise<void> {
    const now = this.clock.now();
    for (const { id, caseId } of await this.expedite.markOverdue(tx, now, BATCH)) {
      const facts = await this.cases.find(tx, caseId);
      if (!facts || facts.erased) continue;
      await this.journal.record(tx, systemActor('expedite'), null, facts, {
        kind: 'EXPEDITE_OVERDUE',
        auditAction: 'case.expedite_overdue',
        details: { expediteRequestId: id },
      });
      await this.outbox.record(tx, { job: JobName.ExpediteOverdue, payload: { expediteRequestId: id, caseId }, dedupeKey: `expedite.overdue:${id}` });
    }
  }

  /**
   * Opens EXPEDITE_OVERDUE at the coordinator level (spec 3.4: silence escalates to
   * coordinators). One open per case however many requests lapse; a decision that arrived
   * after the marking makes the escalation moot.
   */
  @JobHandler(JobName.ExpediteOverdue)
  async overdue({ tx, payload }: JobContext): Promise<void> {
    const row = await this.expedite.lock(tx, String(payload.expediteRequestId));
    if (!row || row.overdueAt === null || row.decidedAt !== null) return;
    const facts = await this.cases.find(tx, row.caseId);
    if (!facts || facts.erased) return;
    const opened = await this.escalations.open(tx, {
      caseId: facts.id,
      reference: facts.reference,
      priority: facts.priority,
      trigger: EscalationTrigger.EXPEDITE_OVERDUE,
      level: EscalationLevel.COORDINATOR,
      actor: systemActor('expedite'),
    });
    if (opened) void this.metrics.escalationOpened(opened.trigger, row.deadlineAt, opened.openedAt);
  }
}

import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Clock } from '@common/clock/clock';
import { JobName } from '@common/jobs/job-name';
import { QueueConfig } from '@config/queue.config';
import { JobHandler, type JobContext } from '@infra/queue/job-handler.decorator';
import { TickScheduler } from '@infra/scheduling/tick-scheduler';
import { OutboxReconciler } from './outbox-reconciler';
import { OutboxRepository } from './outbox.repository';
import { OutboxService } from './outbox.service';

const DAY_MS = 86_400_000;
/** Finished events are kept this long for inspection. */
export const OUTBOX_RETENTION_MS = 7 * DAY_MS;

/** The outbox's own ticks: reconcile what Redis lost, and prune what finished long ago. */
@Injectable()
export class OutboxMaintenance implements OnModuleInit {
  constructor(
    private readonly ticks: TickScheduler,
    private readonly reconciler: OutboxReconciler,
    private readonly outbox: OutboxService,
    private readonly repository: OutboxRepository,
    private readonly clock: Clock,
    @Inject(QueueConfig) private readonly config: QueueConfig,
  ) {}

  onModuleInit(): void {
    this.ticks.declare('outbox.reconcile', this.config.reconcileMs, async () => {
      await this.reconciler.reconcile();
    });
    this.ticks.declare('outbox.prune', DAY_MS, async (tx, period) => {
      await this.outbox.record(tx, { job: JobName.OutboxPrune, dedupeKey: `outbox.prune:${period}` });
    });
  }

  @JobHandler(JobName.OutboxPrune)
  async prune({ tx }: JobContext): Promise<void> {
    await this.repository.deleteFinishedBefore(tx, new Date(this.clock.nowMs() - OUTBOX_RETENTION_MS));
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@common/clock/clock';
import { QueueConfig } from '@config/queue.config';
import { JobQueue } from '@infra/queue/job-queue';
import { OutboxRepository } from './outbox.repository';

const BATCH_SIZE = 1_000;

export interface ReconcileReport {
  checked: number;
  requeued: number;
  parked: number;
}

/**
 * Re-adds events that are due, were handed to bull, and are not done — what a Redis restart
 * without persistence loses. Adding an id bull still holds is a no-op, so this is always safe.
 */
@Injectable()
export class OutboxReconciler {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
    @Inject(QueueConfig) private readonly config: QueueConfig,
  ) {}

  async reconcile(): Promise<ReconcileReport> {
    const now = this.clock.now();
    const rows = await this.outbox.findOverdueEnqueued(now, BATCH_SIZE);
    const report: ReconcileReport = { checked: rows.length, requeued: 0, parked: 0 };
    const lost = [];
    for (const row of rows) {
      const job = await this.jobs.getJob(row.id);
      if (!job) {
        lost.push({ id: row.id, name: row.jobName, delayMs: 0 });
        continue;
      }
      // The last attempt failed but the process died before the outbox heard of it.
      if ((await job.isFailed()) && job.attemptsMade >= (job.opts.attempts ?? this.config.attempts)) {
        await this.outbox.park(row.id, now);
        report.parked += 1;
      }
    }
    await this.jobs.addAll(lost);
    report.requeued = lost.length;
    return report;
  }
}

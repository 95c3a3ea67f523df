import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@common/clock/clock';
import { QueueConfig } from '@config/queue.config';
import { JobQueue } from '@infra/queue/job-queue';
import { OutboxRepository } from './outbox.repository';

/** Events due within this window go to bull as delayed jobs; later ones wait in PostgreSQL. */
export const RELAY_HORIZON_MS = 10 * 60_000;
const BATCH_SIZE = 500;

/**
 * Moves committed outbox events into bull. Rows are claimed with FOR UPDATE SKIP LOCKED and
 * added to bull (jobId = event id) before the claim commits: if the commit fails, the next pass
 * adds them again and bull ignores the duplicate id.
 */
@Injectable()
export class OutboxRelay implements OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = true;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
    @Inject(QueueConfig) private readonly config: QueueConfig,
  ) {}

  /** One pass; returns how many events it handed over. */
  async relayOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      const moved = await this.dataSource.transaction(async (tx) => {
        const now = this.clock.now();
        const rows = await this.outbox.claimPending(tx, new Date(now.getTime() + RELAY_HORIZON_MS), BATCH_SIZE);
        if (rows.length === 0) return 0;
        await this.jobs.addAll(rows.map((row) => ({ id: row.id, name: row.jobName, delayMs: row.availableAt.getTime() - now.getTime() })));
        await this.outbox.markEnqueued(
          tx,
          rows.map((row) => row.id),
          now,
        );
        return rows.length;
      });
      total += moved;
      if (moved < BATCH_SIZE) return total;
    }
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.relayOnce()
        .catch((error: unknown) => this.logger.warn({ error: errorName(error) }, 'outbox relay pass failed'))
        .finally(() => this.schedule(this.config.outboxPollMs));
    }, delayMs);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'UnknownError';
}

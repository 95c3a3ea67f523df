import { Inject, Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bull';
import type { Job, JobOptions, Queue } from 'bull';
import { QueueConfig } from '@config/queue.config';
import { QueueName } from './queue-name';

export interface QueuedJob {
  /** The outbox event id: bull refuses a second job with the same id while the first exists. */
  id: string;
  name: string;
  delayMs: number;
}

/** The only code that talks to bull's queue for adding and inspecting jobs. */
@Injectable()
export class JobQueue {
  constructor(
    @InjectQueue(QueueName.Main) readonly queue: Queue,
    @Inject(QueueConfig) private readonly config: QueueConfig,
  ) {}

  private options(job: QueuedJob): JobOptions {
    return {
      jobId: job.id,
      delay: Math.max(0, job.delayMs),
      attempts: this.config.attempts,
      backoff: { type: 'exponential', delay: this.config.backoffMs },
      removeOnComplete: true,
      // Failed jobs stay for inspection; their outbox row says FAILED too.
      removeOnFail: 1_000,
    };
  }

  async addAll(jobs: QueuedJob[]): Promise<void> {
    if (jobs.length === 0) return;
    // Job data stays empty: the payload lives in PostgreSQL, never in Redis.
    await this.queue.addBulk(jobs.map((job) => ({ name: job.name, data: {}, opts: this.options(job) })));
  }

  /**
   * Best effort: drops the queued jobs of events already finished elsewhere, so no worker picks
   * them up only to skip them. A job running right now is locked and stays (it will skip); a
   * job lost here is harmless, its event is done.
   */
  async removeAll(ids: string[]): Promise<void> {
    await Promise.allSettled(ids.map(async (id) => (await this.queue.getJob(id))?.remove()));
  }

  getJob(id: string): Promise<Job | null> {
    return this.queue.getJob(id);
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@common/clock/clock';
import { JobQueue } from '@infra/queue/job-queue';
import { OutboxRepository, type ParkedEvent, type ParkedFilter } from './outbox.repository';

/** At most this many events per command: a retry is a deliberate act, not a flood. */
export const PARKED_BATCH = 500;

/**
 * Events parked as FAILED after their last attempt, for operators: list them, and once the cause
 * is fixed, hand them back to the relay. Handlers are idempotent and re-check the database, so a
 * retried event never doubles an effect.
 */
@Injectable()
export class ParkedEvents {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: OutboxRepository,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
  ) {}

  list(filter: ParkedFilter = {}): Promise<ParkedEvent[]> {
    return this.repository.findParked(filter, PARKED_BATCH);
  }

  /**
   * Requeues the matching parked events. Bull keeps a failed job under the event's id, and
   * refuses a new job with the same id while it exists — so that job is removed first.
   */
  retry(filter: ParkedFilter): Promise<ParkedEvent[]> {
    return this.dataSource.transaction(async (tx) => {
      const parked = await this.repository.findParked(filter, PARKED_BATCH, tx);
      for (const event of parked) await (await this.jobs.getJob(event.id))?.remove();
      await this.repository.requeueParked(
        tx,
        parked.map((event) => event.id),
        this.clock.now(),
      );
      return parked;
    });
  }
}

import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '@common/clock/clock';
import type { JobName } from '@common/jobs/job-name';
import { OutboxRepository } from './outbox.repository';

export interface OutboxEventInput {
  job: JobName | string;
  /** Thin: ids, codes and timestamps only. */
  payload?: Record<string, unknown>;
  /** Run no earlier than this (deadlines); default now. */
  availableAt?: Date;
  /** At most one event ever exists for this key. */
  dedupeKey?: string;
}

/** Records side effects inside the caller's transaction; nothing runs unless it commits. */
@Injectable()
export class OutboxService {
  constructor(
    private readonly repository: OutboxRepository,
    private readonly clock: Clock,
  ) {}

  /** Returns the event id, or null when the dedupe key already existed. */
  async record(tx: EntityManager, input: OutboxEventInput): Promise<string | null> {
    const id = randomUUID();
    const inserted = await this.repository.insert(tx, {
      id,
      jobName: input.job,
      payload: input.payload ?? {},
      availableAt: input.availableAt ?? this.clock.now(),
      dedupeKey: input.dedupeKey ?? null,
    });
    return inserted ? id : null;
  }

  /**
   * Of these dedupe keys, those whose event has not finished: its job has not run to its commit
   * (a Redis loss, a killed worker or a retry delays it). A DONE event's row may be pruned later;
   * a key with no event is reported finished.
   */
  unfinished(tx: EntityManager, dedupeKeys: string[]): Promise<Set<string>> {
    return this.repository.unfinishedKeys(tx, dedupeKeys);
  }

  /** Many events in one statement; returns how many were new (the rest had their dedupe key already). */
  recordMany(tx: EntityManager, inputs: OutboxEventInput[]): Promise<number> {
    const now = this.clock.now();
    return this.repository.insertMany(
      tx,
      inputs.map((input) => ({
        id: randomUUID(),
        jobName: input.job,
        payload: input.payload ?? {},
        availableAt: input.availableAt ?? now,
        dedupeKey: input.dedupeKey ?? null,
      })),
    );
  }
}

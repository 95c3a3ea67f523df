import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { prepared, queryPrepared } from '@infra/database/prepared';
import { OutboxEventEntity, OutboxStatus } from './outbox-event.entity';

export interface OutboxRow {
  id: string;
  jobName: string;
  availableAt: Date;
}

export interface NewOutboxEvent {
  id: string;
  jobName: string;
  payload: Record<string, unknown>;
  availableAt: Date;
  dedupeKey: string | null;
}

/** A parked event as operators see it: what, how often, which error code — never the payload. */
export interface ParkedEvent {
  id: string;
  jobName: string;
  attempts: number;
  lastError: string | null;
  availableAt: Date;
  finishedAt: Date | null;
}

export interface ParkedFilter {
  ids?: string[];
  job?: string;
}

const toRow = (r: { id: string; job_name: string; available_at: Date }): OutboxRow => ({
  id: r.id,
  jobName: r.job_name,
  availableAt: r.available_at,
});

// Prepared: every side effect records one event, and every job locks and finishes one.
const INSERT_EVENT = prepared(
  'outbox_insert',
  `INSERT INTO outbox_events (id, job_name, payload, dedupe_key, available_at)
   VALUES ($1, $2, $3, $4, $5)
   ON CONFLICT (dedupe_key) DO NOTHING
   RETURNING id`,
);
// One shape whatever the number of events (arrays), so one prepared statement: every intake records its deadlines with it.
const INSERT_EVENTS = prepared(
  'outbox_insert_many',
  `INSERT INTO outbox_events (id, job_name, payload, dedupe_key, available_at)
   SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::jsonb[], $4::varchar[], $5::timestamptz[])
   ON CONFLICT (dedupe_key) DO NOTHING
   RETURNING id`,
);
const LOCK_FOR_RUN = prepared('outbox_lock_for_run', `SELECT job_name, payload, status FROM outbox_events WHERE id = $1 FOR UPDATE`);
const MARK_DONE = prepared('outbox_mark_done', `UPDATE outbox_events SET status = 'DONE', attempts = $2, last_error = NULL, finished_at = $3 WHERE id = $1`);

@Injectable()
export class OutboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts in the caller's transaction; a repeated dedupe key is silently kept as the first. */
  async insert(tx: EntityManager, event: NewOutboxEvent): Promise<boolean> {
    const rows = await queryPrepared<unknown[]>(tx, INSERT_EVENT, [event.id, event.jobName, JSON.stringify(event.payload), event.dedupeKey, event.availableAt]);
    return rows.length === 1;
  }

  /** One statement for many events (bulk reschedules); repeated dedupe keys keep the first. Returns how many were new. */
  async insertMany(tx: EntityManager, events: NewOutboxEvent[]): Promise<number> {
    if (events.length === 0) return 0;
    const rows = await queryPrepared<unknown[]>(tx, INSERT_EVENTS, [
      events.map((event) => event.id),
      events.map((event) => event.jobName),
      events.map((event) => JSON.stringify(event.payload)),
      events.map((event) => event.dedupeKey),
      events.map((event) => event.availableAt),
    ]);
    return rows.length;
  }

  /** Locks a batch of pending events due before `horizon`; concurrent relays skip each other's. */
  async claimPending(tx: EntityManager, horizon: Date, limit: number): Promise<OutboxRow[]> {
    const rows: Array<{ id: string; job_name: string; available_at: Date }> = await tx.query(
      `SELECT id, job_name, available_at FROM outbox_events
       WHERE status = 'PENDING' AND available_at <= $1
       ORDER BY available_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [horizon, limit],
    );
    return rows.map(toRow);
  }

  async markEnqueued(tx: EntityManager, ids: string[], at: Date): Promise<void> {
    await tx.query(`UPDATE outbox_events SET status = 'ENQUEUED', enqueued_at = $2 WHERE id = ANY($1::uuid[])`, [ids, at]);
  }

  /** Due, handed to the queue, and still not finished: candidates for re-enqueueing. */
  async findOverdueEnqueued(before: Date, limit: number): Promise<OutboxRow[]> {
    const rows: Array<{ id: string; job_name: string; available_at: Date }> = await this.dataSource.query(
      `SELECT id, job_name, available_at FROM outbox_events
       WHERE status = 'ENQUEUED' AND available_at <= $1
       ORDER BY available_at LIMIT $2`,
      [before, limit],
    );
    return rows.map(toRow);
  }

  /** Reads the event without a lock (handlers that run outside a transaction look first). */
  find(id: string): Promise<OutboxEventEntity | null> {
    return this.dataSource.getRepository(OutboxEventEntity).findOneBy({ id });
  }

  /** Locks the event for the duration of its handler, so two runs of one job serialize. */
  async lockForRun(tx: EntityManager, id: string): Promise<Pick<OutboxEventEntity, 'jobName' | 'payload' | 'status'> | null> {
    const rows = await queryPrepared<Array<{ job_name: string; payload: Record<string, unknown>; status: OutboxStatus }>>(tx, LOCK_FOR_RUN, [id]);
    const row = rows[0];
    return row ? { jobName: row.job_name, payload: row.payload, status: row.status } : null;
  }

  async markDone(tx: EntityManager, id: string, attempts: number, at: Date): Promise<void> {
    await queryPrepared(tx, MARK_DONE, [id, attempts, at]);
  }

  /**
   * Locks up to `limit` due, unfinished events of one job, skipping rows others hold (a running
   * job's own event, another batch's claim, the relay's). Handed-over events first, then those
   * the relay has not reached yet; each query stays on its partial index.
   */
  async claimDue(
    tx: EntityManager,
    jobName: string,
    due: Date,
    limit: number,
    except: string,
  ): Promise<Array<{ id: string; payload: Record<string, unknown> }>> {
    const claimed: Array<{ id: string; payload: Record<string, unknown> }> = [];
    for (const status of [OutboxStatus.Enqueued, OutboxStatus.Pending]) {
      if (claimed.length >= limit) break;
      // SKIP LOCKED does not skip rows this transaction holds: the run's own event is left out by id.
      const rows: Array<{ id: string; payload: Record<string, unknown> }> = await tx.query(
        `SELECT id, payload FROM outbox_events
         WHERE status = $1 AND available_at <= $2 AND job_name = $3 AND id <> $5
         ORDER BY available_at LIMIT $4 FOR UPDATE SKIP LOCKED`,
        [status, due, jobName, limit - claimed.length, except],
      );
      claimed.push(...rows);
    }
    return claimed;
  }

  /** Of these dedupe keys, those whose event is not DONE (pending, handed over, running or parked). */
  async unfinishedKeys(tx: EntityManager, dedupeKeys: string[]): Promise<Set<string>> {
    if (dedupeKeys.length === 0) return new Set();
    const rows: Array<{ dedupe_key: string }> = await tx.query(
      `SELECT dedupe_key FROM outbox_events WHERE dedupe_key = ANY($1::varchar[]) AND status <> 'DONE'`,
      [dedupeKeys],
    );
    return new Set(rows.map((row) => row.dedupe_key));
  }

  /** Events finished by another event's batch run: done in that run's transaction. */
  async markManyDone(tx: EntityManager, ids: string[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    await tx.query(`UPDATE outbox_events SET status = 'DONE', attempts = attempts + 1, last_error = NULL, finished_at = $2 WHERE id = ANY($1::uuid[])`, [
      ids,
      at,
    ]);
  }

  async recordFailure(id: string, attempts: number, errorCode: string, parked: boolean, at: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE outbox_events
       SET attempts = $2, last_error = $3,
           status = CASE WHEN $4 THEN 'FAILED' ELSE status END,
           finished_at = CASE WHEN $4 THEN $5::timestamptz ELSE finished_at END
       WHERE id = $1 AND status NOT IN ('DONE', 'FAILED')`,
      [id, attempts, errorCode.slice(0, 200), parked, at],
    );
  }

  async park(id: string, at: Date): Promise<void> {
    await this.recordFailure(id, 0, 'LOST_AFTER_LAST_ATTEMPT', true, at);
  }

  async countByStatus(): Promise<Record<OutboxStatus, number>> {
    const rows: Array<{ status: OutboxStatus; count: string }> = await this.dataSource.query(
      `SELECT status, count(*)::text AS count FROM outbox_events GROUP BY status`,
    );
    const counts = { PENDING: 0, ENQUEUED: 0, DONE: 0, FAILED: 0 } as Record<OutboxStatus, number>;
    for (const row of rows) counts[row.status] = Number(row.count);
    return counts;
  }

  async deleteFinishedBefore(tx: EntityManager, before: Date): Promise<number> {
    const result: [unknown[], number] = await tx.query(`DELETE FROM outbox_events WHERE status = 'DONE' AND finished_at < $1`, [before]);
    return result[1];
  }

  /** FAILED events, oldest first; with `tx`, locked for requeueing. */
  async findParked(filter: ParkedFilter, limit: number, tx?: EntityManager): Promise<ParkedEvent[]> {
    const params: unknown[] = [limit];
    const clauses = [`status = 'FAILED'`];
    if (filter.ids) clauses.push(`id = ANY($${params.push(filter.ids)}::uuid[])`);
    if (filter.job) clauses.push(`job_name = $${params.push(filter.job)}`);
    const rows: Array<{ id: string; job_name: string; attempts: number; last_error: string | null; available_at: Date; finished_at: Date | null }> = await (
      tx ?? this.dataSource.manager
    ).query(
      `SELECT id, job_name, attempts, last_error, available_at, finished_at FROM outbox_events
        WHERE ${clauses.join(' AND ')} ORDER BY available_at, id LIMIT $1${tx ? ' FOR UPDATE' : ''}`,
      params,
    );
    return rows.map((r) => ({
      id: r.id,
      jobName: r.job_name,
      attempts: r.attempts,
      lastError: r.last_error,
      availableAt: r.available_at,
      finishedAt: r.finished_at,
    }));
  }

  /** Back to PENDING with a fresh attempt budget: the relay hands them to the queue again. */
  async requeueParked(tx: EntityManager, ids: string[], at: Date): Promise<void> {
    await tx.query(
      `UPDATE outbox_events SET status = 'PENDING', attempts = 0, last_error = NULL, available_at = $2, enqueued_at = NULL, finished_at = NULL
        WHERE id = ANY($1::uuid[]) AND status = 'FAILED'`,
      [ids, at],
    );
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
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

const toRow = (r: { id: string; job_name: string; available_at: Date }): OutboxRow => ({
  id: r.id,
  jobName: r.job_name,
  availableAt: r.available_at,
});

@Injectable()
export class OutboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts in the caller's transaction; a repeated dedupe key is silently kept as the first. */
  async insert(tx: EntityManager, event: NewOutboxEvent): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO outbox_events (id, job_name, payload, dedupe_key, available_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id`,
      [event.id, event.jobName, JSON.stringify(event.payload), event.dedupeKey, event.availableAt],
    );
    return rows.length === 1;
  }

  /** One statement for many events (bulk reschedules); repeated dedupe keys keep the first. Returns how many were new. */
  async insertMany(tx: EntityManager, events: NewOutboxEvent[]): Promise<number> {
    if (events.length === 0) return 0;
    const rows: unknown[] = await tx.query(
      `INSERT INTO outbox_events (id, job_name, payload, dedupe_key, available_at)
       SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::jsonb[], $4::varchar[], $5::timestamptz[])
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id`,
      [
        events.map((event) => event.id),
        events.map((event) => event.jobName),
        events.map((event) => JSON.stringify(event.payload)),
        events.map((event) => event.dedupeKey),
        events.map((event) => event.availableAt),
      ],
    );
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

  /** Locks the event for the duration of its handler, so two runs of one job serialize. */
  lockForRun(tx: EntityManager, id: string): Promise<OutboxEventEntity | null> {
    return tx.getRepository(OutboxEventEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async markDone(tx: EntityManager, id: string, attempts: number, at: Date): Promise<void> {
    await tx.query(`UPDATE outbox_events SET status = 'DONE', attempts = $2, last_error = NULL, finished_at = $3 WHERE id = $1`, [
      id,
      attempts,
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
    const result: [unknown[], number] = await tx.query(
      `DELETE FROM outbox_events WHERE status = 'DONE' AND finished_at < $1`,
      [before],
    );
    return result[1];
  }
}

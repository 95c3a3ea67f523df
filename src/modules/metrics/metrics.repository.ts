import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface OperationsSnapshot {
  /** Outbox events not done, per job name and status (PENDING, ENQUEUED, FAILED). */
  jobs: Array<{ job: string; status: string; count: number; retrying: number }>;
  /** Age of the oldest event that is due and not done; 0 when none. */
  outboxLagSeconds: number;
  overdueCheckins: Array<{ priority: string; count: number }>;
  openEscalations: Array<{ level: number; trigger: string; count: number }>;
  unsealedAuditEvents: number;
  /** Age of the oldest unsealed audit event; 0 when none. */
  auditSealingLagSeconds: number;
}

/**
 * Aggregates for `/metrics`, read on scrape. Every query is a count or a min over an indexed or
 * small set, in one read-only transaction under a short statement timeout, so a slow database
 * makes a scrape fail fast instead of piling up. Counts and codes only: no reference, id or
 * protected column is selected.
 */
@Injectable()
export class MetricsRepository {
  constructor(private readonly dataSource: DataSource) {}

  snapshot(now: Date, timeoutMs: number): Promise<OperationsSnapshot> {
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      await tx.query(`SET TRANSACTION READ ONLY`);
      await tx.query(`SELECT set_config('statement_timeout', $1, true)`, [String(timeoutMs)]);
      const jobs: Array<{ job: string; status: string; count: number; retrying: number }> = await tx.query(
        `SELECT job_name AS job, status, count(*)::int AS count, count(*) FILTER (WHERE attempts > 0)::int AS retrying
           FROM outbox_events WHERE status <> 'DONE' GROUP BY job_name, status`,
      );
      const [lag]: Array<{ seconds: number }> = await tx.query(
        `SELECT COALESCE(EXTRACT(EPOCH FROM ($1::timestamptz - min(available_at))), 0)::float8 AS seconds
           FROM outbox_events WHERE status IN ('PENDING', 'ENQUEUED') AND available_at <= $1`,
        [now],
      );
      const overdueCheckins: Array<{ priority: string; count: number }> = await tx.query(
        `SELECT priority, count(*)::int AS count FROM checkin_schedules
          WHERE status = 'ACTIVE' AND deadline_at < $1 GROUP BY priority`,
        [now],
      );
      const openEscalations: Array<{ level: number; trigger: string; count: number }> = await tx.query(
        `SELECT level, "trigger", count(*)::int AS count FROM escalations WHERE state <> 'RESOLVED' GROUP BY level, "trigger"`,
      );
      const [audit]: Array<{ unsealed: number; seconds: number }> = await tx.query(
        `SELECT count(*)::int AS unsealed,
                COALESCE(EXTRACT(EPOCH FROM ($1::timestamptz - min(occurred_at))), 0)::float8 AS seconds
           FROM audit_events WHERE seq IS NULL`,
        [now],
      );
      return {
        jobs,
        outboxLagSeconds: Math.max(0, lag?.seconds ?? 0),
        overdueCheckins,
        openEscalations,
        unsealedAuditEvents: audit?.unsealed ?? 0,
        auditSealingLagSeconds: Math.max(0, audit?.seconds ?? 0),
      };
    });
  }
}

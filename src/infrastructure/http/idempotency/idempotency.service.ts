import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '@common/clock/clock';
import { HttpConfig } from '@config/http.config';
import { prepared, queryPrepared } from '@infra/database/prepared';
import { TickScheduler } from '@infra/scheduling/tick-scheduler';
import { IdempotencyState } from './idempotency-record.entity';

export type IdempotencyClaim =
  /** This request owns the key: run it, then `complete` or `release`. `token` identifies the claim. */
  { kind: 'claimed'; token: Date } | { kind: 'replay'; statusCode: number; body: unknown } | { kind: 'mismatch' } | { kind: 'in-flight' };

const HOUR_MS = 3_600_000;
/** Rows deleted per prune firing; the tick runs hourly, so a backlog drains quickly. */
const PRUNE_BATCH = 10_000;

// Prepared: every idempotent request runs the claim and, on success, the completion.
const CLAIM = prepared(
  'idempotency_claim',
  `INSERT INTO idempotency_records (scope, key, fingerprint, state, created_at, locked_until, expires_at)
   VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (scope, key) DO NOTHING RETURNING key`,
);
const COMPLETE = prepared(
  'idempotency_complete',
  `UPDATE idempotency_records SET state = $4, status_code = $5, response_body = $6::jsonb
   WHERE scope = $1 AND key = $2 AND created_at = $3 AND state = $7`,
);

/**
 * The database side of `Idempotency-Key`. A claim is an INSERT committed on its own before the
 * request runs, so of two concurrent requests with one key exactly one proceeds (the primary key
 * decides) — a Redis lock could be lost, this cannot. The answer is stored inside the request's
 * own transaction where the route says so (`storeIdempotentAnswer`), else right after it commits;
 * only successes are kept, so a refused or failed attempt changes nothing and leaves the key free
 * for a retry.
 */
@Injectable()
export class IdempotencyService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly ticks: TickScheduler,
    @Inject(HttpConfig) private readonly config: HttpConfig,
  ) {}

  onModuleInit(): void {
    this.ticks.declare('idempotency.prune', HOUR_MS, (tx) => this.prune(tx));
  }

  async claim(scope: string, key: string, fingerprint: string): Promise<IdempotencyClaim> {
    const now = this.clock.now();
    const lockedUntil = new Date(now.getTime() + this.config.idempotencyLeaseSeconds * 1000);
    const expiresAt = new Date(now.getTime() + this.config.idempotencyTtlHours * HOUR_MS);
    const inserted = await queryPrepared<unknown[]>(this.dataSource.manager, CLAIM, [
      scope,
      key,
      fingerprint,
      IdempotencyState.IN_FLIGHT,
      now,
      lockedUntil,
      expiresAt,
    ]);
    if (inserted.length === 1) return { kind: 'claimed', token: now };
    // Taken: an expired record is free again, and so is the same request's claim whose process died.
    const [, taken] = await this.dataSource.query<[unknown, number]>(
      `UPDATE idempotency_records SET fingerprint = $3, state = $4, status_code = NULL, response_body = NULL, created_at = $5, locked_until = $6, expires_at = $7
       WHERE scope = $1 AND key = $2 AND (expires_at <= $5 OR (state = $4 AND locked_until <= $5 AND fingerprint = $3))
       RETURNING key`,
      [scope, key, fingerprint, IdempotencyState.IN_FLIGHT, now, lockedUntil, expiresAt],
    );
    if (taken === 1) return { kind: 'claimed', token: now };
    const [row]: Array<{ fingerprint: string; state: IdempotencyState; status_code: number | null; response_body: unknown }> = await this.dataSource.query(
      `SELECT fingerprint, state, status_code, response_body FROM idempotency_records WHERE scope = $1 AND key = $2`,
      [scope, key],
    );
    // Released between our statements: the other attempt failed; answering 409 lets the client retry.
    if (!row) return { kind: 'in-flight' };
    if (row.fingerprint !== fingerprint) return { kind: 'mismatch' };
    if (row.state === IdempotencyState.COMPLETED && row.status_code !== null) return { kind: 'replay', statusCode: row.status_code, body: row.response_body };
    return { kind: 'in-flight' };
  }

  /**
   * Stores the answer of this claim (`token`); with `tx`, inside the request's own transaction, so
   * the effect and its answer commit together. Returns false when the claim is no longer this
   * request's (taken over after its lease, or already completed).
   */
  async complete(scope: string, key: string, token: Date, statusCode: number, body: unknown, tx: EntityManager = this.dataSource.manager): Promise<boolean> {
    // An UPDATE answers [rows, count] through TypeORM.
    const [, count] = await queryPrepared<[unknown[], number]>(tx, COMPLETE, [
      scope,
      key,
      token,
      IdempotencyState.COMPLETED,
      statusCode,
      JSON.stringify(body ?? null),
      IdempotencyState.IN_FLIGHT,
    ]);
    return count === 1;
  }

  /** Frees a key whose request failed; only this claim's row (a takeover's stays). */
  async release(scope: string, key: string, token: Date): Promise<void> {
    await this.dataSource.query(`DELETE FROM idempotency_records WHERE scope = $1 AND key = $2 AND created_at = $3 AND state = $4`, [
      scope,
      key,
      token,
      IdempotencyState.IN_FLIGHT,
    ]);
  }

  private async prune(tx: EntityManager): Promise<void> {
    await tx.query(`DELETE FROM idempotency_records WHERE ctid IN (SELECT ctid FROM idempotency_records WHERE expires_at <= $1 LIMIT ${PRUNE_BATCH})`, [
      this.clock.now(),
    ]);
  }
}

import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

export enum IdempotencyState {
  /** Claimed by a request still running; a duplicate meanwhile answers 409. */
  IN_FLIGHT = 'IN_FLIGHT',
  /** Finished with a success; the stored answer is replayed to a retry until `expires_at`. */
  COMPLETED = 'COMPLETED',
}

/**
 * One `Idempotency-Key` of one client (`scope`: `agency:<id>` for partners). The primary key is
 * what makes two concurrent requests with one key produce one effect: only one INSERT wins.
 * `response_body` holds the thin answer of a write (ids, statuses, timestamps) — never personal
 * data; routes whose answers carry any must not be made idempotent this way.
 */
@Entity({ name: 'idempotency_records' })
@Index('idempotency_records_expiry_idx', ['expiresAt'])
@Check('idempotency_records_state_ck', `"state" IN ('IN_FLIGHT', 'COMPLETED')`)
export class IdempotencyRecordEntity {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  scope!: string;

  @PrimaryColumn({ type: 'varchar', length: 255 })
  key!: string;

  /** SHA-256 (hex) of method, route template, path parameters and canonical body. */
  @Column({ type: 'char', length: 64 })
  fingerprint!: string;

  @Column({ type: 'varchar', length: 16 })
  state!: IdempotencyState;

  @Column({ name: 'status_code', type: 'integer', nullable: true })
  statusCode!: number | null;

  @Column({ name: 'response_body', type: 'jsonb', nullable: true })
  responseBody!: unknown;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** An IN_FLIGHT claim older than this belongs to a request that died; a retry may take it over. */
  @Column({ name: 'locked_until', type: 'timestamptz' })
  lockedUntil!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}

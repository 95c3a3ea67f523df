import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export enum OutboxStatus {
  /** Committed, not yet handed to the queue. */
  Pending = 'PENDING',
  /** Handed to the queue; the reconciler re-adds it if Redis lost it. */
  Enqueued = 'ENQUEUED',
  Done = 'DONE',
  /** Parked after its last attempt; visible to operators. */
  Failed = 'FAILED',
}

/**
 * A side effect recorded in the same transaction as the change that causes it. PostgreSQL is the
 * source of truth; bull only executes. Payloads are thin (ids, codes) and never personal data.
 */
@Entity({ name: 'outbox_events' })
@Index('outbox_events_pending_idx', ['availableAt'], { where: `"status" = 'PENDING'` })
@Index('outbox_events_enqueued_idx', ['availableAt'], { where: `"status" = 'ENQUEUED'` })
export class OutboxEventEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'job_name', type: 'varchar', length: 100 })
  jobName!: string;

  @Column({ type: 'jsonb', default: {} })
  payload!: Record<string, unknown>;

  /** Deterministic key for events that must exist at most once (e.g. one deadline per schedule version). */
  @Index('outbox_events_dedupe_key_uq', { unique: true })
  @Column({ name: 'dedupe_key', type: 'varchar', length: 200, nullable: true })
  dedupeKey!: string | null;

  @Column({ type: 'varchar', length: 16, default: OutboxStatus.Pending })
  status!: OutboxStatus;

  @Column({ name: 'available_at', type: 'timestamptz' })
  availableAt!: Date;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /** An error code or class name, never a message that could carry data. */
  @Column({ name: 'last_error', type: 'varchar', length: 200, nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'enqueued_at', type: 'timestamptz', nullable: true })
  enqueuedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}

import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

import type { AuditActorType, AuditOutcome } from './audit-outcome';

/**
 * One audited action. Ids, codes and outcomes only — never personal data. Rows are inserted
 * unsealed by the transaction that does the action; the sealer later gives each a `seq` and
 * chains it (`hash` = SHA-256 over `prev_hash` and the row's canonical form).
 */
@Entity({ name: 'audit_events' })
@Index('audit_events_unsealed_idx', ['occurredAt', 'id'], { where: '"seq" IS NULL' })
@Index('audit_events_case_idx', ['caseId', 'occurredAt'])
export class AuditEventEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** Position in the chain; null until sealed. */
  @Index('audit_events_seq_uq', { unique: true })
  @Column({ type: 'bigint', nullable: true })
  seq!: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'actor_type', type: 'varchar', length: 16 })
  actorType!: AuditActorType;

  /** User id, agency id or system component; null for anonymous. */
  @Column({ name: 'actor_id', type: 'varchar', length: 100, nullable: true })
  actorId!: string | null;

  /** The API key or session the actor used. */
  @Column({ name: 'actor_credential_id', type: 'uuid', nullable: true })
  actorCredentialId!: string | null;

  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ name: 'resource_type', type: 'varchar', length: 40 })
  resourceType!: string;

  @Column({ name: 'resource_id', type: 'varchar', length: 100, nullable: true })
  resourceId!: string | null;

  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId!: string | null;

  @Column({ type: 'varchar', length: 10 })
  outcome!: AuditOutcome;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId!: string | null;

  /** Non-personal facts (codes, counts, field names, reasons' category). */
  @Column({ type: 'jsonb', default: {} })
  details!: Record<string, string | number | boolean | string[]>;

  @Column({ name: 'prev_hash', type: 'varchar', length: 64, nullable: true })
  prevHash!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  hash!: string | null;

  @Column({ name: 'sealed_at', type: 'timestamptz', nullable: true })
  sealedAt!: Date | null;
}

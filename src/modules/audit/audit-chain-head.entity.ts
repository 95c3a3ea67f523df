import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The one row that says where the audit chain ends (so a truncated tail is detectable) and how
 * far it has been verified. A trigger refuses inserts, deletes and any move backwards.
 */
@Entity({ name: 'audit_chain_head' })
export class AuditChainHeadEntity {
  @PrimaryColumn({ type: 'smallint' })
  id!: number;

  /** seq of the last sealed event; 0 before the first. */
  @Column({ name: 'last_seq', type: 'bigint' })
  lastSeq!: string;

  /** hash of that event; the genesis hash before the first. */
  @Column({ name: 'last_hash', type: 'varchar', length: 64 })
  lastHash!: string;

  @Column({ name: 'last_sealed_at', type: 'timestamptz', nullable: true })
  lastSealedAt!: Date | null;

  /** The chain has been checked from its start through this seq (incrementally). */
  @Column({ name: 'verified_seq', type: 'bigint' })
  verifiedSeq!: string;

  @Column({ name: 'verified_hash', type: 'varchar', length: 64 })
  verifiedHash!: string;

  @Column({ name: 'verified_at', type: 'timestamptz', nullable: true })
  verifiedAt!: Date | null;
}

import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ServiceUpdateType, SharedField, SharePurpose } from './shared-fields';

/**
 * A need-to-know grant of one case to one agency: which catalogue fields, why, until when. At most
 * one is active per case and agency (a new share supersedes the old one). Revoked or expired, it
 * stops granting at once: every partner request re-reads it at the clock's present.
 */
@Entity({ name: 'case_shares' })
@Index('case_shares_case_idx', ['caseId', 'createdAt', 'id'])
@Index('case_shares_agency_idx', ['agencyId', 'expiresAt'])
export class CaseShareEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @Column({ type: 'text', array: true })
  fields!: SharedField[];

  @Column({ type: 'varchar', length: 32 })
  purpose!: SharePurpose;

  /** Staff user id. */
  @Column({ name: 'created_by', type: 'varchar', length: 100 })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  /** Staff user id, or `superseded` when a newer share replaced it. */
  @Column({ name: 'revoked_by', type: 'varchar', length: 100, nullable: true })
  revokedBy!: string | null;
}

/** A service a partner reports on a shared case; the free-text note is sealed under the case key. */
@Entity({ name: 'service_updates' })
@Index('service_updates_case_idx', ['caseId', 'createdAt', 'id'])
export class ServiceUpdateEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @Column({ type: 'varchar', length: 32 })
  type!: ServiceUpdateType;

  @Column({ name: 'note_sealed', type: 'bytea', nullable: true })
  noteSealed!: Buffer | null;

  /** When the service happened, as the agency reports it (a date, no time). */
  @Column({ name: 'occurred_on', type: 'date', nullable: true })
  occurredOn!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

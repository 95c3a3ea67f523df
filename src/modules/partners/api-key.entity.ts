import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import type { ApiKeyScope } from '@common/access/roles';
import { PartnerAgencyEntity } from './partner-agency.entity';

/**
 * A partner API key. The key itself is never stored: only its lookup id (not secret) and the
 * SHA-256 of the whole key (see api-key-credential.ts for why a fast hash is right here).
 */
@Entity({ name: 'api_keys' })
@Index('api_keys_agency_keyset_idx', ['agencyId', 'createdAt', 'id'])
export class ApiKeyEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @ForeignKey(() => PartnerAgencyEntity, { name: 'api_keys_agency_fk', onDelete: 'RESTRICT' })
  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @Column({ type: 'varchar', length: 100 })
  label!: string;

  @Index('api_keys_lookup_id_uq', { unique: true })
  @Column({ name: 'lookup_id', type: 'varchar', length: 12 })
  lookupId!: string;

  /** Hex SHA-256 of the whole key. */
  @Column({ name: 'secret_hash', type: 'varchar', length: 64 })
  secretHash!: string;

  @Column({ type: 'text', array: true })
  scopes!: ApiKeyScope[];

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** Null: no expiry. Rotation sets it to the end of the overlap window. */
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  /** Written at most once a minute per key, off the request path. */
  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  /** The credential epoch at issue; the key works only while it is the current one (lockdown). */
  @Column({ type: 'integer' })
  epoch!: number;

  /** The key this one replaced. Unique: a key is rotated at most once. */
  @ForeignKey(() => ApiKeyEntity, { name: 'api_keys_rotated_from_fk', onDelete: 'RESTRICT' })
  @Index('api_keys_rotated_from_uq', { unique: true })
  @Column({ name: 'rotated_from', type: 'uuid', nullable: true })
  rotatedFrom!: string | null;
}

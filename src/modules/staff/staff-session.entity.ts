import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One login: the current access token (hashed), an absolute expiry, and the credential epoch at
 * login (lockdown bumps the epoch, which ends every session at once). A session is also the
 * refresh-token family: reuse of a spent refresh token revokes it.
 */
@Entity({ name: 'staff_sessions' })
@Index('staff_sessions_user_idx', ['userId', 'createdAt'])
export class StaffSessionEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Index('staff_sessions_access_token_hash_uq', { unique: true })
  @Column({ name: 'access_token_hash', type: 'varchar', length: 64 })
  accessTokenHash!: string;

  @Column({ name: 'access_expires_at', type: 'timestamptz' })
  accessExpiresAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'integer' })
  epoch!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'refreshed_at', type: 'timestamptz', nullable: true })
  refreshedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'revoke_reason', type: 'varchar', length: 32, nullable: true })
  revokeReason!: string | null;
}

/** Every refresh token a session was given; a used one presented again means theft. */
@Entity({ name: 'staff_refresh_tokens' })
export class StaffRefreshTokenEntity {
  @PrimaryColumn({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @Index('staff_refresh_tokens_session_idx')
  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt!: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;
}

import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export enum EnrolmentPurpose {
  /** First password and authenticator for an invited account. */
  Invitation = 'INVITATION',
  /**
   * A new authenticator after an admin reset a lost one. Usable only with the account's current
   * password, so the admin who holds the token cannot use it to become the owner.
   */
  AuthenticatorReset = 'AUTHENTICATOR_RESET',
  /** Password and authenticator both lost: issued only when a second admin approved the reset. */
  CredentialReset = 'CREDENTIAL_RESET',
  /**
   * The first admin's, printed on the console at start while no admin has enrolled. Short-lived
   * (FIRST_ADMIN_TOKEN_TTL_MINUTES) and worthless as soon as any admin has enrolled.
   */
  FirstAdmin = 'FIRST_ADMIN',
}

/**
 * A one-time enrolment token (stored hashed). The first step sets a pending password and TOTP
 * secret; confirming with a valid code applies them and spends the token.
 */
@Entity({ name: 'staff_enrolments' })
export class StaffEnrolmentEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Index('staff_enrolments_user_idx')
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Index('staff_enrolments_token_hash_uq', { unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ type: 'varchar', length: 24 })
  purpose!: EnrolmentPurpose;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  /** Wrong current passwords given with an authenticator-reset token; at the limit the token is spent. */
  @Column({ name: 'failed_attempts', type: 'integer', default: 0 })
  failedAttempts!: number;

  @Column({ name: 'pending_password_hash', type: 'varchar', length: 200, nullable: true })
  pendingPasswordHash!: string | null;

  @Column({ name: 'pending_totp_sealed', type: 'bytea', nullable: true })
  pendingTotpSealed!: Buffer | null;

  /** The admin who issued it; null when issued by the CLI. */
  @Column({ name: 'issued_by', type: 'uuid', nullable: true })
  issuedBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

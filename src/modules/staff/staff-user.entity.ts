import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { StaffRole } from '@common/access/roles';
import type { StaffLanguage } from './staff-language';

export enum StaffStatus {
  /** Invited; enrolment (password + authenticator) not finished. */
  Invited = 'INVITED',
  Active = 'ACTIVE',
  Deactivated = 'DEACTIVATED',
}

/**
 * A staff account. Staff are targets too, so the email is stored encrypted under the user's own
 * data key, and found at login through a keyed blind index.
 */
@Entity({ name: 'staff_users' })
@Check('staff_users_language_ck', `"preferred_language" IN ('en', 'ru')`)
export class StaffUserEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Index('staff_users_email_index_uq', { unique: true })
  @Column({ name: 'email_index', type: 'varchar', length: 64 })
  emailIndex!: string;

  @Column({ name: 'email_sealed', type: 'bytea' })
  emailSealed!: Buffer;

  /** The name colleagues see (rosters, assignment); sealed like the email. Null until set. */
  @Column({ name: 'display_name_sealed', type: 'bytea', nullable: true })
  displayNameSealed!: Buffer | null;

  @Column({ name: 'preferred_language', type: 'varchar', length: 2, default: 'en' })
  preferredLanguage!: StaffLanguage;

  /** The console masks names in lists until each row is revealed (a setting of the person's own, kept here, never in the browser). */
  @Column({ name: 'mask_names', type: 'boolean', default: false })
  maskNames!: boolean;

  @Column({ type: 'text', array: true })
  roles!: StaffRole[];

  @Column({ type: 'varchar', length: 16 })
  status!: StaffStatus;

  @Column({ name: 'password_hash', type: 'varchar', length: 200, nullable: true })
  passwordHash!: string | null;

  @Column({ name: 'totp_secret_sealed', type: 'bytea', nullable: true })
  totpSecretSealed!: Buffer | null;

  /** The last TOTP time step accepted; older or equal steps are replays. */
  @Column({ name: 'totp_last_step', type: 'bigint', nullable: true })
  totpLastStep!: string | null;

  @Column({ name: 'failed_logins', type: 'integer', default: 0 })
  failedLogins!: number;

  /** How many times the account was locked; each lockout lasts twice the one before. */
  @Column({ type: 'integer', default: 0 })
  lockouts!: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'activated_at', type: 'timestamptz', nullable: true })
  activatedAt!: Date | null;

  @Column({ name: 'deactivated_at', type: 'timestamptz', nullable: true })
  deactivatedAt!: Date | null;

  /**
   * A reset for lost credentials (password and authenticator both) waiting for a second admin:
   * who asked and when. Null when none is pending.
   */
  @Column({ name: 'credential_reset_requested_by', type: 'uuid', nullable: true })
  credentialResetRequestedBy!: string | null;

  @Column({ name: 'credential_reset_requested_at', type: 'timestamptz', nullable: true })
  credentialResetRequestedAt!: Date | null;

  @Column({ name: 'password_changed_at', type: 'timestamptz', nullable: true })
  passwordChangedAt!: Date | null;
}

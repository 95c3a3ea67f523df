import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** What a one-time link (`/c/<token>`) lets the person do. */
export enum CheckinLinkKind {
  /** Check in with the safety PIN (or, under coercion, the duress PIN). */
  CHECKIN = 'CHECKIN',
  /** Choose the safety and duress PINs. */
  ENROL = 'ENROL',
}

/**
 * A case's check-in PINs (spec 3.5), as argon2id hashes only: the values are never stored,
 * returned or logged. One row per case; setting them again replaces both.
 */
@Entity({ name: 'checkin_pins' })
export class CheckinPinsEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'safety_pin_hash', type: 'varchar', length: 200 })
  safetyPinHash!: string;

  @Column({ name: 'duress_pin_hash', type: 'varchar', length: 200 })
  duressPinHash!: string;

  @Column({ name: 'set_at', type: 'timestamptz' })
  setAt!: Date;

  /** Staff user id, or `link:<link id>` when the person chose them through an ENROL link. */
  @Column({ name: 'set_by', type: 'varchar', length: 100 })
  setBy!: string;
}

/** A one-time link: 256 random bits, stored as their SHA-256; single use and expiring. */
@Entity({ name: 'checkin_links' })
@Index('checkin_links_token_uq', ['tokenHash'], { unique: true })
@Index('checkin_links_case_idx', ['caseId'])
@Check('checkin_links_attempts_ck', `"failed_attempts" >= 0`)
export class CheckinLinkEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: CheckinLinkKind;

  @Column({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** Staff user id of the caseworker who issued it. */
  @Column({ name: 'created_by', type: 'varchar', length: 100 })
  createdBy!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  /** Set when the link is spent: a successful use, or too many wrong PINs. */
  @Column({ name: 'spent_at', type: 'timestamptz', nullable: true })
  spentAt!: Date | null;

  @Column({ name: 'failed_attempts', type: 'integer', default: 0 })
  failedAttempts!: number;
}

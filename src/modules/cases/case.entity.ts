import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { CaseFlag, CasePriority, CaseStage, ClosureReason } from './domain/case-stage';

/**
 * One household's file. Plain columns are what staff filter and count by; every protected value
 * is a separate AES-256-GCM envelope under the case's own data key, bound to this row and field.
 * Erasure deletes the data key and nulls every envelope, keeping this row as a tombstone.
 */
@Entity({ name: 'cases' })
@Index('cases_stage_idx', ['stage', 'createdAt', 'id'])
@Index('cases_origin_idx', ['originCountry'])
@Index('cases_activation_idx', ['activationId'])
export class CaseEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Index('cases_reference_uq', { unique: true })
  @Column({ type: 'varchar', length: 11 })
  reference!: string;

  @Column({ type: 'varchar', length: 32 })
  stage!: CaseStage;

  /** The stage before CLOSED, which a reopen returns to. */
  @Column({ name: 'previous_stage', type: 'varchar', length: 32, nullable: true })
  previousStage!: CaseStage | null;

  @Column({ type: 'varchar', length: 16 })
  priority!: CasePriority;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  flags!: CaseFlag[];

  @Column({ name: 'origin_country', type: 'char', length: 2 })
  originCountry!: string;

  @Column({ name: 'current_country', type: 'char', length: 2, nullable: true })
  currentCountry!: string | null;

  @Column({ name: 'activation_id', type: 'uuid', nullable: true })
  activationId!: string | null;

  @Column({ name: 'referring_agency_id', type: 'uuid', nullable: true })
  referringAgencyId!: string | null;

  @Column({ name: 'consent_services', type: 'boolean', default: false })
  consentServices!: boolean;

  @Column({ name: 'consent_sharing', type: 'boolean', default: false })
  consentSharing!: boolean;

  @Column({ name: 'consent_resettlement', type: 'boolean', default: false })
  consentResettlement!: boolean;

  @Column({ name: 'consent_method', type: 'varchar', length: 24, nullable: true })
  consentMethod!: string | null;

  @Column({ name: 'consent_obtained_at', type: 'timestamptz', nullable: true })
  consentObtainedAt!: Date | null;

  /** Staff user or partner agency that recorded the consent. */
  @Column({ name: 'consent_recorded_by', type: 'varchar', length: 100, nullable: true })
  consentRecordedBy!: string | null;

  @Column({ name: 'consent_recorded_at', type: 'timestamptz', nullable: true })
  consentRecordedAt!: Date | null;

  @Column({ name: 'verification', type: 'varchar', length: 24, default: 'NONE' })
  verification!: string;

  @Column({ name: 'triage_due_at', type: 'timestamptz', nullable: true })
  triageDueAt!: Date | null;

  @Column({ name: 'triaged_at', type: 'timestamptz', nullable: true })
  triagedAt!: Date | null;

  @Column({ name: 'possible_duplicate', type: 'boolean', default: false })
  possibleDuplicate!: boolean;

  @Column({ name: 'dependants_count', type: 'integer', default: 0 })
  dependantsCount!: number;

  @Column({ name: 'closure_reason', type: 'varchar', length: 32, nullable: true })
  closureReason!: ClosureReason | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ name: 'legal_hold', type: 'boolean', default: false })
  legalHold!: boolean;

  @Column({ name: 'erased_at', type: 'timestamptz', nullable: true })
  erasedAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'person_sealed', type: 'bytea', nullable: true })
  personSealed!: Buffer | null;

  @Column({ name: 'contact_sealed', type: 'bytea', nullable: true })
  contactSealed!: Buffer | null;

  @Column({ name: 'location_sealed', type: 'bytea', nullable: true })
  locationSealed!: Buffer | null;

  @Column({ name: 'narrative_sealed', type: 'bytea', nullable: true })
  narrativeSealed!: Buffer | null;

  @Column({ name: 'sogiesc_sealed', type: 'bytea', nullable: true })
  sogiescSealed!: Buffer | null;

  @Column({ name: 'health_sealed', type: 'bytea', nullable: true })
  healthSealed!: Buffer | null;

  @Column({ name: 'documents_sealed', type: 'bytea', nullable: true })
  documentsSealed!: Buffer | null;

  @Column({ name: 'dependants_sealed', type: 'bytea', nullable: true })
  dependantsSealed!: Buffer | null;
}

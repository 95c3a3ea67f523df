import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ChecklistItem, MilestoneType, ResettlementNextStep, ResettlementPathway, ResettlementStatus } from './domain/resettlement';

/**
 * An application to a resettlement pathway. Submission is four-eyes (requested by case staff,
 * approved by another coordinator) and needs the case's resettlement consent or a coordinator's
 * sealed override reason. Destination arrival and handover close the journey.
 */
@Entity({ name: 'resettlement_applications' })
@Index('resettlement_applications_case_idx', ['caseId', 'createdAt', 'id'])
export class ResettlementApplicationEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'destination_country', type: 'char', length: 2 })
  destinationCountry!: string;

  @Column({ type: 'varchar', length: 24 })
  pathway!: ResettlementPathway;

  /** An organisation's name (a sponsoring group, a state programme); never a person. */
  @Column({ name: 'sponsoring_body', type: 'varchar', length: 200, nullable: true })
  sponsoringBody!: string | null;

  @Column({ type: 'varchar', length: 24 })
  status!: ResettlementStatus;

  @Column({ name: 'next_step', type: 'varchar', length: 24, nullable: true })
  nextStep!: ResettlementNextStep | null;

  @Column({ type: 'jsonb' })
  documents!: ChecklistItem[];

  @Column({ name: 'submission_requested_by', type: 'uuid', nullable: true })
  submissionRequestedBy!: string | null;

  @Column({ name: 'submission_requested_at', type: 'timestamptz', nullable: true })
  submissionRequestedAt!: Date | null;

  @Column({ name: 'submission_approved_by', type: 'uuid', nullable: true })
  submissionApprovedBy!: string | null;

  @Column({ name: 'submission_approved_at', type: 'timestamptz', nullable: true })
  submissionApprovedAt!: Date | null;

  @Column({ name: 'consent_overridden', type: 'boolean', default: false })
  consentOverridden!: boolean;

  @Column({ name: 'consent_override_reason_sealed', type: 'bytea', nullable: true })
  consentOverrideReasonSealed!: Buffer | null;

  @Column({ name: 'destination_arrived_on', type: 'date', nullable: true })
  destinationArrivedOn!: string | null;

  @Column({ name: 'handed_over_at', type: 'timestamptz', nullable: true })
  handedOverAt!: Date | null;

  /** A partner agency's id, when the settlement agency is one. */
  @Column({ name: 'settlement_agency_id', type: 'uuid', nullable: true })
  settlementAgencyId!: string | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** A dated step of an application; its note is sealed under the case key. */
@Entity({ name: 'resettlement_milestones' })
@Index('resettlement_milestones_application_idx', ['applicationId', 'occurredOn', 'id'])
export class ResettlementMilestoneEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ type: 'varchar', length: 24 })
  type!: MilestoneType;

  @Column({ name: 'occurred_on', type: 'date' })
  occurredOn!: string;

  @Column({ name: 'note_sealed', type: 'bytea', nullable: true })
  noteSealed!: Buffer | null;

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

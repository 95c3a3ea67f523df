import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ResettlementPathway } from '../resettlement/domain/resettlement';
import type { ExpediteAnswer, ExpediteShareField, ExpediteStatus } from './domain/expedite';

/**
 * An expedited protection request: an EMERGENCY case's resettlement application put before a
 * receiving state's liaison (a GOVERNMENT agency) with a deadline. The person's share is a
 * snapshot, sealed under the case key, opened only for the addressed agency (and erased with
 * the case). At most one undecided request per application and agency (a database rule).
 */
@Entity({ name: 'expedite_requests' })
@Index('expedite_requests_agency_idx', ['agencyId', 'createdAt', 'id'])
@Index('expedite_requests_case_idx', ['caseId', 'createdAt'])
@Index('expedite_requests_undecided_uq', ['applicationId', 'agencyId'], { unique: true, where: `"decided_at" IS NULL` })
@Index('expedite_requests_deadline_idx', ['deadlineAt'], { where: `"decided_at" IS NULL AND "overdue_at" IS NULL` })
export class ExpediteRequestEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'case_reference', type: 'varchar', length: 11 })
  caseReference!: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @Column({ name: 'destination_country', type: 'char', length: 2 })
  destinationCountry!: string;

  @Column({ type: 'varchar', length: 24 })
  pathway!: ResettlementPathway;

  @Column({ name: 'deadline_at', type: 'timestamptz' })
  deadlineAt!: Date;

  @Column({ type: 'varchar', length: 32 })
  status!: ExpediteStatus;

  @Column({ name: 'shared_fields', type: 'varchar', length: 24, array: true })
  sharedFields!: ExpediteShareField[];

  @Column({ name: 'person_share_sealed', type: 'bytea', nullable: true })
  personShareSealed!: Buffer | null;

  /** Sharing without the case's sharing consent needs a coordinator's reason (sealed, audited). */
  @Column({ name: 'consent_override_reason_sealed', type: 'bytea', nullable: true })
  consentOverrideReasonSealed!: Buffer | null;

  @Column({ name: 'requested_by', type: 'uuid' })
  requestedBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** When GRANTED or REFUSED arrived: the clock stops. */
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  /** When the deadline passed undecided (set once, by the overdue tick). */
  @Column({ name: 'overdue_at', type: 'timestamptz', nullable: true })
  overdueAt!: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** One answer of the liaison. Its message and granted document are sealed under the case key. */
@Entity({ name: 'expedite_responses' })
@Index('expedite_responses_request_idx', ['requestId', 'respondedAt', 'id'])
@Index('expedite_responses_case_idx', ['caseId'])
export class ExpediteResponseEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'request_id', type: 'uuid' })
  requestId!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @Column({ name: 'api_key_id', type: 'uuid' })
  apiKeyId!: string;

  @Column({ type: 'varchar', length: 32 })
  answer!: ExpediteAnswer;

  /** After the deadline (recorded all the same). */
  @Column({ type: 'boolean' })
  late!: boolean;

  @Column({ name: 'message_sealed', type: 'bytea', nullable: true })
  messageSealed!: Buffer | null;

  @Column({ name: 'document_sealed', type: 'bytea', nullable: true })
  documentSealed!: Buffer | null;

  @Column({ name: 'responded_at', type: 'timestamptz' })
  respondedAt!: Date;
}

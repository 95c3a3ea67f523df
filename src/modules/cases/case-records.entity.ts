import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A caseworker assigned to a case. */
@Entity({ name: 'case_assignments' })
@Index('case_assignments_user_idx', ['userId'])
export class CaseAssignmentEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'assigned_at', type: 'timestamptz' })
  assignedAt!: Date;

  @Column({ name: 'assigned_by', type: 'varchar', length: 100 })
  assignedBy!: string;
}

/** An append-only note; the body is sealed under the case's data key. */
@Entity({ name: 'case_notes' })
@Index('case_notes_case_idx', ['caseId', 'createdAt', 'id'])
export class CaseNoteEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  @Column({ name: 'body_sealed', type: 'bytea' })
  bodySealed!: Buffer;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** The case's timeline: every change, with codes and ids only. */
@Entity({ name: 'case_history' })
@Index('case_history_case_idx', ['caseId', 'occurredAt', 'id'])
@Index('case_history_clear_codes_idx', ['id'], {
  where: `("kind" = 'TRIAGED' AND "details" ? 'factors') OR ("kind" = 'FLAGS_CHANGED' AND "details" ? 'after')`,
})
export class CaseHistoryEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'actor_type', type: 'varchar', length: 16 })
  actorType!: string;

  @Column({ name: 'actor_id', type: 'varchar', length: 100, nullable: true })
  actorId!: string | null;

  @Column({ type: 'varchar', length: 40 })
  kind!: string;

  @Column({ name: 'from_stage', type: 'varchar', length: 32, nullable: true })
  fromStage!: string | null;

  @Column({ name: 'to_stage', type: 'varchar', length: 32, nullable: true })
  toStage!: string | null;

  @Column({ type: 'jsonb', default: {} })
  details!: Record<string, string | number | boolean | string[] | null>;

  /**
   * Codes that can out or endanger the person (triage risk factors and score, case flags), as
   * JSON sealed under the case key (AAD case_history/details/row id); never copied to the audit
   * log; nulled by erasure. Shown, merged into `details`, to staff who see the narrative.
   */
  @Column({ name: 'details_sealed', type: 'bytea', nullable: true })
  detailsSealed!: Buffer | null;
}

/** Keyed blind indexes of normalized names, phones and birth dates, for duplicate detection. */
@Entity({ name: 'case_match_keys' })
@Index('case_match_keys_digest_idx', ['digest'])
export class CaseMatchKeyEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  kind!: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  digest!: string;
}

export enum DuplicateDecision {
  SAME_PERSON = 'SAME_PERSON',
  NOT_SAME = 'NOT_SAME',
}

/** A possible duplicate flagged at intake, for a caseworker to review (and decide, once). */
@Entity({ name: 'case_duplicate_candidates' })
@Index('case_duplicate_candidates_candidate_idx', ['candidateCaseId'])
export class CaseDuplicateCandidateEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @PrimaryColumn({ name: 'candidate_case_id', type: 'uuid' })
  candidateCaseId!: string;

  @Column({ type: 'text', array: true })
  reasons!: string[];

  @Column({ name: 'flagged_at', type: 'timestamptz' })
  flaggedAt!: Date;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  /** `SAME_PERSON` or `NOT_SAME`; null while undecided. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  decision!: DuplicateDecision | null;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy!: string | null;

  /** SAME_PERSON: the case of the pair closed as a duplicate of the other. */
  @Column({ name: 'closed_case_id', type: 'uuid', nullable: true })
  closedCaseId!: string | null;
}

/** A structured triage assessment; an override reason is sealed (it may describe the person). */
@Entity({ name: 'triage_assessments' })
@Index('triage_assessments_case_idx', ['caseId', 'assessedAt'])
@Index('triage_assessments_clear_factors_idx', ['id'], { where: `"factors" IS NOT NULL` })
export class TriageAssessmentEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  /**
   * Legacy: factors written in clear before they were sealed (issue 15). Always null for new rows;
   * the `cases.seal_clear_codes` tick seals what is left and erasure nulls it.
   */
  @Column({ type: 'text', array: true, nullable: true })
  factors!: string[] | null;

  /** The risk-factor codes (OUTED, IN_HIDING…) as JSON sealed under the case key; nulled by erasure. */
  @Column({ name: 'factors_sealed', type: 'bytea', nullable: true })
  factorsSealed!: Buffer | null;

  @Column({ type: 'integer' })
  score!: number;

  @Column({ name: 'suggested_priority', type: 'varchar', length: 16 })
  suggestedPriority!: string;

  @Column({ type: 'varchar', length: 16 })
  priority!: string;

  @Column({ name: 'override_reason_sealed', type: 'bytea', nullable: true })
  overrideReasonSealed!: Buffer | null;

  @Column({ name: 'assessed_by', type: 'uuid' })
  assessedBy!: string;

  @Column({ name: 'assessed_at', type: 'timestamptz' })
  assessedAt!: Date;
}

/**
 * Erasure on request is four-eyes: one coordinator asks (with a reason code), another confirms.
 * At most one request per case is pending (`case_erasure_requests_pending_uq`).
 */
@Entity({ name: 'case_erasure_requests' })
@Index('case_erasure_requests_case_idx', ['caseId', 'requestedAt'])
@Index('case_erasure_requests_pending_uq', ['caseId'], { unique: true, where: `"status" = 'REQUESTED'` })
export class CaseErasureRequestEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  /** `REQUESTED`, `CONFIRMED` or `WITHDRAWN`. */
  @Column({ type: 'varchar', length: 16 })
  status!: string;

  @Column({ type: 'varchar', length: 24 })
  reason!: string;

  @Column({ name: 'requested_by', type: 'uuid' })
  requestedBy!: string;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;
}

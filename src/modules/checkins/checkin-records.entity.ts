import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { CasePriority, CaseStage } from '@modules/cases/domain/case-stage';
import type { EscalationOutcome, EscalationState, EscalationTrigger } from '../escalations/domain/escalation';

/** One row of the editable interval table (spec 3.5), in minutes. */
@Entity({ name: 'checkin_policy' })
@Check('checkin_policy_interval_ck', `"interval_minutes" > 0`)
export class CheckinPolicyEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  stage!: CaseStage;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  priority!: CasePriority;

  @Column({ name: 'interval_minutes', type: 'integer' })
  intervalMinutes!: number;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  /** Staff user id of the last editor; null for the seeded defaults. */
  @Column({ name: 'updated_by', type: 'varchar', length: 100, nullable: true })
  updatedBy!: string | null;
}

export enum ScheduleStatus {
  ACTIVE = 'ACTIVE',
  /** The case is closed: no deadline. */
  CLOSED = 'CLOSED',
}

/**
 * The current check-in schedule of a case. Every recompute bumps `version`; the deadline event of
 * a version acts only while that version is current.
 */
@Entity({ name: 'checkin_schedules' })
@Index('checkin_schedules_deadline_idx', ['deadlineAt'], { where: `"status" = 'ACTIVE'` })
export class CheckinScheduleEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'case_reference', type: 'varchar', length: 11 })
  caseReference!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'varchar', length: 16 })
  status!: ScheduleStatus;

  @Column({ type: 'varchar', length: 32 })
  stage!: CaseStage;

  @Column({ type: 'varchar', length: 16 })
  priority!: CasePriority;

  @Column({ name: 'interval_minutes', type: 'integer', nullable: true })
  intervalMinutes!: number | null;

  /** When the case entered its stage: the interval counts from here until a check-in. */
  @Column({ name: 'stage_entered_at', type: 'timestamptz' })
  stageEnteredAt!: Date;

  @Column({ name: 'last_checkin_at', type: 'timestamptz', nullable: true })
  lastCheckinAt!: Date | null;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  @Column({ name: 'deadline_at', type: 'timestamptz', nullable: true })
  deadlineAt!: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** A recorded contact with the person. The note, if any, is sealed under the case key. */
@Entity({ name: 'checkins' })
@Index('checkins_case_idx', ['caseId', 'occurredAt'])
export class CheckinEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ type: 'varchar', length: 16 })
  channel!: string;

  /** STAFF, PARTNER, or LINK (the person, through a one-time link and a PIN). */
  @Column({ type: 'varchar', length: 16 })
  source!: string;

  /** Staff user id or partner agency id. */
  @Column({ name: 'recorded_by', type: 'varchar', length: 100 })
  recordedBy!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'note_sealed', type: 'bytea', nullable: true })
  noteSealed!: Buffer | null;
}

/** An escalation: climbs by level until acknowledged; at most one unresolved per case and trigger. */
@Entity({ name: 'escalations' })
@Index('escalations_unresolved_uq', ['caseId', 'trigger'], { unique: true, where: `"state" <> 'RESOLVED'` })
@Index('escalations_opened_idx', ['openedAt', 'id'])
@Index('escalations_case_idx', ['caseId'])
export class EscalationEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'case_reference', type: 'varchar', length: 11 })
  caseReference!: string;

  @Column({ type: 'varchar', length: 24 })
  trigger!: EscalationTrigger;

  @Column({ type: 'integer' })
  level!: number;

  @Column({ type: 'varchar', length: 16 })
  state!: EscalationState;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  /** Staff user id, or `system:<component>`. */
  @Column({ name: 'opened_by', type: 'varchar', length: 100 })
  openedBy!: string;

  @Column({ name: 'level_changed_at', type: 'timestamptz' })
  levelChangedAt!: Date;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ name: 'acknowledged_by', type: 'varchar', length: 100, nullable: true })
  acknowledgedBy!: string | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @Column({ name: 'resolved_by', type: 'varchar', length: 100, nullable: true })
  resolvedBy!: string | null;

  @Column({ type: 'varchar', length: 24, nullable: true })
  outcome!: EscalationOutcome | null;

  /** The staff member a coordinator handed it to; null until reassigned. */
  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId!: string | null;
}

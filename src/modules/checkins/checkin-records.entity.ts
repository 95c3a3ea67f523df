import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { CasePriority, CaseStage } from '@modules/cases/domain/case-stage';

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

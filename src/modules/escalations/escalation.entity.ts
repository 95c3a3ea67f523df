import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { EscalationOutcome, EscalationState, EscalationTrigger } from './domain/escalation';

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

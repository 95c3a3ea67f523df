import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export enum EscalationEventKind {
  OPENED = 'OPENED',
  ESCALATED = 'ESCALATED',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  REASSIGNED = 'REASSIGNED',
  RESOLVED = 'RESOLVED',
}

/** One step of an escalation's timeline: who did what, at which level, when. Ids and codes only. */
@Entity({ name: 'escalation_events' })
@Index('escalation_events_escalation_idx', ['escalationId', 'occurredAt', 'id'])
export class EscalationEventEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'escalation_id', type: 'uuid' })
  escalationId!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: EscalationEventKind;

  @Column({ type: 'integer' })
  level!: number;

  /** Staff user id, `partner:<agency>` or `system:<component>`. */
  @Column({ type: 'varchar', length: 100 })
  actor!: string;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  details!: Record<string, string | number | boolean | null>;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;
}

import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An alert in a staff member's in-app inbox. Carries kinds, ids and references only: the inbox
 * may be read on a device that is later seized.
 */
@Entity({ name: 'staff_notifications' })
@Index('staff_notifications_recipient_idx', ['recipientUserId', 'createdAt', 'id'])
export class StaffNotificationEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'recipient_user_id', type: 'uuid' })
  recipientUserId!: string;

  @Column({ type: 'varchar', length: 48 })
  kind!: string;

  @Column({ name: 'subject_type', type: 'varchar', length: 32, nullable: true })
  subjectType!: string | null;

  @Column({ name: 'subject_id', type: 'varchar', length: 100, nullable: true })
  subjectId!: string | null;

  @Column({ type: 'jsonb', default: {} })
  details!: Record<string, string | number | boolean | string[]>;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;
}

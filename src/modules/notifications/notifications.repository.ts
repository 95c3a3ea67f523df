import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { KeysetPosition } from '@common/pagination/keyset';
import { StaffNotificationEntity } from './staff-notification.entity';

@Injectable()
export class NotificationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insertMany(tx: EntityManager, rows: StaffNotificationEntity[]): Promise<void> {
    if (rows.length > 0) await tx.getRepository(StaffNotificationEntity).insert(rows);
  }

  /** Newest first, keyset on (created_at, id). */
  async page(recipientUserId: string, before: KeysetPosition | null, limit: number, unreadOnly: boolean): Promise<StaffNotificationEntity[]> {
    const query = this.dataSource
      .getRepository(StaffNotificationEntity)
      .createQueryBuilder('n')
      .where('n.recipient_user_id = :recipientUserId', { recipientUserId })
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .take(limit + 1);
    if (unreadOnly) query.andWhere('n.read_at IS NULL');
    if (before) query.andWhere('(n.created_at, n.id) < (:createdAt, :id)', before);
    return query.getMany();
  }

  async findById(id: string): Promise<StaffNotificationEntity | null> {
    return this.dataSource.getRepository(StaffNotificationEntity).findOne({ where: { id } });
  }

  /** A recipient's notifications after one of theirs, oldest first (stream resumption); none if the id is not theirs. */
  async after(recipientUserId: string, afterId: string, limit: number): Promise<StaffNotificationEntity[]> {
    return this.dataSource
      .getRepository(StaffNotificationEntity)
      .createQueryBuilder('n')
      .where('n.recipient_user_id = :recipientUserId', { recipientUserId })
      .andWhere(
        '(n.created_at, n.id) > (SELECT p.created_at, p.id FROM staff_notifications p WHERE p.id = :afterId AND p.recipient_user_id = :recipientUserId)',
        { afterId },
      )
      .orderBy('n.created_at', 'ASC')
      .addOrderBy('n.id', 'ASC')
      .take(limit)
      .getMany();
  }

  async markRead(recipientUserId: string, id: string, at: Date): Promise<boolean> {
    const result: [unknown[], number] = await this.dataSource.query(
      `UPDATE staff_notifications SET read_at = COALESCE(read_at, $3) WHERE id = $1 AND recipient_user_id = $2`,
      [id, recipientUserId, at],
    );
    return result[1] > 0;
  }
}

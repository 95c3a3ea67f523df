import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RecordNotFoundException } from '@common/access/access.exception';
import { staffOf, type RequestContext } from '@common/access/request-context';
import { Clock } from '@common/clock/clock';
import { startAfter, toPage, type Page } from '@common/pagination/keyset';
import { NotificationsRepository } from './notifications.repository';
import type { StaffNotificationEntity } from './staff-notification.entity';

export interface NotificationInput {
  kind: string;
  subjectType?: string;
  subjectId?: string;
  /** Ids and codes only: an inbox may be read on a device that is later seized. */
  details?: Record<string, string | number | boolean | string[]>;
}

export interface NotificationView {
  id: string;
  kind: string;
  subjectType: string | null;
  subjectId: string | null;
  details: Record<string, string | number | boolean | string[]>;
  createdAt: string;
  readAt: string | null;
}

/** The in-app inbox. Other modules notify inside their own transaction. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly repository: NotificationsRepository,
    private readonly clock: Clock,
  ) {}

  async notify(tx: EntityManager, recipientUserIds: string[], input: NotificationInput): Promise<void> {
    await this.notifyEach(tx, [{ recipientUserIds, input }]);
  }

  /** Many notices in one statement (batch jobs): each item as `notify` would write it. */
  async notifyEach(tx: EntityManager, items: Array<{ recipientUserIds: string[]; input: NotificationInput }>): Promise<void> {
    const createdAt = this.clock.now();
    await this.repository.insertMany(
      tx,
      items.flatMap(({ recipientUserIds, input }) =>
        [...new Set(recipientUserIds)].map((recipientUserId) => ({
          id: randomUUID(),
          recipientUserId,
          kind: input.kind,
          subjectType: input.subjectType ?? null,
          subjectId: input.subjectId ?? null,
          details: input.details ?? {},
          createdAt,
          readAt: null,
        })),
      ),
    );
  }

  async inbox(ctx: RequestContext, query: { cursor?: string; limit: number; unread: boolean }): Promise<Page<NotificationView>> {
    const rows = await this.repository.page(staffOf(ctx).userId, startAfter(query.cursor), query.limit, query.unread);
    return toPage(rows, query.limit, toView);
  }

  async markRead(ctx: RequestContext, id: string): Promise<void> {
    if (!(await this.repository.markRead(staffOf(ctx).userId, id, this.clock.now()))) throw new RecordNotFoundException('notification');
  }
}

export const toView = (row: StaffNotificationEntity): NotificationView => ({
  id: row.id,
  kind: row.kind,
  subjectType: row.subjectType,
  subjectId: row.subjectId,
  details: row.details,
  createdAt: row.createdAt.toISOString(),
  readAt: row.readAt?.toISOString() ?? null,
});

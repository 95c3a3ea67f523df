import { ApiProperty } from '@nestjs/swagger';
import { ApiNextCursorProperty } from '@common/pagination/page-query.dto';
import type { NotificationView as NotificationViewShape } from '../notifications.service';

export class NotificationView implements NotificationViewShape {
  @ApiProperty({ type: String, example: '3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b' }) id!: NotificationViewShape['id'];
  @ApiProperty({ type: String, example: 'STAGE_CHANGED' }) kind!: NotificationViewShape['kind'];
  @ApiProperty({ type: String, example: 'ESCALATION', nullable: true }) subjectType!: NotificationViewShape['subjectType'];
  @ApiProperty({ type: String, example: '3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b', nullable: true }) subjectId!: NotificationViewShape['subjectId'];
  @ApiProperty({ type: 'object', additionalProperties: true, example: {} }) details!: NotificationViewShape['details'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time' }) createdAt!: NotificationViewShape['createdAt'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time', nullable: true }) readAt!: NotificationViewShape['readAt'];
}

export class NotificationPage {
  @ApiProperty({ type: [NotificationView] }) items!: NotificationView[];
  @ApiNextCursorProperty() nextCursor!: string | null;
}

import { ApiProperty } from '@nestjs/swagger';
import type { CheckinRecorded as CheckinRecordedShape, ScheduleView as ScheduleViewShape } from '../checkins.service';

export class ScheduleView implements ScheduleViewShape {
  @ApiProperty({ type: String, example: 'C-7K3M-9Q2X' }) reference!: ScheduleViewShape['reference'];
  @ApiProperty({ type: String, example: 'ACTIVE' }) status!: ScheduleViewShape['status'];
  @ApiProperty({ type: 'integer', example: 3 }) version!: ScheduleViewShape['version'];
  @ApiProperty({ type: String, example: 'TRIAGED' }) stage!: ScheduleViewShape['stage'];
  @ApiProperty({ type: String, example: 'URGENT' }) priority!: ScheduleViewShape['priority'];
  @ApiProperty({ type: 'integer', example: 3, nullable: true }) intervalMinutes!: ScheduleViewShape['intervalMinutes'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time', nullable: true }) lastCheckinAt!: ScheduleViewShape['lastCheckinAt'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time', nullable: true }) dueAt!: ScheduleViewShape['dueAt'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time', nullable: true }) deadlineAt!: ScheduleViewShape['deadlineAt'];
}

export class CheckinRecordedView implements CheckinRecordedShape {
  @ApiProperty({ type: String, example: '3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b' }) id!: CheckinRecordedShape['id'];
  @ApiProperty({ type: String, example: 'C-7K3M-9Q2X' }) reference!: CheckinRecordedShape['reference'];
  @ApiProperty({ enum: ['CALL', 'VISIT', 'MESSAGE'], example: 'CALL' }) channel!: CheckinRecordedShape['channel'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time' }) occurredAt!: CheckinRecordedShape['occurredAt'];
  @ApiProperty({ type: 'integer', example: 3 }) resolvedEscalations!: CheckinRecordedShape['resolvedEscalations'];
  @ApiProperty({ type: () => ScheduleView }) schedule!: ScheduleView;
}

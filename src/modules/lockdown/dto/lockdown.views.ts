import { ApiProperty } from '@nestjs/swagger';
import type { LockdownStatus as LockdownStatusShape } from '../lockdown.service';

export class LockdownStatusView implements LockdownStatusShape {
  @ApiProperty({ type: Boolean, example: false }) active!: LockdownStatusShape['active'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time', nullable: true }) declaredAt!: LockdownStatusShape['declaredAt'];
  @ApiProperty({ type: String, example: '3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b', nullable: true }) declaredBy!: LockdownStatusShape['declaredBy'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time', nullable: true }) liftedAt!: LockdownStatusShape['liftedAt'];
  @ApiProperty({ type: String, example: '3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b', nullable: true }) liftedBy!: LockdownStatusShape['liftedBy'];
}

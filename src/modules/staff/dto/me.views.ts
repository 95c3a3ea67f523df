import { ApiProperty } from '@nestjs/swagger';
import type { SessionView as SessionViewShape } from '../auth.service';

export class SessionView implements SessionViewShape {
  @ApiProperty({ type: String, example: '3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b' }) id!: SessionViewShape['id'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time' }) createdAt!: SessionViewShape['createdAt'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time', nullable: true }) refreshedAt!: SessionViewShape['refreshedAt'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time' }) expiresAt!: SessionViewShape['expiresAt'];
  @ApiProperty({ type: Boolean, example: false }) current!: SessionViewShape['current'];
}

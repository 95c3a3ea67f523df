import { ApiProperty } from '@nestjs/swagger';
import { ExpediteRequestView as ExpediteRequestViewShape, ExpediteResponseView } from './expedite.dto';

export class ExpediteRequestView implements ExpediteRequestViewShape {
  @ApiProperty({ type: String, example: '3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b' }) id!: ExpediteRequestViewShape['id'];
  @ApiProperty({ type: String, example: '3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b' }) applicationId!: ExpediteRequestViewShape['applicationId'];
  @ApiProperty({ type: String, example: '3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b' }) agencyId!: ExpediteRequestViewShape['agencyId'];
  @ApiProperty({ type: String, example: 'GE' }) destinationCountry!: ExpediteRequestViewShape['destinationCountry'];
  @ApiProperty({ type: String, example: 'HUMANITARIAN_VISA' }) pathway!: ExpediteRequestViewShape['pathway'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time' }) deadlineAt!: ExpediteRequestViewShape['deadlineAt'];
  @ApiProperty({ type: String, example: 'ACTIVE' }) status!: ExpediteRequestViewShape['status'];
  @ApiProperty({ enum: ['GIVEN_NAME', 'FAMILY_NAME', 'PATRONYMIC', 'DATE_OF_BIRTH', 'TRAVEL_DOCUMENT'], isArray: true, example: ['GIVEN_NAME'] })
  sharedFields!: ExpediteRequestViewShape['sharedFields'];
  @ApiProperty({ type: Boolean, example: false }) consentOverridden!: ExpediteRequestViewShape['consentOverridden'];
  @ApiProperty({ type: String, example: '3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b' }) requestedBy!: ExpediteRequestViewShape['requestedBy'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time' }) createdAt!: ExpediteRequestViewShape['createdAt'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time', nullable: true }) decidedAt!: ExpediteRequestViewShape['decidedAt'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time', nullable: true }) overdueAt!: ExpediteRequestViewShape['overdueAt'];
  @ApiProperty({ type: [ExpediteResponseView] }) responses!: ExpediteResponseView[];
}

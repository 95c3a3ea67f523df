import { ApiProperty } from '@nestjs/swagger';
import { ApiNextCursorProperty } from '@common/pagination/page-query.dto';
import type {
  CredentialResetRequestView as CredentialResetRequestShape,
  IssuedEnrolment as IssuedEnrolmentShape,
  StaffAccountView as StaffAccountViewShape,
} from '../staff-accounts.service';

export class StaffAccountView implements StaffAccountViewShape {
  @ApiProperty({ type: String, example: '3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b' }) id!: StaffAccountViewShape['id'];
  @ApiProperty({ type: String, example: 'caseworker@example.org' }) email!: StaffAccountViewShape['email'];
  @ApiProperty({ enum: ['admin', 'coordinator', 'caseworker', 'auditor'], isArray: true, example: ['admin'] }) roles!: StaffAccountViewShape['roles'];
  @ApiProperty({ enum: ['INVITED', 'ACTIVE', 'DEACTIVATED'], example: 'INVITED' }) status!: StaffAccountViewShape['status'];
  @ApiProperty({ type: Boolean, example: false }) locked!: StaffAccountViewShape['locked'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time' }) createdAt!: StaffAccountViewShape['createdAt'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time', nullable: true }) activatedAt!: StaffAccountViewShape['activatedAt'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time', nullable: true })
  deactivatedAt!: StaffAccountViewShape['deactivatedAt'];
}

export class IssuedEnrolmentView implements IssuedEnrolmentShape {
  @ApiProperty({ type: () => StaffAccountView }) account!: StaffAccountView;
  @ApiProperty({ type: String, example: 'opaque-token-shown-once', description: 'Shown once; the person uses it to set a password and an authenticator.' })
  enrolmentToken!: IssuedEnrolmentShape['enrolmentToken'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time' }) enrolmentExpiresAt!: IssuedEnrolmentShape['enrolmentExpiresAt'];
}

export class CredentialResetRequestView implements CredentialResetRequestShape {
  @ApiProperty({ type: () => StaffAccountView }) account!: StaffAccountView;
  @ApiProperty({ enum: ['APPROVAL_REQUIRED'], example: 'APPROVAL_REQUIRED' }) status!: CredentialResetRequestShape['status'];
  @ApiProperty({
    type: String,
    format: 'uuid',
    example: '3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b',
    description: 'The admin who asked; a different admin must approve.',
  })
  requestedBy!: CredentialResetRequestShape['requestedBy'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time' }) requestedAt!: CredentialResetRequestShape['requestedAt'];
}

export class StaffAccountPage {
  @ApiProperty({ type: [StaffAccountView] }) items!: StaffAccountView[];
  @ApiNextCursorProperty() nextCursor!: string | null;
}

import { ApiProperty } from '@nestjs/swagger';
import type { IssuedTokens as IssuedTokensShape } from '../auth.service';
import type { EnrolmentChallenge as EnrolmentChallengeShape } from '../enrolment.service';

type ConfirmEnrolmentShape = { status: 'ACTIVE' };

export class ConfirmEnrolmentView implements ConfirmEnrolmentShape {
  @ApiProperty({ enum: ['ACTIVE'], example: 'ACTIVE' }) status!: ConfirmEnrolmentShape['status'];
}

export class EnrolmentChallengeView implements EnrolmentChallengeShape {
  @ApiProperty({
    type: String,
    example: 'otpauth://totp/Corridor:caseworker%40example.org?secret=JBSWY3DPEHPK3PXP&issuer=Corridor',
    description: 'For the authenticator app (as a QR code or typed in); shown once.',
  })
  otpauthUri!: EnrolmentChallengeShape['otpauthUri'];
  @ApiProperty({ type: String, example: 'JBSWY3DPEHPK3PXP' }) secret!: EnrolmentChallengeShape['secret'];
}

export class IssuedTokensView implements IssuedTokensShape {
  @ApiProperty({ enum: ['Bearer'], example: 'Bearer' }) tokenType!: IssuedTokensShape['tokenType'];
  @ApiProperty({ type: String, example: 'opaque-token-shown-once' }) accessToken!: IssuedTokensShape['accessToken'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time' }) accessTokenExpiresAt!: IssuedTokensShape['accessTokenExpiresAt'];
  @ApiProperty({ type: String, example: 'opaque-token-shown-once' }) refreshToken!: IssuedTokensShape['refreshToken'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time' }) sessionExpiresAt!: IssuedTokensShape['sessionExpiresAt'];
}

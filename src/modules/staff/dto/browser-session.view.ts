import { ApiProperty } from '@nestjs/swagger';

/** A browser session's answer: the access token for memory only; the refresh token went into the cookie. */
export class BrowserSessionView {
  @ApiProperty({ enum: ['Bearer'], example: 'Bearer' })
  tokenType!: 'Bearer';

  @ApiProperty({
    example: 'cst_Jm3kQ0b5c2Vb0r8xY1u7n4PzW9aLqT6eHdGfRsKjUoI',
    description: 'Send as `Authorization: Bearer …`. Keep it in memory, never in browser storage.',
  })
  accessToken!: string;

  @ApiProperty({ format: 'date-time', example: '2026-12-06T21:45:00.000Z' })
  accessTokenExpiresAt!: string;

  @ApiProperty({ format: 'date-time', example: '2026-12-07T09:30:00.000Z', description: 'After this, sign in again.' })
  sessionExpiresAt!: string;
}

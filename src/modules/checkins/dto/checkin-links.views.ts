import { ApiProperty } from '@nestjs/swagger';
import type { IssuedCheckinLink as IssuedCheckinLinkShape } from '../checkin-links.service';



export class IssuedCheckinLinkView implements IssuedCheckinLinkShape {
  @ApiProperty({ type: String, example: '/c/opaque-token', description: '`/c/<token>`: shown once, never stored.' }) path!: IssuedCheckinLinkShape['path'];
  @ApiProperty({ enum: ['CHECKIN','ENROL'], example: 'CHECKIN' }) kind!: IssuedCheckinLinkShape['kind'];
  @ApiProperty({ type: String, example: '2026-03-01T08:00:00.000Z', format: 'date-time' }) expiresAt!: IssuedCheckinLinkShape['expiresAt'];
}

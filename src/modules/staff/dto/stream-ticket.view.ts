import { ApiProperty } from '@nestjs/swagger';

export class StreamTicketView {
  @ApiProperty({
    example: 'cet_Jm3kQ0b5c2Vb0r8xY1u7n4PzW9aLqT6eHdGfRsKjUoI',
    description: 'Pass as `?ticket=` to GET /api/v1/me/events; good once, for 30 seconds.',
  })
  ticket!: string;

  @ApiProperty({ format: 'date-time', example: '2026-12-06T21:45:30.000Z' })
  expiresAt!: string;
}

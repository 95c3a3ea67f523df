import { ApiProperty } from '@nestjs/swagger';
import { ApiNextCursorProperty } from '@common/pagination/page-query.dto';
import { CheckinChannel } from './checkins.dto';

/** One check-in of a case: when, how and through whom — never the note, never which PIN. */
export class CheckinListItemView {
  @ApiProperty({ format: 'uuid', example: '0f6c7a52-1c1e-4d0b-8a3e-2f5d9b7c6e41' }) id!: string;
  @ApiProperty({ example: '2026-12-05T18:40:00.000Z' }) occurredAt!: string;
  @ApiProperty({ enum: CheckinChannel, example: CheckinChannel.CALL }) channel!: string;
  @ApiProperty({ enum: ['STAFF', 'PARTNER', 'LINK'], example: 'STAFF', description: 'LINK: the person, through a one-time link and a PIN.' }) source!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '5b0c7f0e-2b6a-4d8e-9d6f-0a1f3c2b4e5d',
    description: 'Staff user id (STAFF) or partner agency id (PARTNER); null for LINK (the person themself).',
  })
  recordedBy!: string | null;
}

export class CheckinListPageView {
  @ApiProperty({ type: [CheckinListItemView] }) items!: CheckinListItemView[];
  @ApiNextCursorProperty() nextCursor!: string | null;
}

import { ApiProperty } from '@nestjs/swagger';

const BREAK_REASONS = ['missing', 'prev-hash-mismatch', 'hash-mismatch', 'head-mismatch', 'checkpoint-mismatch'];

export class AuditChainBreakView {
  @ApiProperty({ example: 1042 })
  seq!: number;

  @ApiProperty({ example: '5b9e2c71-0d4f-4a8e-b3c6-7f1a2d3e4c5b', type: String, nullable: true, format: 'uuid', description: 'Null when the row is missing.' })
  eventId!: string | null;

  @ApiProperty({ enum: BREAK_REASONS })
  reason!: string;
}

export class AuditVerificationView {
  @ApiProperty({ enum: ['ok', 'broken'] })
  status!: 'ok' | 'broken';

  @ApiProperty({ enum: ['incremental'], description: 'Rows verified by earlier runs are not re-read; `audit:verify` walks the whole chain.' })
  mode!: 'incremental';

  @ApiProperty({ example: 18345, description: 'Events sealed into the chain.' })
  sealedCount!: number;

  @ApiProperty({
    example: '9f2c4e6a8b0d1f3e5a7c9b1d3f5e7a9c0b2d4f6e8a0c2e4b6d8f0a2c4e6b8d0f',
    description: 'Hash of the last sealed event (64 zeros when none).',
  })
  headHash!: string;

  @ApiProperty({ example: 18345, description: 'The chain is verified from seq 1 through this seq.' })
  verifiedThroughSeq!: number;

  @ApiProperty({ description: 'Whether the verified part reaches the head (each call checks a bounded number of rows).' })
  complete!: boolean;

  @ApiProperty({ example: 500, description: 'Rows this call checked.' })
  checkedNow!: number;

  @ApiProperty({ type: AuditChainBreakView, nullable: true, description: 'The first broken link; null when none was found.' })
  brokenAt!: AuditChainBreakView | null;

  @ApiProperty({ example: 3, description: 'Committed events not yet sealed (sealing runs every second or so).' })
  unsealedCount!: number;

  @ApiProperty({ example: '2026-03-01T08:00:00.000Z', type: String, nullable: true, format: 'date-time' })
  oldestUnsealedAt!: string | null;
}

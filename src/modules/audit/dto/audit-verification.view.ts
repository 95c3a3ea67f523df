import { ApiProperty } from '@nestjs/swagger';

const BREAK_REASONS = ['missing', 'prev-hash-mismatch', 'hash-mismatch', 'head-mismatch', 'checkpoint-mismatch'];

export class AuditChainBreakView {
  @ApiProperty()
  seq!: number;

  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'Null when the row is missing.' })
  eventId!: string | null;

  @ApiProperty({ enum: BREAK_REASONS })
  reason!: string;
}

export class AuditVerificationView {
  @ApiProperty({ enum: ['ok', 'broken'] })
  status!: 'ok' | 'broken';

  @ApiProperty({ enum: ['incremental'], description: 'Rows verified by earlier runs are not re-read; `audit:verify` walks the whole chain.' })
  mode!: 'incremental';

  @ApiProperty({ description: 'Events sealed into the chain.' })
  sealedCount!: number;

  @ApiProperty({ description: 'Hash of the last sealed event (64 zeros when none).' })
  headHash!: string;

  @ApiProperty({ description: 'The chain is verified from seq 1 through this seq.' })
  verifiedThroughSeq!: number;

  @ApiProperty({ description: 'Whether the verified part reaches the head (each call checks a bounded number of rows).' })
  complete!: boolean;

  @ApiProperty({ description: 'Rows this call checked.' })
  checkedNow!: number;

  @ApiProperty({ type: AuditChainBreakView, nullable: true, description: 'The first broken link; null when none was found.' })
  brokenAt!: AuditChainBreakView | null;

  @ApiProperty({ description: 'Committed events not yet sealed (sealing runs every second or so).' })
  unsealedCount!: number;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  oldestUnsealedAt!: string | null;
}

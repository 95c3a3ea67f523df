import { ApiProperty } from '@nestjs/swagger';
import { AUDIT_ACTOR_TYPES, AuditOutcome, type AuditActorType } from '../audit-outcome';

/** One sealed audit event: ids, codes and the seal. Never personal data (the log holds none). */
export class AuditEventView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ description: 'Position in the chain (seal order).' })
  seq!: number;

  @ApiProperty({ format: 'date-time' })
  occurredAt!: string;

  @ApiProperty({ enum: AUDIT_ACTOR_TYPES })
  actorType!: AuditActorType;

  @ApiProperty({ type: String, nullable: true })
  actorId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The session or API key the actor used.' })
  actorCredentialId!: string | null;

  @ApiProperty()
  action!: string;

  @ApiProperty()
  resourceType!: string;

  @ApiProperty({ type: String, nullable: true })
  resourceId!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  caseId!: string | null;

  @ApiProperty({ enum: AuditOutcome })
  outcome!: AuditOutcome;

  @ApiProperty({ type: String, nullable: true })
  requestId!: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Non-personal facts: codes, counts, field names.' })
  details!: Record<string, unknown>;

  @ApiProperty({ description: 'Hash of the event at seq − 1 (64 zeros for seq 1).' })
  prevHash!: string;

  @ApiProperty({ description: 'hex SHA-256 of prevHash, a newline and the canonical form of the row.' })
  hash!: string;

  @ApiProperty({ format: 'date-time' })
  sealedAt!: string;
}

export class AuditEventPage {
  @ApiProperty({ type: [AuditEventView] })
  items!: AuditEventView[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next (older) page; null on the last page.' })
  nextCursor!: string | null;
}

import { ApiProperty } from '@nestjs/swagger';
import { AUDIT_ACTOR_TYPES, AuditOutcome, type AuditActorType } from '../audit-outcome';

/** One sealed audit event: ids, codes and the seal. Never personal data (the log holds none). */
export class AuditEventView {
  @ApiProperty({ example: '5b9e2c71-0d4f-4a8e-b3c6-7f1a2d3e4c5b', format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 1042, description: 'Position in the chain (seal order).' })
  seq!: number;

  @ApiProperty({ example: '2026-03-01T08:00:00.000Z', format: 'date-time' })
  occurredAt!: string;

  @ApiProperty({ enum: AUDIT_ACTOR_TYPES })
  actorType!: AuditActorType;

  @ApiProperty({ example: '2f6b1c8e-7d3a-4e9b-a5c1-0e4d8f2b6a93', type: String, nullable: true })
  actorId!: string | null;

  @ApiProperty({ example: 'c4a7e1d9-3b2f-4f6a-8e0d-5a9c1b7e3d26', type: String, nullable: true, description: 'The session or API key the actor used.' })
  actorCredentialId!: string | null;

  @ApiProperty({ example: 'case.read' })
  action!: string;

  @ApiProperty({ example: 'case' })
  resourceType!: string;

  @ApiProperty({ example: 'C-7K3M-9Q2X', type: String, nullable: true })
  resourceId!: string | null;

  @ApiProperty({ example: '1e8f3a5c-6b2d-4c9e-a7f0-3d5b9c1e7a42', type: String, nullable: true, format: 'uuid' })
  caseId!: string | null;

  @ApiProperty({ enum: AuditOutcome })
  outcome!: AuditOutcome;

  @ApiProperty({ example: '0c2e4a6b-8d1f-4e3a-9b5c-7d9f1a3c5e70', type: String, nullable: true })
  requestId!: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Non-personal facts: codes, counts, field names.' })
  details!: Record<string, unknown>;

  @ApiProperty({
    example: '3a5c7e9b1d2f4a6c8e0b2d4f6a8c0e2b4d6f8a0c2e4a6c8e0b2d4f6a8c0e2b4d',
    description: 'Hash of the event at seq − 1 (64 zeros for seq 1).',
  })
  prevHash!: string;

  @ApiProperty({
    example: '9f2c4e6a8b0d1f3e5a7c9b1d3f5e7a9c0b2d4f6e8a0c2e4b6d8f0a2c4e6b8d0f',
    description: 'hex SHA-256 of prevHash, a newline and the canonical form of the row.',
  })
  hash!: string;

  @ApiProperty({ example: '2026-03-01T08:00:01.000Z', format: 'date-time' })
  sealedAt!: string;
}

export class AuditEventPage {
  @ApiProperty({ type: [AuditEventView] })
  items!: AuditEventView[];

  @ApiProperty({
    example: 'MTc3MjM1MjAwMDAwMC4zZDZmMmE5ZS04YjFjLTRlN2EtYTVkMi05YzBiMWUyZjNhNGI',
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next (older) page; null on the last page.',
  })
  nextCursor!: string | null;
}

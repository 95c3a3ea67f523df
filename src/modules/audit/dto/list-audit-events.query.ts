import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { AUDIT_ACTOR_TYPES, AuditOutcome, type AuditActorType } from '../audit-outcome';
import { ACTION_FORMAT } from '../audit-action';

export const AUDIT_PAGE_DEFAULT = 50;
export const AUDIT_PAGE_MAX = 200;

/** A full timestamp with an explicit offset: a bare local time would mean different instants on different servers. */
const TIMESTAMP_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
/** Identifiers as the audit log stores them: printable ASCII, no spaces. */
const IDENTIFIER = /^[\x21-\x7e]+$/;

/** Query strings arrive as text; only plain digits become a number (anything else fails @IsInt). */
const toInteger = ({ value }: { value: unknown }): unknown => (typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : value);

export class ListAuditEventsQuery {
  @ApiPropertyOptional({ enum: AUDIT_ACTOR_TYPES })
  @IsOptional()
  @IsIn(AUDIT_ACTOR_TYPES)
  actorType?: AuditActorType;

  @ApiPropertyOptional({ description: 'User id, agency id or system component.', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(IDENTIFIER)
  actorId?: string;

  @ApiPropertyOptional({ description: '`domain.verb`, e.g. `access.denied`.', maxLength: 64 })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(ACTION_FORMAT)
  action?: string;

  @ApiPropertyOptional({ maxLength: 40 })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @Matches(IDENTIFIER)
  resourceType?: string;

  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(IDENTIFIER)
  resourceId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({ enum: AuditOutcome })
  @IsOptional()
  @IsIn(Object.values(AuditOutcome))
  outcome?: AuditOutcome;

  @ApiPropertyOptional({ description: 'Events that occurred at or after this instant (ISO 8601 with offset).', format: 'date-time' })
  @IsOptional()
  @IsString()
  @Matches(TIMESTAMP_WITH_OFFSET)
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Events that occurred before this instant (ISO 8601 with offset).', format: 'date-time' })
  @IsOptional()
  @IsString()
  @Matches(TIMESTAMP_WITH_OFFSET)
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: AUDIT_PAGE_MAX, default: AUDIT_PAGE_DEFAULT })
  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(AUDIT_PAGE_MAX)
  limit?: number;

  @ApiPropertyOptional({ description: '`nextCursor` from the previous page.', maxLength: 64 })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(/^[A-Za-z0-9_-]+$/)
  cursor?: string;
}

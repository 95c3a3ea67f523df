import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsEnum, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { ApiKeyScope } from '@common/access/roles';
import { ApiNextCursorProperty } from '@common/pagination/page-query.dto';
import { PersonalData } from '@infra/logging/personal-data.decorator';

/** An optional instant with an explicit offset, so no server time zone is ever assumed. */
const ExpiresAt = (description: string): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ format: 'date-time', example: '2026-09-01T00:00:00.000Z', description }),
    IsOptional(),
    IsISO8601({ strict: true }),
    Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: 'expiresAt must carry a time zone offset' }),
  );

export const MAX_OVERLAP_HOURS = 168;
export const DEFAULT_OVERLAP_HOURS = 24;

export class CreateApiKeyDto {
  @ApiProperty({ maxLength: 100, example: 'case-management integration' })
  @IsString()
  @Length(1, 100)
  @Matches(/\S/, { message: 'label must not be blank' })
  label!: string;

  @ApiProperty({ enum: ApiKeyScope, enumName: 'ApiKeyScope', isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(Object.values(ApiKeyScope).length)
  @ArrayUnique()
  @IsEnum(ApiKeyScope, { each: true })
  scopes!: ApiKeyScope[];

  @ExpiresAt('When the key stops working; omitted: never')
  expiresAt?: string;
}

export class RotateApiKeyDto {
  @ApiPropertyOptional({
    minimum: 0,
    maximum: MAX_OVERLAP_HOURS,
    default: DEFAULT_OVERLAP_HOURS,
    example: DEFAULT_OVERLAP_HOURS,
    description: 'How long the old key keeps working',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_OVERLAP_HOURS)
  overlapHours?: number;

  @ExpiresAt('When the new key stops working; omitted: never')
  expiresAt?: string;
}

export enum ApiKeyStatus {
  Active = 'ACTIVE',
  Expired = 'EXPIRED',
  Revoked = 'REVOKED',
}

/** What admins see of a key: never the secret, never its hash. */
export class ApiKeyView {
  @ApiProperty({ format: 'uuid', example: '8c1d2e3f-4a5b-4c6d-9e7f-0a1b2c3d4e5f' })
  id!: string;

  @ApiProperty({ format: 'uuid', example: '6a0e4d2b-9f31-4c7e-8b5a-1d2c3e4f5a60' })
  agencyId!: string;

  @ApiProperty({ example: 'case-management integration' })
  label!: string;

  @ApiProperty({ example: 'cpk_1a2b3c4d5e6f', description: 'The non-secret start of the key, to tell keys apart' })
  prefix!: string;

  @ApiProperty({ enum: ApiKeyScope, enumName: 'ApiKeyScope', isArray: true })
  scopes!: ApiKeyScope[];

  @ApiProperty({ enum: ApiKeyStatus, enumName: 'ApiKeyStatus', description: 'Of the key itself; a suspended agency stops its keys too' })
  status!: ApiKeyStatus;

  @ApiProperty({ type: String, format: 'date-time', example: '2026-03-01T08:00:00.000Z' })
  createdAt!: Date;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-09-01T00:00:00.000Z' })
  expiresAt!: Date | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  revokedAt!: Date | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-03-02T14:07:00.000Z', description: 'Recorded to the minute' })
  lastUsedAt!: Date | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: null, description: 'The key this one replaced' })
  rotatedFrom!: string | null;
}

export class ApiKeyPage {
  @ApiProperty({ type: [ApiKeyView] })
  items!: ApiKeyView[];

  @ApiNextCursorProperty()
  nextCursor!: string | null;
}

/** A newly issued key: the only answer that ever carries it. */
export class IssuedApiKeyView extends ApiKeyView {
  @ApiProperty({ example: 'cpk_1a2b3c4d5e6f_…', description: 'The key. Shown once: store it now, it cannot be shown again' })
  // Not personal data, but the same rule applies: the logger must replace it wherever it goes.
  @PersonalData()
  key!: string;
}

export class RotatedApiKeyView extends IssuedApiKeyView {
  @ApiProperty({ type: String, format: 'date-time', example: '2026-03-02T08:00:00.000Z', description: 'When the replaced key stops working' })
  previousExpiresAt!: Date;
}

import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsEnum, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { ApiKeyScope } from '@common/access/roles';
import { PersonalData } from '@infra/logging/personal-data.decorator';

/** An optional instant with an explicit offset, so no server time zone is ever assumed. */
const ExpiresAt = (description: string): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ format: 'date-time', description }),
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
  @ApiPropertyOptional({ minimum: 0, maximum: MAX_OVERLAP_HOURS, default: DEFAULT_OVERLAP_HOURS, description: 'How long the old key keeps working' })
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
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  agencyId!: string;

  @ApiProperty()
  label!: string;

  @ApiProperty({ example: 'cpk_1a2b3c4d5e6f', description: 'The non-secret start of the key, to tell keys apart' })
  prefix!: string;

  @ApiProperty({ enum: ApiKeyScope, enumName: 'ApiKeyScope', isArray: true })
  scopes!: ApiKeyScope[];

  @ApiProperty({ enum: ApiKeyStatus, enumName: 'ApiKeyStatus', description: 'Of the key itself; a suspended agency stops its keys too' })
  status!: ApiKeyStatus;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  expiresAt!: Date | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  revokedAt!: Date | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Recorded to the minute' })
  lastUsedAt!: Date | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The key this one replaced' })
  rotatedFrom!: string | null;
}

export class ApiKeyPage {
  @ApiProperty({ type: [ApiKeyView] })
  items!: ApiKeyView[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' })
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
  @ApiProperty({ type: String, format: 'date-time', description: 'When the replaced key stops working' })
  previousExpiresAt!: Date;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDateString,
  IsEnum,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { ApiNextCursorProperty } from '@common/pagination/page-query.dto';
import { PersonalData } from '@infra/logging/personal-data.decorator';
import { CaseStage, CasePriority } from '@modules/cases/domain/case-stage';
import { CONTACT_CHANNEL_TYPES } from '@modules/cases/dto/case-content.dto';
import { CheckinChannel } from '@modules/checkins/dto/checkins.dto';
import { ServiceUpdateType, SHARED_FIELDS, SharedField, SharePurpose } from '../shared-fields';

const EXAMPLE_ID = '0b7e4c1e-2f4d-4a8b-9c61-5d2e8f3a7b10';

export class CreateShareDto {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_ID }) @IsUUID('all') agencyId!: string;
  @ApiProperty({
    enum: SharedField,
    isArray: true,
    example: [SharedField.FIRST_NAME, SharedField.CITY, SharedField.NEXT_CHECKIN_DUE],
    description: 'From the fixed catalogue; the reference is always shared.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SHARED_FIELDS.length)
  @ArrayUnique()
  @IsEnum(SharedField, { each: true })
  fields!: SharedField[];
  @ApiProperty({ enum: SharePurpose, example: SharePurpose.SHELTER }) @IsEnum(SharePurpose) purpose!: SharePurpose;
  @ApiProperty({ format: 'date-time', example: '2026-04-01T00:00:00.000Z', description: 'In the future, at most 180 days ahead.' })
  @IsDateString({ strict: true })
  expiresAt!: string;
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    example: ['6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f'],
    description: "Case documents the agency may download while the share is active (each one of the case's; 422 `document-not-on-case` otherwise).",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  documentIds?: string[];
}

export enum ShareStatus {
  ACTIVE = 'ACTIVE',
  EXPIRED = 'EXPIRED',
  REVOKED = 'REVOKED',
}

export class ShareView {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_ID }) id!: string;
  @ApiProperty({ example: 'C-7K3M-9Q2X' }) reference!: string;
  @ApiProperty({ format: 'uuid', example: EXAMPLE_ID }) agencyId!: string;
  @ApiProperty({ enum: SharedField, isArray: true, example: [SharedField.FIRST_NAME, SharedField.CITY] }) fields!: SharedField[];
  @ApiProperty({ enum: SharePurpose, example: SharePurpose.SHELTER }) purpose!: SharePurpose;
  @ApiProperty({ enum: ShareStatus, example: ShareStatus.ACTIVE }) status!: ShareStatus;
  @ApiProperty({ example: '2026-03-01T08:00:00.000Z', format: 'date-time' }) createdAt!: string;
  @ApiProperty({ example: '2026-04-01T00:00:00.000Z', format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ example: null, format: 'date-time', nullable: true, type: String }) revokedAt!: string | null;
  @ApiProperty({ type: [String], format: 'uuid', example: ['6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f'], description: 'The case documents the share includes.' })
  documentIds!: string[];
}

export class ShareListView {
  @ApiProperty({ type: [ShareView] }) items!: ShareView[];
  @ApiProperty({ example: 'MTc3MjM1MjAwMDAwMC4zZDZmMmE5ZS04YjFjLTRlN2EtYTVkMi05YzBiMWUyZjNhNGI', nullable: true, type: String }) nextCursor!: string | null;
}

export class CheckinRequestView {
  @ApiProperty({ example: 'C-7K3M-9Q2X' }) reference!: string;
  @ApiProperty({ example: 1, description: 'Agencies told (each holding an active share).' }) agencies!: number;
}

const PARTNER_CHECKIN_CHANNELS = [CheckinChannel.CALL, CheckinChannel.VISIT, CheckinChannel.MESSAGE] as const;

export class PartnerCheckinDto {
  @ApiProperty({ enum: PARTNER_CHECKIN_CHANNELS, example: CheckinChannel.VISIT, description: 'How the agency was in contact with the person.' })
  @IsIn(PARTNER_CHECKIN_CHANNELS)
  channel!: CheckinChannel;
  @ApiPropertyOptional({ description: 'Sealed under the case key; only staff on the case read it.', example: 'Seen at the shelter, well' })
  @PersonalData()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  note?: string;
}

export class ServiceUpdateDto {
  @ApiProperty({ enum: ServiceUpdateType, example: ServiceUpdateType.SHELTER_PROVIDED }) @IsEnum(ServiceUpdateType) type!: ServiceUpdateType;
  @ApiPropertyOptional({ description: 'Sealed under the case key; only staff on the case read it.', example: 'Two nights, room 4' })
  @PersonalData()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  note?: string;
  @ApiPropertyOptional({ example: '2026-03-02', description: 'When the service was given (default: today).' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'occurredOn must be YYYY-MM-DD' })
  occurredOn?: string;
}

/** A partner write's answer: ids and times only (it is stored for Idempotency-Key replays). */
export class PartnerCheckinView {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_ID }) id!: string;
  @ApiProperty({ example: 'C-7K3M-9Q2X' }) reference!: string;
  @ApiProperty({ enum: PARTNER_CHECKIN_CHANNELS, example: CheckinChannel.VISIT }) channel!: CheckinChannel;
  @ApiProperty({ format: 'date-time', example: '2026-03-02T10:00:00.000Z' }) recordedAt!: string;
}

export class ServiceUpdateReceiptView {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_ID }) id!: string;
  @ApiProperty({ example: 'C-7K3M-9Q2X' }) reference!: string;
  @ApiProperty({ enum: ServiceUpdateType, example: ServiceUpdateType.SHELTER_PROVIDED }) type!: ServiceUpdateType;
  @ApiProperty({ example: '2026-03-02', nullable: true, type: String }) occurredOn!: string | null;
  @ApiProperty({ format: 'date-time', example: '2026-03-02T10:00:00.000Z' }) recordedAt!: string;
}

/** Staff side: with the note, opened for staff on the case (audited). */
export class ServiceUpdateView extends ServiceUpdateReceiptView {
  @ApiProperty({ example: '0b7e4c1e-2f4d-4a8b-9c61-5d2e8f3a7b10', format: 'uuid' }) agencyId!: string;
  @ApiProperty({ example: 'Seen at the shelter, well', nullable: true, type: String }) note!: string | null;
}

export class ServiceUpdateListView {
  @ApiProperty({ type: [ServiceUpdateView] }) items!: ServiceUpdateView[];
  @ApiProperty({ example: 'MTc3MjM1MjAwMDAwMC4zZDZmMmE5ZS04YjFjLTRlN2EtYTVkMi05YzBiMWUyZjNhNGI', nullable: true, type: String }) nextCursor!: string | null;
}

export class ContactChannelView {
  @ApiProperty({ enum: CONTACT_CHANNEL_TYPES, example: 'SIGNAL' }) type!: string;
  @ApiProperty({ example: '+995 555 00 00 00' }) value!: string;
}

/**
 * A shared case as a partner sees it: the reference, the share's terms, and exactly the shared
 * fields — a field outside the share is absent, never null.
 */
export class PartnerCaseView {
  @ApiProperty({ example: 'C-7K3M-9Q2X' }) reference!: string;
  @ApiProperty({ enum: SharedField, isArray: true, example: [SharedField.FIRST_NAME, SharedField.CITY] }) sharedFields!: SharedField[];
  @ApiProperty({ enum: SharePurpose, example: SharePurpose.SHELTER }) purpose!: SharePurpose;
  @ApiProperty({ format: 'date-time', example: '2026-04-01T00:00:00.000Z' }) shareExpiresAt!: string;
  @ApiPropertyOptional({ example: 'Elvin', nullable: true, type: String }) firstName?: string | null;
  @ApiPropertyOptional({ type: [ContactChannelView] }) contactChannels?: ContactChannelView[];
  @ApiPropertyOptional({ example: 'Tbilisi', nullable: true, type: String }) city?: string | null;
  @ApiPropertyOptional({ example: 'GE', nullable: true, type: String }) currentCountry?: string | null;
  @ApiPropertyOptional({ example: 'Needs insulin', nullable: true, type: String }) needs?: string | null;
  @ApiPropertyOptional({ type: 'integer', minimum: 0, example: 1 }) dependantsCount?: number;
  @ApiPropertyOptional({ enum: CaseStage, example: CaseStage.IN_SAFE_COUNTRY }) stage?: string;
  @ApiPropertyOptional({ enum: CasePriority, example: CasePriority.URGENT }) priority?: string;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String, example: '2026-03-03T08:00:00.000Z' }) nextCheckinDue?: string | null;
}

export class PartnerCaseListView {
  @ApiProperty({ type: [PartnerCaseView] }) items!: PartnerCaseView[];
  @ApiNextCursorProperty() nextCursor!: string | null;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
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
import { NestedArray, NestedObject } from '@common/validation/nested.decorator';
import { PersonalData } from '@infra/logging/personal-data.decorator';
import { BreakGlassReason } from '@modules/access/break-glass-reason';
import { CaseFlag, CasePriority, CaseStage, ClosureReason } from '../domain/case-stage';
import { RiskFactor } from '../domain/triage';
import { ACTIVATION_CODE, COUNTRY, ContactDto, DependantDto, DocumentDto, LocationDto, PersonDto, SogiescDto } from './case-content.dto';

export const CONSENT_METHODS = ['IN_PERSON', 'PHONE', 'MESSAGING', 'PARTNER_ATTESTED'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

export class ConsentDto {
  @ApiProperty({ description: 'Consent to receive services; intake is refused without it.' }) @IsBoolean() services!: boolean;
  @ApiProperty({ description: 'Consent to share with partner agencies.' }) @IsBoolean() sharing!: boolean;
  @ApiProperty({ description: 'Consent to submission to resettlement pathways.' }) @IsBoolean() resettlement!: boolean;
  @ApiProperty({ enum: CONSENT_METHODS }) @IsIn(CONSENT_METHODS) method!: ConsentMethod;
  @ApiProperty({ format: 'date-time', example: '2026-02-27T09:00:00.000Z', description: 'When the person gave it.' })
  @IsDateString({ strict: true })
  obtainedAt!: string;
}

export class IntakeDto {
  @ApiProperty({ type: PersonDto }) @NestedObject(() => PersonDto) person!: PersonDto;
  @ApiPropertyOptional({ type: ContactDto }) @NestedObject(() => ContactDto, { optional: true }) contact?: ContactDto;
  @ApiPropertyOptional({ type: LocationDto }) @NestedObject(() => LocationDto, { optional: true }) location?: LocationDto;
  @ApiProperty({ example: 'AZ' }) @Matches(COUNTRY, { message: 'originCountry must be an ISO 3166-1 alpha-2 code' }) originCountry!: string;
  @ApiPropertyOptional({ example: 'GE' })
  @IsOptional()
  @Matches(COUNTRY, { message: 'currentCountry must be an ISO 3166-1 alpha-2 code' })
  currentCountry?: string;
  @ApiPropertyOptional({ example: 'Summoned twice for questioning about a closed group chat; his flat was searched last week.' })
  @PersonalData()
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  narrative?: string;
  @ApiPropertyOptional({ type: SogiescDto }) @NestedObject(() => SogiescDto, { optional: true }) sogiesc?: SogiescDto;
  @ApiPropertyOptional({ example: 'Needs a daily prescription medicine; two weeks left.' })
  @PersonalData()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  healthNeeds?: string;
  @ApiPropertyOptional({ type: [DocumentDto] }) @NestedArray(() => DocumentDto, { optional: true }) @ArrayMaxSize(20) documents?: DocumentDto[];
  @ApiPropertyOptional({ type: [DependantDto] }) @NestedArray(() => DependantDto, { optional: true }) @ArrayMaxSize(20) dependants?: DependantDto[];
  @ApiProperty({ type: ConsentDto }) @NestedObject(() => ConsentDto) consent!: ConsentDto;
  @ApiPropertyOptional({ enum: CasePriority, description: 'Provisional priority until triage; sets the triage deadline. Default URGENT.' })
  @IsOptional()
  @IsEnum(CasePriority)
  priority?: CasePriority;
  @ApiPropertyOptional({
    example: 'AZ-2017-09',
    description: 'The activation the intake belongs to; an unknown or stood-down code falls back to matching the origin country.',
  })
  @IsOptional()
  @Matches(ACTIVATION_CODE, { message: 'activationCode must be 3 to 32 capital letters, digits and hyphens' })
  activationCode?: string;
}

export class TransitionDto {
  @ApiProperty({ enum: CaseStage }) @IsEnum(CaseStage) to!: CaseStage;
  @ApiPropertyOptional({ enum: ClosureReason }) @IsOptional() @IsEnum(ClosureReason) closureReason?: ClosureReason;
  @ApiPropertyOptional({
    example: 'The person wrote again: new summons after the case was closed.',
    description: 'Required to reopen a closed case (coordinators only).',
  })
  @PersonalData()
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  reopenReason?: string;
}

export class TriageDto {
  @ApiProperty({ enum: RiskFactor, isArray: true }) @IsArray() @ArrayMaxSize(20) @ArrayUnique() @IsEnum(RiskFactor, { each: true }) factors!: RiskFactor[];
  @ApiPropertyOptional({ enum: CasePriority, description: 'Overrides the suggested priority; needs a reason.' })
  @IsOptional()
  @IsEnum(CasePriority)
  overridePriority?: CasePriority;
  @ApiPropertyOptional({ example: 'The summons date is tomorrow; the factors understate it.' })
  @PersonalData()
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  overrideReason?: string;
}

export const VERIFICATION_OUTCOMES = ['VERIFIED_BY_STAFF', 'VERIFIED_BY_PARTNER', 'NOT_VERIFIED'] as const;
export type VerificationOutcome = (typeof VERIFICATION_OUTCOMES)[number];

export class VerificationDto {
  @ApiProperty({ enum: VERIFICATION_OUTCOMES }) @IsIn(VERIFICATION_OUTCOMES) outcome!: VerificationOutcome;
}

export class NoteDto {
  @ApiProperty({ example: 'Spoke on Signal; agreed to move to the shelter on Friday.' })
  @PersonalData()
  @IsString()
  @MinLength(1)
  @MaxLength(20_000)
  body!: string;
}

export class AssignDto {
  @ApiProperty({ example: ['2f6b1c8e-7d3a-4e9b-a5c1-0e4d8f2b6a93'], type: [String], description: 'Caseworker user ids to assign (the full new set).' })
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  caseworkerIds!: string[];
}

export class ConsentUpdateDto extends ConsentDto {}

export class FlagsDto {
  @ApiProperty({ enum: CaseFlag, isArray: true }) @IsArray() @ArrayUnique() @IsEnum(CaseFlag, { each: true }) flags!: CaseFlag[];
}

export class EraseDto {
  @ApiProperty({ enum: ['PERSON_REQUESTED', 'RETENTION', 'SAFETY'] }) @IsIn(['PERSON_REQUESTED', 'RETENTION', 'SAFETY']) reason!:
    'PERSON_REQUESTED' | 'RETENTION' | 'SAFETY';
  @ApiProperty({ description: 'Type the case reference again to confirm.', example: 'C-7K3M-9Q2X' }) @IsString() @MaxLength(11) confirmReference!: string;
}

export class EraseConfirmationDto {
  @ApiProperty({ description: 'Type the case reference again to confirm.', example: 'C-7K3M-9Q2X' }) @IsString() @MaxLength(11) confirmReference!: string;
}

export class BreakGlassDto {
  @ApiProperty({ enum: BreakGlassReason }) @IsEnum(BreakGlassReason) reason!: BreakGlassReason;
}

export class LegalHoldDto {
  @ApiProperty() @IsBoolean() legalHold!: boolean;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsEnum, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { NestedArray, NestedObject } from '@common/validation/nested.decorator';
import { ApiNextCursorProperty } from '@common/pagination/page-query.dto';
import { PersonalData } from '@infra/logging/personal-data.decorator';
import { COUNTRY, ContactDto, DependantDto, PersonDto } from '@modules/cases/dto/case-content.dto';
import { ConsentDto } from '@modules/cases/dto/case-commands.dto';
import { RiskFactor } from '@modules/cases/domain/triage';
import { ReferralStatus } from '../referral-status';

const EXAMPLE_ID = '3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b';

/** What a partner agency sends to refer a person (spec 3.8). Sealed on arrival; never echoed back. */
export class ReferralDto {
  @ApiProperty({ type: PersonDto }) @NestedObject(() => PersonDto) person!: PersonDto;
  @ApiPropertyOptional({ type: [DependantDto], maxItems: 20 })
  @NestedArray(() => DependantDto, { optional: true })
  @ArrayMaxSize(20)
  dependants?: DependantDto[];
  @ApiProperty({ type: ContactDto, description: 'How Corridor can reach the person.' }) @NestedObject(() => ContactDto) contact!: ContactDto;
  @ApiProperty({ example: 'AZ', pattern: COUNTRY.source, description: 'ISO 3166-1 alpha-2' })
  @Matches(COUNTRY, { message: 'originCountry must be an ISO 3166-1 alpha-2 code' })
  originCountry!: string;
  @ApiProperty({ example: 'GE', pattern: COUNTRY.source, description: 'ISO 3166-1 alpha-2' })
  @Matches(COUNTRY, { message: 'currentCountry must be an ISO 3166-1 alpha-2 code' })
  currentCountry!: string;
  @ApiPropertyOptional({ maxLength: 100, example: 'Tbilisi' }) @PersonalData() @IsOptional() @IsString() @MinLength(1) @MaxLength(100) currentCity?: string;
  @ApiProperty({
    maxLength: 20_000,
    example: 'Named by a detained friend during interrogation; police came to his flat twice in September.',
    description: "What threatens the person, in the agency's words.",
  })
  @PersonalData()
  @IsString()
  @MinLength(1)
  @MaxLength(20_000)
  riskNarrative!: string;
  @ApiProperty({
    enum: RiskFactor,
    isArray: true,
    example: [RiskFactor.POLICE_SUMMONS_OR_SEARCH],
    description: 'Set the provisional priority until Corridor triages.',
  })
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsEnum(RiskFactor, { each: true })
  riskFactors!: RiskFactor[];
  @ApiProperty({ type: ConsentDto, description: 'Consent to services is required (422 without it).' }) @NestedObject(() => ConsentDto) consent!: ConsentDto;
  @ApiPropertyOptional({
    example: 'ACT-2026-BAKU',
    pattern: '^[A-Za-z0-9-]{4,40}$',
    description: 'The code of an emergency activation this referral belongs to.',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{4,40}$/, { message: 'activationCode must be 4 to 40 letters, digits or dashes' })
  activationCode?: string;
}

/**
 * A referral as its agency follows it: coarse status only, nothing the agency did not send — and
 * nothing about whether Corridor already knew the person (that would let a partner test a list of
 * suspects); duplicate review is staff-only.
 */
export class ReferralView {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_ID }) id!: string;
  @ApiProperty({ enum: ReferralStatus, example: ReferralStatus.RECEIVED }) status!: ReferralStatus;
  @ApiProperty({ format: 'date-time', example: '2026-03-01T08:00:00.000Z' }) submittedAt!: string;
  @ApiProperty({ format: 'date-time', example: '2026-03-01T08:00:00.000Z' }) statusChangedAt!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'C-7K3M-9Q2X',
    description:
      'The reference of the case this referral opened, while your agency holds an active share of it (read it under /partner/v1/cases/{ref}); null before Corridor shares the case with you and again once the share is revoked or expires.',
  })
  caseReference!: string | null;
}

export class ReferralListView {
  @ApiProperty({ type: [ReferralView] }) items!: ReferralView[];
  @ApiNextCursorProperty() nextCursor!: string | null;
}

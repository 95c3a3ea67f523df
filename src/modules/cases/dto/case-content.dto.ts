import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { NestedArray } from '@common/validation/nested.decorator';
import { PersonalData } from '@infra/logging/personal-data.decorator';

const DATE_OR_YEAR = /^\d{4}(-\d{2}-\d{2})?$/;
export const COUNTRY = /^[A-Z]{2}$/;
/** An activation code such as `AZ-2017-09`. */
export const ACTIVATION_CODE = /^[A-Z0-9][A-Z0-9-]{1,30}[A-Z0-9]$/;
export const CONTACT_CHANNEL_TYPES = ['SIGNAL', 'WHATSAPP', 'TELEGRAM', 'PHONE', 'EMAIL', 'OTHER'] as const;

export class PersonDto {
  @ApiProperty({ maxLength: 100, example: 'Elvin' }) @PersonalData() @IsString() @MinLength(1) @MaxLength(100) givenName!: string;
  @ApiProperty({ maxLength: 100, example: 'Hüseynli' }) @PersonalData() @IsString() @MinLength(1) @MaxLength(100) familyName!: string;
  @ApiPropertyOptional({ maxLength: 100, example: 'Rauf oğlu' }) @PersonalData() @IsOptional() @IsString() @MaxLength(100) patronymic?: string;
  @ApiPropertyOptional({ type: [String], maxItems: 10, example: ['Elya'] })
  @PersonalData()
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  aliases?: string[];
  @ApiPropertyOptional({ example: '1994-03-17', pattern: DATE_OR_YEAR.source, description: 'ISO date, or a year alone' })
  @PersonalData()
  @IsOptional()
  @Matches(DATE_OR_YEAR, { message: 'dateOfBirth must be YYYY-MM-DD or YYYY' })
  dateOfBirth?: string;
  @ApiPropertyOptional({ maxLength: 50, example: 'man', description: 'As the person describes it' })
  @PersonalData()
  @IsOptional()
  @IsString()
  @MaxLength(50)
  gender?: string;
}

export class ContactChannelDto {
  @ApiProperty({ enum: CONTACT_CHANNEL_TYPES }) @IsIn(CONTACT_CHANNEL_TYPES) type!: (typeof CONTACT_CHANNEL_TYPES)[number];
  @ApiProperty({ maxLength: 200, example: '+995 555 12 34 56' }) @PersonalData() @IsString() @MinLength(1) @MaxLength(200) value!: string;
}

export class ContactDto {
  @ApiProperty({ type: [ContactChannelDto], maxItems: 10 }) @NestedArray(() => ContactChannelDto) @ArrayMaxSize(10) channels!: ContactChannelDto[];
  @ApiPropertyOptional({
    maxLength: 2000,
    example: 'Signal only; never call after 8 pm',
    description: 'How to reach the person safely (e.g. never call after 8 pm)',
  })
  @PersonalData()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  safeContactInstructions?: string;
}

export class LocationDto {
  @ApiPropertyOptional({ example: 'Sumqayit' }) @PersonalData() @IsOptional() @IsString() @MaxLength(100) city?: string;
  @ApiPropertyOptional({ example: 'Example street 1, flat 2' }) @PersonalData() @IsOptional() @IsString() @MaxLength(500) address?: string;
  @ApiPropertyOptional({ example: 'Staying with a friend, not at home' }) @PersonalData() @IsOptional() @IsString() @MaxLength(500) safeHouse?: string;
}

export class SogiescDto {
  @ApiPropertyOptional({ example: 'gay' }) @PersonalData() @IsOptional() @IsString() @MaxLength(200) sexualOrientation?: string;
  @ApiPropertyOptional({ example: 'man' }) @PersonalData() @IsOptional() @IsString() @MaxLength(200) genderIdentity?: string;
  @ApiPropertyOptional({ example: 'masculine' }) @PersonalData() @IsOptional() @IsString() @MaxLength(200) genderExpression?: string;
  @ApiPropertyOptional({ example: 'not disclosed' }) @PersonalData() @IsOptional() @IsString() @MaxLength(200) sexCharacteristics?: string;
  @ApiPropertyOptional({ example: 'Not out to family; speak only to him.' }) @PersonalData() @IsOptional() @IsString() @MaxLength(4000) notes?: string;
}

export class DocumentDto {
  @ApiProperty({ example: 'PASSPORT' }) @IsString() @MaxLength(40) type!: string;
  @ApiPropertyOptional({ example: 'X0000000' }) @PersonalData() @IsOptional() @IsString() @MaxLength(60) number?: string;
  @ApiPropertyOptional({ example: 'AZ' }) @IsOptional() @Matches(COUNTRY) issuingCountry?: string;
  @ApiPropertyOptional({ example: '2030-05-31' }) @PersonalData() @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/) expiresOn?: string;
}

export class DependantDto {
  @ApiProperty({ maxLength: 100, example: 'Leyla' }) @PersonalData() @IsString() @MinLength(1) @MaxLength(100) givenName!: string;
  @ApiProperty({ maxLength: 100, example: 'Hüseynli' }) @PersonalData() @IsString() @MinLength(1) @MaxLength(100) familyName!: string;
  @ApiProperty({ maxLength: 40, example: 'PARTNER' }) @IsString() @MaxLength(40) relationship!: string;
  @ApiPropertyOptional({ pattern: DATE_OR_YEAR.source, example: '1996-11-05' }) @PersonalData() @IsOptional() @Matches(DATE_OR_YEAR) dateOfBirth?: string;
}

import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsEnum, IsISO31661Alpha2, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { AgencyType } from '@common/access/roles';
import { ApiNextCursorProperty } from '@common/pagination/page-query.dto';
import { PersonalData } from '@infra/logging/personal-data.decorator';
import { AgencyStatus } from '../partner-agency.entity';

/** Upper-case ISO 3166-1 alpha-2 codes, each once. */
const CountryList = (required = true): PropertyDecorator =>
  applyDecorators(
    ApiProperty({ type: [String], required, example: ['GE', 'TR'], description: 'ISO 3166-1 alpha-2 codes, upper case' }),
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(60),
    ArrayUnique(),
    Matches(/^[A-Z]{2}$/, { each: true, message: 'each country must be an upper-case ISO 3166-1 alpha-2 code' }),
    IsISO31661Alpha2({ each: true, message: 'each country must be an ISO 3166-1 alpha-2 code' }),
  );

const Name = (): PropertyDecorator => applyDecorators(IsString(), Length(1, 200), Matches(/\S/, { message: 'name must not be blank' }));

/**
 * Contact channel: an organisation-level note (a role mailbox, a duty desk), never a named
 * person. Still marked personal so that no log line ever carries it.
 */
const ContactChannel = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({
      type: String,
      maxLength: 200,
      nullable: true,
      example: 'intake desk, Signal +995 555 010 203',
      description: 'Organisation-level contact channel (a role mailbox or desk), never a named person',
    }),
    IsOptional(),
    IsString(),
    MaxLength(200),
    PersonalData(),
  );

export class CreateAgencyDto {
  @ApiProperty({ maxLength: 200, example: 'Safe Harbour Batumi' })
  @Name()
  name!: string;

  @ApiProperty({ enum: AgencyType, enumName: 'AgencyType' })
  @IsEnum(AgencyType)
  type!: AgencyType;

  @CountryList()
  countries!: string[];

  @ContactChannel()
  contactChannel?: string | null;
}

export class UpdateAgencyDto {
  @ApiPropertyOptional({ maxLength: 200, example: 'Safe Harbour Batumi' })
  @IsOptional()
  @Name()
  name?: string;

  @IsOptional()
  @CountryList(false)
  countries?: string[];

  @ApiPropertyOptional({ enum: AgencyStatus, enumName: 'AgencyStatus', description: 'SUSPENDED stops every key of the agency at once' })
  @IsOptional()
  @IsEnum(AgencyStatus)
  status?: AgencyStatus;

  @ContactChannel()
  contactChannel?: string | null;
}

export class AgencyView {
  @ApiProperty({ format: 'uuid', example: '6a0e4d2b-9f31-4c7e-8b5a-1d2c3e4f5a60' })
  id!: string;

  @ApiProperty({ example: 'Safe Harbour Batumi' })
  name!: string;

  @ApiProperty({ enum: AgencyType, enumName: 'AgencyType', example: AgencyType.Shelter })
  type!: AgencyType;

  @ApiProperty({ type: [String], example: ['GE', 'TR'] })
  countries!: string[];

  @ApiProperty({ enum: AgencyStatus, enumName: 'AgencyStatus' })
  status!: AgencyStatus;

  @ApiProperty({ type: String, nullable: true, example: 'intake desk, Signal +995 555 010 203' })
  @PersonalData()
  contactChannel!: string | null;

  @ApiProperty({ type: String, format: 'date-time', example: '2026-03-01T08:00:00.000Z' })
  createdAt!: Date;

  @ApiProperty({ type: String, format: 'date-time', example: '2026-03-04T10:15:00.000Z' })
  updatedAt!: Date;
}

export class AgencyPage {
  @ApiProperty({ type: [AgencyView] })
  items!: AgencyView[];

  @ApiNextCursorProperty()
  nextCursor!: string | null;
}

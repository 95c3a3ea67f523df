import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEnum,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { NestedArray, NestedObject } from '@common/validation/nested.decorator';
import { PageQueryDto } from '@common/pagination/page-query.dto';
import { CasePriority, CaseStage } from '@modules/cases/domain/case-stage';
import { ACTIVATION_CODE, COUNTRY } from '@modules/cases/dto/case-content.dto';
import { ActivationStatus } from '../activation.entity';

const SCHEDULED = Object.values(CaseStage).filter((stage) => stage !== CaseStage.CLOSED);

export class RosterMemberDto {
  @ApiProperty({ example: '2f6b1c8e-7d3a-4e9b-a5c1-0e4d8f2b6a93', format: 'uuid', description: 'An active caseworker.' }) @IsUUID() userId!: string;
  @ApiProperty({
    example: 25,
    minimum: 1,
    maximum: 10_000,
    description: 'The most open cases this caseworker may hold in total, in and outside the activation.',
  })
  @IsInt()
  @Min(1)
  @Max(10_000)
  caseloadCap!: number;
}

export class StageIntervalDto {
  @ApiProperty({ enum: SCHEDULED }) @IsIn(SCHEDULED) stage!: CaseStage;
  @ApiProperty({ example: 360, minimum: 15, maximum: 129_600, description: 'Minutes, every priority; never lengthens the standard interval.' })
  @IsInt()
  @Min(15)
  @Max(129_600)
  intervalMinutes!: number;
}

export class TriageSlaDto {
  @ApiProperty({ enum: CasePriority }) @IsEnum(CasePriority) priority!: CasePriority;
  @ApiProperty({ example: 4, minimum: 1, maximum: 336, description: 'Hours; never lengthens the standard SLA.' }) @IsInt() @Min(1) @Max(336) hours!: number;
}

export class AcknowledgeWindowsDto {
  @ApiPropertyOptional({ example: 15, minimum: 5, maximum: 1440, description: 'Minutes level 1 (caseworker) waits before climbing.' })
  @IsOptional()
  @IsInt()
  @Min(5)
  @Max(1440)
  caseworker?: number;
  @ApiPropertyOptional({ example: 30, minimum: 5, maximum: 1440, description: 'Minutes level 2 (coordinator) waits before climbing.' })
  @IsOptional()
  @IsInt()
  @Min(5)
  @Max(1440)
  coordinator?: number;
}

/** Overrides only ever shorten the standard policy (spec 3.3, 3.7). */
export class OverridesDto {
  @ApiPropertyOptional({
    minimum: 0.05,
    maximum: 1,
    example: 0.5,
    description: 'Every check-in interval times this, unless the stage has an explicit interval.',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.05)
  @Max(1)
  checkinIntervalFactor?: number;

  @ApiPropertyOptional({ type: [StageIntervalDto] })
  @NestedArray(() => StageIntervalDto, { optional: true })
  @ArrayMaxSize(SCHEDULED.length)
  checkinIntervals?: StageIntervalDto[];

  @ApiPropertyOptional({ type: [TriageSlaDto] })
  @NestedArray(() => TriageSlaDto, { optional: true })
  @ArrayMaxSize(3)
  triageSla?: TriageSlaDto[];

  @ApiPropertyOptional({ type: AcknowledgeWindowsDto })
  @NestedObject(() => AcknowledgeWindowsDto, { optional: true })
  acknowledgeWindows?: AcknowledgeWindowsDto;
}

export class CreateActivationDto {
  @ApiProperty({ example: 'AZ-2017-09', description: 'Unique, never reused: 3 to 32 capital letters, digits and hyphens.' })
  @Matches(ACTIVATION_CODE, { message: 'code must be 3 to 32 capital letters, digits and hyphens' })
  code!: string;

  @ApiProperty({ example: 'Baku purge, September 2017', description: 'Operational, not personal: no names of people at risk.' })
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  title!: string;

  @ApiPropertyOptional({ example: 'Mass detentions after the protest; intake staffed around the clock.' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string;

  @ApiProperty({ example: ['AZ'], description: 'Open cases from these countries are linked, and so is every new intake from them.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(COUNTRY, { each: true, message: 'originCountries must be ISO 3166-1 alpha-2 codes' })
  originCountries!: string[];

  @ApiPropertyOptional({ example: ['GE', 'TR'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(COUNTRY, { each: true, message: 'transitCountries must be ISO 3166-1 alpha-2 codes' })
  transitCountries?: string[];

  @ApiPropertyOptional({
    example: ['6a0e4d2b-9f31-4c7e-8b5a-1d2c3e4f5a60'],
    type: [String],
    format: 'uuid',
    description: 'Partner agencies told of the activation and its stand-down.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  agencyIds?: string[];

  @ApiProperty({ type: [RosterMemberDto] })
  @NestedArray(() => RosterMemberDto)
  @ArrayMaxSize(500)
  roster!: RosterMemberDto[];

  @ApiPropertyOptional({
    example: ['7d4e9a1b-2c3f-4e5a-8b6c-9d0e1f2a3b4c'],
    type: [String],
    format: 'uuid',
    description: 'Coordinators in charge; the activating coordinator is always one.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  coordinatorIds?: string[];

  @ApiPropertyOptional({ type: OverridesDto }) @NestedObject(() => OverridesDto, { optional: true }) overrides?: OverridesDto;
}

export class UpdateRosterDto {
  @ApiProperty({ type: [RosterMemberDto], description: 'The whole roster; unplaced held cases are placed again.' })
  @NestedArray(() => RosterMemberDto)
  @ArrayMaxSize(500)
  roster!: RosterMemberDto[];
}

export class ActivationListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ActivationStatus }) @IsOptional() @IsEnum(ActivationStatus) status?: ActivationStatus;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { PersonalData } from '@infra/logging/personal-data.decorator';
import { DocumentStatus, MilestoneType, ResettlementNextStep, ResettlementPathway, ResettlementStatus } from '../domain/resettlement';

const COUNTRY = /^[A-Z]{2}$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class CreateResettlementApplicationDto {
  @ApiProperty({ example: 'CA' }) @Matches(COUNTRY, { message: 'destinationCountry must be an ISO 3166-1 alpha-2 code' }) destinationCountry!: string;
  @ApiProperty({ enum: ResettlementPathway }) @IsEnum(ResettlementPathway) pathway!: ResettlementPathway;
  @ApiPropertyOptional({ description: "A sponsoring organisation's name (never a person's).", example: 'Rainbow Railroad' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  sponsoringBody?: string;
}

export class SubmissionApprovalDto {
  @ApiPropertyOptional({
    example: 'Consent given verbally on a recorded call; the signed form follows.',
    description: 'Required when the case has no resettlement consent: the coordinator overrides the consent gate (sealed, audited).',
  })
  @PersonalData()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  consentOverrideReason?: string;
}

export class ResettlementStatusDto {
  @ApiProperty({ enum: ResettlementStatus, description: 'SUBMITTED only through an approved submission.' })
  @IsEnum(ResettlementStatus)
  status!: ResettlementStatus;
  @ApiPropertyOptional({ enum: ResettlementNextStep, description: 'Required for DENIED and DEFERRED.' })
  @IsOptional()
  @IsEnum(ResettlementNextStep)
  nextStep?: ResettlementNextStep;
}

export class CreateMilestoneDto {
  @ApiProperty({ enum: MilestoneType }) @IsEnum(MilestoneType) type!: MilestoneType;
  @ApiProperty({ example: '2027-01-15' }) @Matches(DATE, { message: 'date must be a date (YYYY-MM-DD)' }) date!: string;
  @ApiPropertyOptional({ example: 'Interview held; second interview in three weeks.', description: 'Sealed under the case key.' })
  @PersonalData()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  note?: string;
}

export class DocumentStatusDto {
  @ApiProperty({ enum: DocumentStatus }) @IsEnum(DocumentStatus) status!: DocumentStatus;
}

export class DestinationArrivalDto {
  @ApiProperty({ example: '2027-03-01', description: 'Never in the future.' })
  @Matches(DATE, { message: 'arrivedOn must be a date (YYYY-MM-DD)' })
  arrivedOn!: string;
}

export class HandoverDto {
  @ApiPropertyOptional({
    example: '6a0e4d2b-9f31-4c7e-8b5a-1d2c3e4f5a60',
    description: "The settlement agency's id, when it is a partner agency.",
    format: 'uuid',
  })
  @IsOptional()
  @IsUUID()
  agencyId?: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import { PageQueryDto } from '@common/pagination/page-query.dto';
import { CASE_REFERENCE_PATTERN } from '@modules/cases/domain/case-reference';
import { EscalationOutcome, EscalationState, EscalationTrigger } from '../domain/escalation';

export class EscalationListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 3 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(3) level?: number;
  @ApiPropertyOptional({ enum: EscalationTrigger }) @IsOptional() @IsEnum(EscalationTrigger) trigger?: EscalationTrigger;
  @ApiPropertyOptional({ enum: EscalationState }) @IsOptional() @IsEnum(EscalationState) state?: EscalationState;
  @ApiPropertyOptional({ format: 'uuid', description: "Only escalations of the activation's cases." }) @IsOptional() @IsUUID() activationId?: string;
  @ApiPropertyOptional({
    example: 'C-7K4M-9P2Q',
    description: "Only this case's escalations (the case page's list); a case out of the caller's scope answers an empty page.",
  })
  @IsOptional()
  @IsString()
  @Matches(CASE_REFERENCE_PATTERN, { message: 'caseReference must be a case reference' })
  caseReference?: string;
}

export class ReassignEscalationDto {
  @ApiProperty({ example: '2f6b1c8e-7d3a-4e9b-a5c1-0e4d8f2b6a93', format: 'uuid', description: 'An active coordinator, or a caseworker assigned to the case.' })
  @IsUUID()
  assigneeId!: string;
}

export class ResolveEscalationDto {
  @ApiProperty({ enum: EscalationOutcome }) @IsEnum(EscalationOutcome) outcome!: EscalationOutcome;
}

export class ManualEscalationDto {
  @ApiPropertyOptional({ example: 2, minimum: 1, maximum: 3, default: 1, description: 'Level to open at.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3)
  level?: number;
}

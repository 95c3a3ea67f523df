import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEnum, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { PageQueryDto } from '@common/pagination/page-query.dto';
import { PersonalData } from '@infra/logging/personal-data.decorator';
import { CasePriority } from '@modules/cases/domain/case-stage';
import { SCHEDULED_STAGES, type ScheduledStage } from '../domain/checkin-policy';
import { EscalationOutcome, EscalationState, EscalationTrigger } from '../domain/escalation';

export enum CheckinChannel {
  CALL = 'CALL',
  VISIT = 'VISIT',
  MESSAGE = 'MESSAGE',
}

export class RecordCheckinDto {
  @ApiProperty({ enum: CheckinChannel }) @IsEnum(CheckinChannel) channel!: CheckinChannel;
  @ApiPropertyOptional({ description: 'Sealed under the case key.' }) @PersonalData() @IsOptional() @IsString() @MinLength(1) @MaxLength(4000) note?: string;
}

export class CheckinPolicyRuleDto {
  @ApiProperty({ enum: SCHEDULED_STAGES }) @IsIn(SCHEDULED_STAGES) stage!: ScheduledStage;
  @ApiProperty({ enum: CasePriority }) @IsEnum(CasePriority) priority!: CasePriority;
  @ApiProperty({ minimum: 60, maximum: 129_600, description: 'Interval in minutes (1 h to 90 d).' }) @IsInt() @Min(60) @Max(129_600) intervalMinutes!: number;
}

export class UpdateCheckinPolicyDto {
  @ApiProperty({ type: [CheckinPolicyRuleDto], description: 'Rows to change; rows not named keep their value.' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(SCHEDULED_STAGES.length * 3) @ValidateNested({ each: true }) @Type(() => CheckinPolicyRuleDto)
  rules!: CheckinPolicyRuleDto[];
}

export class EscalationListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 3 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(3) level?: number;
  @ApiPropertyOptional({ enum: EscalationTrigger }) @IsOptional() @IsEnum(EscalationTrigger) trigger?: EscalationTrigger;
  @ApiPropertyOptional({ enum: EscalationState }) @IsOptional() @IsEnum(EscalationState) state?: EscalationState;
}

export class ResolveEscalationDto {
  @ApiProperty({ enum: EscalationOutcome }) @IsEnum(EscalationOutcome) outcome!: EscalationOutcome;
}

export class ManualEscalationDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 3, default: 1, description: 'Level to open at.' }) @IsOptional() @IsInt() @Min(1) @Max(3) level?: number;
}

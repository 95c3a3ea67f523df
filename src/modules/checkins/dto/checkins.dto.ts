import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsEnum, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { NestedArray } from '@common/validation/nested.decorator';
import { PersonalData } from '@infra/logging/personal-data.decorator';
import { CasePriority } from '@modules/cases/domain/case-stage';
import { CheckinLinkKind } from '../checkin-links.entity';
import { SCHEDULED_STAGES, type ScheduledStage } from '../domain/checkin-policy';

export enum CheckinChannel {
  CALL = 'CALL',
  VISIT = 'VISIT',
  MESSAGE = 'MESSAGE',
}

export class RecordCheckinDto {
  @ApiProperty({ enum: CheckinChannel }) @IsEnum(CheckinChannel) channel!: CheckinChannel;
  @ApiPropertyOptional({ example: 'Called from a new number; safe, staying with a cousin.', description: 'Sealed under the case key.' })
  @PersonalData()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  note?: string;
}

export class CheckinPolicyRuleDto {
  @ApiProperty({ enum: SCHEDULED_STAGES }) @IsIn(SCHEDULED_STAGES) stage!: ScheduledStage;
  @ApiProperty({ enum: CasePriority }) @IsEnum(CasePriority) priority!: CasePriority;
  @ApiProperty({ example: 1440, minimum: 60, maximum: 129_600, description: 'Interval in minutes (1 h to 90 d).' })
  @IsInt()
  @Min(60)
  @Max(129_600)
  intervalMinutes!: number;
}

export class UpdateCheckinPolicyDto {
  @ApiProperty({ type: [CheckinPolicyRuleDto], description: 'Rows to change; rows not named keep their value.' })
  @NestedArray(() => CheckinPolicyRuleDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(SCHEDULED_STAGES.length * 3)
  rules!: CheckinPolicyRuleDto[];
}

const PIN_RULE = /^[0-9]{4,8}$/;

export class SetCheckinPinsDto {
  @ApiProperty({ description: '4 to 8 digits. Stored as an argon2id hash only.', example: '0000', format: 'password' })
  @PersonalData()
  @IsString()
  @Matches(PIN_RULE, { message: 'safetyPin must be 4 to 8 digits' })
  safetyPin!: string;

  @ApiProperty({
    description: '4 to 8 digits, different from the safety PIN. Checking in with it raises a DURESS escalation unseen.',
    example: '0000',
    format: 'password',
  })
  @PersonalData()
  @IsString()
  @Matches(PIN_RULE, { message: 'duressPin must be 4 to 8 digits' })
  duressPin!: string;
}

export class IssueCheckinLinkDto {
  @ApiPropertyOptional({
    enum: CheckinLinkKind,
    default: CheckinLinkKind.CHECKIN,
    description: 'CHECKIN asks for a PIN; ENROL lets the person choose both PINs.',
  })
  @IsOptional()
  @IsEnum(CheckinLinkKind)
  kind?: CheckinLinkKind;
}

/** A one-time check-in link, shown once: hand `url` to the person (Signal, in person…). */
export class IssuedCheckinLinkView {
  @ApiProperty({
    example: 'https://corridor.example.org/c/9Qm2vWk3tZr8LxY4bN6pC1dF5gH7jK0sA2eR4uI6oP8',
    description: 'Full link under `PUBLIC_BASE_URL`; shown once, never stored.',
  })
  url!: string;
  @ApiProperty({ example: '/c/9Qm2vWk3tZr8LxY4bN6pC1dF5gH7jK0sA2eR4uI6oP8' }) path!: string;
  @ApiProperty({ enum: CheckinLinkKind, example: CheckinLinkKind.CHECKIN }) kind!: string;
  @ApiProperty({ example: '2026-12-09T21:00:00.000Z' }) expiresAt!: string;
}

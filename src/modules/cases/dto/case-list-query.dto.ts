import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEnum, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '@common/pagination/page-query.dto';
import { PersonalData } from '@infra/logging/personal-data.decorator';
import { CaseFlag, CasePriority, CaseStage } from '../domain/case-stage';
import { COUNTRY } from './case-content.dto';

const bool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class CaseListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CaseStage }) @IsOptional() @IsEnum(CaseStage) stage?: CaseStage;
  @ApiPropertyOptional({ enum: CasePriority }) @IsOptional() @IsEnum(CasePriority) priority?: CasePriority;
  @ApiPropertyOptional({ enum: CaseFlag }) @IsOptional() @IsEnum(CaseFlag) flag?: CaseFlag;
  @ApiPropertyOptional({ example: 'AZ' }) @IsOptional() @Matches(COUNTRY) originCountry?: string;
  @ApiPropertyOptional({ example: 'GE' }) @IsOptional() @Matches(COUNTRY) currentCountry?: string;
  @ApiPropertyOptional({ format: 'uuid', example: '3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b', description: 'Only cases assigned to this caseworker.' })
  @IsOptional()
  @IsUUID()
  assignee?: string;
  @ApiPropertyOptional({ description: 'Only cases assigned to me.' }) @IsOptional() @Transform(bool) @IsBoolean() mine?: boolean;
  @ApiPropertyOptional({ format: 'uuid', example: '3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b' }) @IsOptional() @IsUUID() activationId?: string;
  @ApiPropertyOptional({ description: 'Only cases flagged (true) or not flagged (false) as a possible duplicate.' })
  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  possibleDuplicate?: boolean;
  @ApiPropertyOptional({ description: 'Only cases whose triage deadline has passed untriaged.' }) @IsOptional() @Transform(bool) @IsBoolean() overdue?: boolean;
  @ApiPropertyOptional({ description: 'Only cases whose next check-in is overdue.' }) @IsOptional() @Transform(bool) @IsBoolean() checkinOverdue?: boolean;
  @ApiPropertyOptional({ description: 'Include closed cases.' }) @IsOptional() @Transform(bool) @IsBoolean() includeClosed?: boolean;
  @ApiPropertyOptional({
    default: true,
    description: 'Show names where the role allows (each shown name is audited). `false`: plain fields only, nothing decrypted.',
  })
  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  names?: boolean;
}

/**
 * A name search: the term travels in the body, so it never reaches a URL, an access log or a
 * proxy; it is turned into blind indexes and dropped (never stored, logged or audited).
 */
export class CaseSearchDto extends CaseListQueryDto {
  @ApiProperty({
    minLength: 2,
    maxLength: 200,
    example: 'Elvin Mamedov',
    description: 'Given and family name in any script or spelling (Latin, Cyrillic, Azerbaijani Latin); at least two name words.',
  })
  @PersonalData()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name!: string;
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEnum, IsOptional, IsUUID, Matches } from 'class-validator';
import { PageQueryDto } from '@common/pagination/page-query.dto';
import { CaseFlag, CasePriority, CaseStage } from '../domain/case-stage';
import { COUNTRY } from './case-content.dto';

const bool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class CaseListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CaseStage }) @IsOptional() @IsEnum(CaseStage) stage?: CaseStage;
  @ApiPropertyOptional({ enum: CasePriority }) @IsOptional() @IsEnum(CasePriority) priority?: CasePriority;
  @ApiPropertyOptional({ enum: CaseFlag }) @IsOptional() @IsEnum(CaseFlag) flag?: CaseFlag;
  @ApiPropertyOptional({ example: 'AZ' }) @IsOptional() @Matches(COUNTRY) originCountry?: string;
  @ApiPropertyOptional({ example: 'GE' }) @IsOptional() @Matches(COUNTRY) currentCountry?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() assignee?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() activationId?: string;
  @ApiPropertyOptional({ description: 'Only cases whose triage deadline has passed untriaged.' }) @IsOptional() @Transform(bool) @IsBoolean() overdue?: boolean;
  @ApiPropertyOptional({ description: 'Include closed cases.' }) @IsOptional() @Transform(bool) @IsBoolean() includeClosed?: boolean;
}

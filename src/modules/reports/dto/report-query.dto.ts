import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { COLUMN_DIMENSIONS, ReportDimension, type ColumnDimension } from '../domain/dimensions';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class ReportQueryDto {
  @ApiPropertyOptional({ description: 'First day (UTC) of the period, inclusive: cases by intake, events by when they happened.', example: '2026-01-01' })
  @IsOptional()
  @Matches(DATE, { message: 'from must be a date (YYYY-MM-DD)' })
  from?: string;

  @ApiPropertyOptional({ description: 'Last day (UTC) of the period, inclusive.', example: '2026-03-31' })
  @IsOptional()
  @Matches(DATE, { message: 'to must be a date (YYYY-MM-DD)' })
  to?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only cases linked to this activation.' })
  @IsOptional()
  @IsUUID()
  activationId?: string;
}

export class ReportExportQueryDto extends ReportQueryDto {
  @ApiProperty({ enum: ReportDimension, description: 'What each row counts.' })
  @IsEnum(ReportDimension)
  rows!: ReportDimension;

  @ApiProperty({ enum: COLUMN_DIMENSIONS, description: 'What each column counts (fixed sets only).' })
  @IsIn(COLUMN_DIMENSIONS)
  columns!: ColumnDimension;
}

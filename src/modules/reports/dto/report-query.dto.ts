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

/** Row dimensions a partner may ask for: no activation (other responses' ids are not theirs). */
export const PARTNER_ROW_DIMENSIONS = [
  ReportDimension.Stage,
  ReportDimension.Priority,
  ReportDimension.OriginCountry,
  ReportDimension.CurrentCountry,
  ReportDimension.IntakeWeek,
] as const;

export class PartnerReportQueryDto {
  @ApiPropertyOptional({ description: 'First day (UTC) of the intake period, inclusive.', example: '2026-01-01' })
  @IsOptional()
  @Matches(DATE, { message: 'from must be a date (YYYY-MM-DD)' })
  from?: string;

  @ApiPropertyOptional({ description: 'Last day (UTC) of the intake period, inclusive.', example: '2026-03-31' })
  @IsOptional()
  @Matches(DATE, { message: 'to must be a date (YYYY-MM-DD)' })
  to?: string;

  @ApiProperty({ enum: PARTNER_ROW_DIMENSIONS, description: 'What each row counts.' })
  @IsIn(PARTNER_ROW_DIMENSIONS)
  rows!: (typeof PARTNER_ROW_DIMENSIONS)[number];

  @ApiProperty({ enum: COLUMN_DIMENSIONS, description: 'What each column counts.' })
  @IsIn(COLUMN_DIMENSIONS)
  columns!: ColumnDimension;
}

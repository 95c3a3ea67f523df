import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

export class UpsertStayRuleDto {
  @ApiProperty({ example: 365 }) @IsInt() @Min(1) @Max(3660) allowedDays!: number;
  @ApiProperty({ example: 'Law on the legal status of aliens, article 11', description: 'Where the rule comes from (law, decree, official page).' })
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  source!: string;
  @ApiProperty({ example: '2026-11-21', description: 'When someone last checked the source.' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'checkedOn must be a date (YYYY-MM-DD)' })
  checkedOn!: string;
}

export interface StayRuleView {
  nationality: string;
  hostCountry: string;
  allowedDays: number;
  source: string;
  checkedOn: string;
  updatedBy: string | null;
  updatedAt: string;
}

import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { Env } from './env.decorator';

export class CasesConfig {
  @Env('CASE_RETENTION_DAYS', { description: 'Closed cases are crypto-shredded this many days after closing, unless on legal hold.' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(36_500)
  retentionDays = 365;
}

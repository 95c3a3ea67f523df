import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { Env } from './env.decorator';

export class AuditConfig {
  @Env('AUDIT_SEAL_INTERVAL_MS', { description: 'How often the scheduler seals (hash-chains) committed audit events.' })
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(60_000)
  sealIntervalMs = 1_000;
}

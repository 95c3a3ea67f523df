import { Type } from 'class-transformer';
import { IsInt, IsUrl, Max, Min } from 'class-validator';
import { Env } from './env.decorator';

export class DatabaseConfig {
  @Env('DATABASE_URL', { description: 'PostgreSQL connection URL.', secret: true })
  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  url = 'postgres://postgres@127.0.0.1:5432/corridor';

  @Env('DATABASE_POOL_SIZE', { description: 'Connections per process.' })
  @Type(() => Number)
  @IsInt()
  @Min(2)
  @Max(200)
  poolSize = 20;

  @Env('DATABASE_STATEMENT_TIMEOUT_MS', { description: 'Upper bound for any single statement.' })
  @Type(() => Number)
  @IsInt()
  @Min(100)
  statementTimeoutMs = 30_000;

  get databaseName(): string {
    return decodeURIComponent(new URL(this.url).pathname.replace(/^\//, ''));
  }
}

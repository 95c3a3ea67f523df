import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsString, IsUrl, Max, Min } from 'class-validator';
import { Env } from './env.decorator';

export class HttpConfig {
  @Env('PORT', { description: 'HTTP port of the `api` role.' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  port = 3000;

  @Env('HOST', { description: 'Address the `api` role binds to. Loopback by default; containers set `0.0.0.0`.' })
  @IsString()
  host = '127.0.0.1';

  @Env('HTTP_BODY_LIMIT_BYTES', { description: 'Largest accepted request body.' })
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(10 * 1024 * 1024)
  bodyLimitBytes = 256 * 1024;

  @Env('CORS_ORIGINS', { description: 'Comma-separated origins allowed by CORS. Empty: CORS closed.' })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.split(',').map((origin) => origin.trim()).filter(Boolean) : value,
  )
  @IsUrl({ require_tld: false, require_protocol: true }, { each: true })
  corsOrigins: string[] = [];

  @Env('TRUST_PROXY', { description: '`true` behind a reverse proxy that sets X-Forwarded-For.' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value === 'true' : value))
  @IsBoolean()
  trustProxy = false;

  @Env('CORRIDOR_BENCH_ROUTES', {
    description: '`true` adds the unauthenticated benchmark reference routes (`/bench/v1/…`, `npm run bench`). Refused unless `HOST` is loopback. Never in a deployment.',
  })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value === 'true' : value))
  @IsBoolean()
  benchRoutes = false;
}

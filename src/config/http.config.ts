import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min } from 'class-validator';
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

  @Env('PUBLIC_BASE_URL', {
    description:
      'The absolute address people and partners reach Corridor at (e.g. `https://corridor.example.org`); check-in links are answered as full URLs under it. Must be `https://` in production, where it is required; in development and tests it defaults to `http://127.0.0.1:<PORT>`.',
  })
  @IsOptional()
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'], allow_query_components: false, allow_fragments: false },
    { message: 'must be an absolute http(s) URL with no query or fragment' },
  )
  publicBaseUrl?: string;

  @Env('HTTP_BODY_LIMIT_BYTES', { description: 'Largest accepted request body.' })
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(10 * 1024 * 1024)
  bodyLimitBytes = 256 * 1024;

  @Env('CORS_ORIGINS', { description: 'Comma-separated origins allowed by CORS. Empty: CORS closed.' })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((origin) => origin.trim())
          .filter(Boolean)
      : value,
  )
  @IsUrl({ require_tld: false, require_protocol: true }, { each: true })
  corsOrigins: string[] = [];

  @Env('TRUST_PROXY', { description: '`true` behind a reverse proxy that sets X-Forwarded-For.' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value === 'true' : value))
  @IsBoolean()
  trustProxy = false;

  @Env('METRICS_TOKEN', {
    description:
      'Bearer token Prometheus presents to `GET /metrics` (32–512 URL-safe or base64 characters, e.g. `npm run cli -- keys:generate`). Unset: `/metrics` refuses every request. A credential of its own: never a staff token or API key.',
    secret: true,
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.~+/-]{32,512}=*$/, { message: 'must be 32–512 letters, digits or `_.~+/-` (e.g. `npm run cli -- keys:generate`)' })
  metricsToken?: string;

  @Env('IDEMPOTENCY_TTL_HOURS', { description: 'How long a stored `Idempotency-Key` result is replayed (at least 24).' })
  @Type(() => Number)
  @IsInt()
  @Min(24)
  @Max(24 * 30)
  idempotencyTtlHours = 24;

  @Env('IDEMPOTENCY_LEASE_SECONDS', { description: 'After this long, a key whose first request never finished (the process died) may be retried.' })
  @Type(() => Number)
  @IsInt()
  @Min(5)
  @Max(3600)
  idempotencyLeaseSeconds = 60;

  @Env('PARTNER_BODY_LIMIT_BYTES', { description: 'Largest request body on `/partner/v1` routes (413 beyond).' })
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(1024 * 1024)
  partnerBodyLimitBytes = 64 * 1024;

  @Env('PARTNER_RATE_LIMIT_PER_MINUTE', { description: 'Requests one partner agency may make per minute, all its keys together (Redis-backed; fails closed).' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  partnerRateLimitPerMinute = 600;

  @Env('CORRIDOR_BENCH_ROUTES', {
    description:
      '`true` adds the unauthenticated benchmark reference routes (`/bench/v1/…`, `npm run bench`). Refused unless `HOST` is loopback. Never in a deployment.',
  })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value === 'true' : value))
  @IsBoolean()
  benchRoutes = false;

  @Env('CONSOLE_DIR', {
    description: 'Where the built staff console is (`npm run build` writes `dist/console`); relative to the working directory. Empty: no console is served.',
  })
  @IsString()
  consoleDir = 'dist/console';

  @Env('CONSOLE_IDLE_LOCK_SECONDS', {
    description: 'The staff console locks itself (everything hidden until the password is entered again) after this long without input.',
  })
  @Type(() => Number)
  @IsInt()
  @Min(30)
  @Max(8 * 3600)
  consoleIdleLockSeconds = 600;

  /** Where check-in links point: `PUBLIC_BASE_URL` without a trailing slash, or the local address. */
  get publicBase(): string {
    return (this.publicBaseUrl ?? `http://127.0.0.1:${this.port}`).replace(/\/+$/, '');
  }
}

/**
 * The cross-section rule for `PUBLIC_BASE_URL` (it depends on `NODE_ENV`): required and `https`
 * in production; elsewhere optional (the local address). Returns the problems, if any.
 */
export function publicBaseUrlProblems(http: HttpConfig, mode: string): string[] {
  if (mode !== 'production') return [];
  if (!http.publicBaseUrl) return ['PUBLIC_BASE_URL: required in production (the https:// address people open check-in links at)'];
  if (!http.publicBaseUrl.toLowerCase().startsWith('https://')) return ['PUBLIC_BASE_URL: must be https:// in production'];
  return [];
}

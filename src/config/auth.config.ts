import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsString, Length, Max, Min } from 'class-validator';
import { Env } from './env.decorator';

export class AuthConfig {
  @Env('ACCESS_TOKEN_TTL_SECONDS', { description: 'Lifetime of a staff access token.' })
  @Type(() => Number)
  @IsInt()
  @Min(60)
  @Max(3600)
  accessTokenTtlSeconds = 900;

  @Env('SESSION_MAX_AGE_SECONDS', { description: 'Absolute lifetime of a staff session; refreshing never extends it.' })
  @Type(() => Number)
  @IsInt()
  @Min(300)
  @Max(7 * 86_400)
  sessionMaxAgeSeconds = 12 * 3600;

  @Env('ENROLMENT_TOKEN_TTL_HOURS', { description: 'How long an invitation or authenticator-reset token stays valid.' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(14 * 24)
  enrolmentTokenTtlHours = 72;

  @Env('LOGIN_LOCKOUT_THRESHOLD', {
    description: 'Consecutive wrong authenticator codes after a right password (at login or password change) that lock an account.',
  })
  @Type(() => Number)
  @IsInt()
  @Min(3)
  @Max(20)
  lockoutThreshold = 5;

  @Env('LOGIN_LOCKOUT_BASE_SECONDS', { description: 'First lockout; each further lockout doubles it (at most a day).' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  lockoutBaseSeconds = 60;

  @Env('LOGIN_RATE_LIMIT_PER_IP', { description: 'Login attempts per client address per window (Redis-backed, across replicas).' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  loginRateLimitPerIp = 30;

  @Env('LOGIN_RATE_LIMIT_PER_ACCOUNT_AND_ADDRESS', {
    description:
      "Login attempts per account from one source (an IPv4 address or an IPv6 /64) per window: a stranger spends their own allowance, not the owner's.",
  })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  loginRateLimitPerAccountAndAddress = 10;

  @Env('LOGIN_RATE_LIMIT_PER_ACCOUNT', {
    description: 'Ceiling on login attempts per account per window, from all addresses together (bounds distributed guessing).',
  })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  loginRateLimitPerAccount = 100;

  @Env('LOGIN_RATE_LIMIT_WINDOW_SECONDS', { description: 'The login rate-limit window.' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  loginRateLimitWindowSeconds = 900;

  @Env('TOTP_ISSUER', { description: 'Name authenticator apps show for staff accounts (choose something discreet).' })
  @IsString()
  @Length(1, 40)
  totpIssuer = 'Corridor';

  @Env('PASSWORD_HASH_MEMORY_KIB', { description: 'argon2id memory cost.' })
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  passwordHashMemoryKib = 65_536;

  @Env('PASSWORD_HASH_TIME_COST', { description: 'argon2id passes.' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  passwordHashTimeCost = 3;

  @Env('BREAK_GLASS_MINUTES', { description: 'How long a coordinator keeps break-glass access to a case.' })
  @Type(() => Number)
  @IsInt()
  @Min(5)
  @Max(24 * 60)
  breakGlassMinutes = 60;

  @Env('FIRST_ADMIN_TOKEN_TTL_MINUTES', {
    description: 'How long the first-admin enrolment token printed at start stays valid; it stops working anyway as soon as any admin has enrolled.',
  })
  @Type(() => Number)
  @IsInt()
  @Min(5)
  @Max(24 * 60)
  firstAdminTokenTtlMinutes = 30;

  @Env('FIRST_ADMIN_EMAIL', {
    description: 'Single-machine default: the first admin, given a one-time enrolment token on the console while no admin has enrolled.',
  })
  @IsEmail({ require_tld: false })
  firstAdminEmail = 'admin@corridor.local';
}

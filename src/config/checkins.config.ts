import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { Env } from './env.decorator';

export class CheckinsConfig {
  @Env('CHECKIN_LINK_TTL_HOURS', { description: 'How long a one-time check-in or PIN-enrolment link (`/c/<token>`) stays valid.' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(720)
  linkTtlHours = 72;

  @Env('CHECKIN_LINK_MAX_ATTEMPTS', { description: 'Wrong PINs a one-time link tolerates before it is spent.' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(20)
  linkMaxAttempts = 5;

  @Env('CHECKIN_LINK_RATE_LIMIT_PER_IP', { description: 'PIN submissions on `/c/<token>` per client address per window (Redis-backed; fails closed).' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  linkRateLimitPerIp = 20;

  @Env('CHECKIN_LINK_RATE_LIMIT_PER_TOKEN', { description: 'PIN submissions per link per window, whatever the address.' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  linkRateLimitPerToken = 10;

  @Env('CHECKIN_LINK_RATE_LIMIT_WINDOW_SECONDS', { description: 'The check-in link rate-limit window.' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  linkRateLimitWindowSeconds = 900;
}

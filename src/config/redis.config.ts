import { IsString, IsUrl, Matches } from 'class-validator';
import { Env } from './env.decorator';

export class RedisConfig {
  @Env('REDIS_URL', { description: 'Redis connection URL (queues, rate limits).', secret: true })
  @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false, require_protocol: true })
  url = 'redis://127.0.0.1:6379';

  @Env('REDIS_PREFIX', { description: 'Prefix for every Redis key, so deployments (and test files) can share one Redis.' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9:_-]{0,63}$/i)
  prefix = 'corridor';
}

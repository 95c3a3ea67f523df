import { Injectable } from '@nestjs/common';
import { RedisClient } from './redis-client';

export interface RateLimitVerdict {
  allowed: boolean;
  /** Seconds until the window resets (0 when allowed). */
  retryAfterSeconds: number;
}

// INCR and set the expiry on the first hit, atomically: one round trip, no race between replicas.
const HIT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
return {count, ttl}
`;

/**
 * Fixed-window counters in Redis, shared by every replica. If Redis cannot answer, the limiter
 * refuses (fails closed): an attacker must not gain unlimited guesses by knocking Redis over.
 */
@Injectable()
export class RateLimiter {
  constructor(private readonly redis: RedisClient) {}

  async hit(key: string, limit: number, windowSeconds: number): Promise<RateLimitVerdict> {
    try {
      const [count, ttlMs] = (await this.redis.client.eval(HIT, 1, `rl:${key}`, windowSeconds * 1000)) as [number, number];
      if (count <= limit) return { allowed: true, retryAfterSeconds: 0 };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(ttlMs / 1000)) };
    } catch {
      return { allowed: false, retryAfterSeconds: windowSeconds };
    }
  }
}

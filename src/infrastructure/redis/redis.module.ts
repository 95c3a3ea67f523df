import { Global, Module } from '@nestjs/common';
import { RateLimiter } from './rate-limiter';
import { RedisClient } from './redis-client';

@Global()
@Module({ providers: [RedisClient, RateLimiter], exports: [RedisClient, RateLimiter] })
export class RedisModule {}

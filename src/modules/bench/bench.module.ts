import { Module } from '@nestjs/common';
import type { HttpConfig } from '@config/http.config';
import { ConfigError } from '@config/config.error';
import { BenchController } from './bench.controller';
import { BenchRepository } from './bench.repository';
import { BenchService } from './bench.service';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/**
 * Reference routes for `npm run bench` (docs/PERFORMANCE.md). Off by default. Because they
 * answer without authentication, the flag is refused unless the API listens on loopback only:
 * a mistaken flag in a deployment stops the process instead of opening a route.
 */
@Module({ controllers: [BenchController], providers: [BenchService, BenchRepository] })
export class BenchModule {
  static enabledBy(http: HttpConfig): boolean {
    if (!http.benchRoutes) return false;
    if (!LOOPBACK.has(http.host)) throw new ConfigError(['CORRIDOR_BENCH_ROUTES is only allowed when HOST is a loopback address']);
    return true;
  }
}

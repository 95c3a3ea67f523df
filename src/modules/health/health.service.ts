import { Injectable } from '@nestjs/common';
import { RedisClient } from '@infra/redis/redis-client';
import { NotReadyException } from './health.exception';
import { HealthRepository } from './health.repository';

const CHECK_TIMEOUT_MS = 1_500;

export interface ReadinessReport {
  status: 'ready';
  checks: { database: 'up'; redis: 'up' };
}

@Injectable()
export class HealthService {
  constructor(
    private readonly repository: HealthRepository,
    private readonly redis: RedisClient,
  ) {}

  async readiness(): Promise<ReadinessReport> {
    const [database, redis] = await Promise.all([this.repository.databaseReachable(CHECK_TIMEOUT_MS), this.redis.ping(CHECK_TIMEOUT_MS)]);
    const unreachable = [...(database ? [] : ['database']), ...(redis ? [] : ['redis'])];
    if (unreachable.length > 0) throw new NotReadyException(unreachable);
    return { status: 'ready', checks: { database: 'up', redis: 'up' } };
  }
}

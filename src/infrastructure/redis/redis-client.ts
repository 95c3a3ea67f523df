import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { RedisConfig } from '@config/redis.config';
import Redis from 'ioredis';

/** A shared Redis client for counters and health checks (bull keeps its own connections). */
@Injectable()
export class RedisClient implements OnApplicationShutdown {
  readonly client: Redis;

  constructor(@Inject(RedisConfig) config: RedisConfig) {
    this.client = new Redis(config.url, {
      keyPrefix: `${config.prefix}:`,
      lazyConnect: true,
      // Fail fast instead of queueing commands while Redis is away: callers decide what to do.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
    });
    this.client.on('error', () => undefined);
    this.client.connect().catch(() => undefined);
  }

  async ping(timeoutMs: number): Promise<boolean> {
    try {
      const reply = await Promise.race([
        this.ready().then(() => this.client.ping()),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs).unref()),
      ]);
      return reply === 'PONG';
    } catch {
      return false;
    }
  }

  /** Resolves once connected (commands are not queued while offline). */
  private ready(): Promise<void> {
    if (this.client.status === 'ready') return Promise.resolve();
    if (this.client.status === 'end' || this.client.status === 'close') this.client.connect().catch(() => undefined);
    return new Promise((resolve) => this.client.once('ready', () => resolve()));
  }

  async onApplicationShutdown(): Promise<void> {
    // QUIT lets the server close the socket; disconnect() would leave a 2 s destroy timer behind.
    if (this.client.status === 'ready') await this.client.quit().catch(() => this.client.disconnect());
    else this.client.disconnect();
  }
}

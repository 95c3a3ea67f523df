import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamicModule, INestApplicationContext, Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Redis from 'ioredis';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createCorridorApp } from '@app/create-app';
import { PERSISTENCE } from '@app/persistence';
import type { Clock } from '@common/clock/clock';
import { loadConfig, type AppConfig } from '@config/app.config';
import type { Environment } from '@config/load-section';
import { buildDataSourceOptions } from '@infra/database/data-source-options';
import type { LogCapture } from './log-capture';
import { assertTestDatabaseName, testDatabaseUrl, testRedisUrl, testServerUrl, TEST_DATABASE_PREFIX } from './test-database-names';

export interface StartAppOptions {
  roles?: string;
  clock?: Clock;
  env?: Environment;
  logs?: LogCapture;
  extraModules?: Array<Type | DynamicModule>;
  extraJobNames?: string[];
}

export interface TestApp {
  config: AppConfig;
  context: INestApplicationContext;
  /** Present when the app has the `api` role. */
  http?: NestFastifyApplication;
  close(): Promise<void>;
}

/**
 * One test file's world: its own database cloned from the migrated template, its own Redis key
 * prefix, and the apps it started. Files never share state, so they run in parallel.
 */
export class TestContext {
  private readonly apps: TestApp[] = [];
  private db: DataSource | undefined;

  /** Random keys per test file, so no test reads or writes the development key directory. */
  readonly keys = {
    masterKeyId: `test-${randomBytes(3).toString('hex')}`,
    masterKey: randomBytes(32).toString('base64'),
    indexKey: randomBytes(32).toString('base64'),
  };

  private constructor(
    readonly databaseName: string,
    readonly redisPrefix: string,
  ) {}

  /** Never created unless a test clears the keys above to exercise the development default. */
  get keyDir(): string {
    return join(tmpdir(), `${this.redisPrefix}-keys`);
  }

  static async create(): Promise<TestContext> {
    const runId = process.env.CORRIDOR_TEST_RUN;
    const template = process.env.CORRIDOR_TEST_TEMPLATE;
    if (!runId || !template) throw new Error('The Jest global setup did not run (CORRIDOR_TEST_TEMPLATE is unset)');
    const suffix = randomBytes(4).toString('hex');
    const name = `${TEST_DATABASE_PREFIX}${runId}_${suffix}`;
    assertTestDatabaseName(name);
    assertTestDatabaseName(template);
    const admin = new Client({ connectionString: testServerUrl().toString() });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    } finally {
      await admin.end();
    }
    return new TestContext(name, `corridor-test-${runId}-${suffix}`);
  }

  get databaseUrl(): string {
    return testDatabaseUrl(this.databaseName);
  }

  env(overrides: Environment = {}): Environment {
    return {
      NODE_ENV: 'test',
      DATABASE_URL: this.databaseUrl,
      DATABASE_POOL_SIZE: '5',
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: this.redisPrefix,
      CORRIDOR_ROLES: 'api',
      CORRIDOR_AUTO_MIGRATE: 'false',
      LOG_LEVEL: 'warn',
      SHUTDOWN_TIMEOUT_MS: '5000',
      // argon2id at its cheapest: tests exercise the logic, not the cost.
      PASSWORD_HASH_MEMORY_KIB: '1024',
      PASSWORD_HASH_TIME_COST: '1',
      CORRIDOR_MASTER_KEY: this.keys.masterKey,
      CORRIDOR_MASTER_KEY_ID: this.keys.masterKeyId,
      CORRIDOR_INDEX_KEY: this.keys.indexKey,
      CORRIDOR_KEY_DIR: this.keyDir,
      ...overrides,
    };
  }

  config(overrides: Environment = {}): AppConfig {
    return loadConfig(this.env(overrides));
  }

  /** A direct connection for arranging and asserting on rows. */
  async dataSource(): Promise<DataSource> {
    if (!this.db) {
      const config = this.config();
      this.db = new DataSource(buildDataSourceOptions(config.database, PERSISTENCE, { applicationName: 'corridor:test', poolSize: 4 }));
      await this.db.initialize();
    }
    return this.db;
  }

  async startApp(options: StartAppOptions = {}): Promise<TestApp> {
    const config = this.config({ ...(options.roles ? { CORRIDOR_ROLES: options.roles } : {}), ...(options.logs ? { LOG_LEVEL: 'info' } : {}), ...options.env });
    const corridor = await createCorridorApp({
      config,
      clock: options.clock,
      logDestination: options.logs,
      extraModules: options.extraModules,
      extraJobNames: options.extraJobNames,
    });
    let closed = false;
    const testApp: TestApp = {
      config,
      context: corridor.app,
      http: corridor.kind === 'http' ? corridor.app : undefined,
      close: async () => {
        if (closed) return;
        closed = true;
        await corridor.app.close();
      },
    };
    this.apps.push(testApp);
    return testApp;
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.apps.map((app) => app.close()));
    await this.db?.destroy();
    await this.dropRedisKeys();
    rmSync(this.keyDir, { recursive: true, force: true });
    assertTestDatabaseName(this.databaseName);
    const admin = new Client({ connectionString: testServerUrl().toString() });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${this.databaseName} WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  }

  async redis(): Promise<Redis> {
    const client = new Redis(testRedisUrl(), { lazyConnect: true, maxRetriesPerRequest: 1 });
    await client.connect();
    return client;
  }

  private async dropRedisKeys(): Promise<void> {
    const client = await this.redis();
    try {
      let cursor = '0';
      do {
        const [next, keys] = await client.scan(cursor, 'MATCH', `${this.redisPrefix}:*`, 'COUNT', 1000);
        if (keys.length > 0) await client.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    } finally {
      await client.quit();
    }
  }
}

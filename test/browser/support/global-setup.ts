import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { freePort, spawnCorridor } from '@test/support/child-processes';
import { assertTestDatabaseName, testDatabaseUrl, testRedisUrl, testServerUrl, TEST_DATABASE_PREFIX } from '@test/support/test-database-names';
import { ServiceApi } from './service-api';

const ROOT = join(__dirname, '..', '..', '..');

/** Written for the test worker: where the service is and who can sign in. */
export interface BrowserWorld {
  baseUrl: string;
  admin: { email: string; password: string; secret: string };
}

/**
 * Starts the service as `npm start` runs it (built dist/, every role, migrations at start) on a
 * free port with a corridor_test_* database of its own, and enrols the first admin from the
 * one-time token it prints. Returns the teardown.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  execFileSync(process.execPath, [join(ROOT, 'scripts/ensure-built.mjs')], { cwd: ROOT, stdio: 'inherit' });
  const suffix = randomBytes(4).toString('hex');
  const database = `${TEST_DATABASE_PREFIX}browser_${suffix}`;
  assertTestDatabaseName(database);
  const redisPrefix = `corridor-browser-${suffix}`;
  const port = await freePort();
  process.env.CORRIDOR_BROWSER_TOTP_FILE = join(ROOT, '.test-build', `browser-totp-${suffix}.json`);
  mkdirSync(join(ROOT, '.test-build'), { recursive: true });
  const service = spawnCorridor(join(ROOT, 'dist'), 'console-service', {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: testDatabaseUrl(database),
    DATABASE_POOL_SIZE: '5',
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: redisPrefix,
    CORRIDOR_AUTO_MIGRATE: 'true',
    LOG_LEVEL: 'warn',
    PASSWORD_HASH_MEMORY_KIB: '1024',
    PASSWORD_HASH_TIME_COST: '1',
    CORRIDOR_MASTER_KEY: randomBytes(32).toString('base64'),
    CORRIDOR_MASTER_KEY_ID: `browser-${suffix}`,
    CORRIDOR_INDEX_KEY: randomBytes(32).toString('base64'),
    CORRIDOR_KEY_DIR: join(ROOT, '.test-build', `browser-keys-${suffix}`),
    FIRST_ADMIN_EMAIL: 'admin@corridor.test',
    CONSOLE_IDLE_LOCK_SECONDS: '300',
    // Every browser test signs in from 127.0.0.1 to this one service: the per-address login
    // allowance (30 in 15 minutes) is for strangers, not for a suite of this size.
    LOGIN_RATE_LIMIT_PER_IP: '1000',
    SHUTDOWN_TIMEOUT_MS: '5000',
  });

  const teardown = async (): Promise<void> => {
    await service.stop().catch(() => undefined);
    rmSync(process.env.CORRIDOR_BROWSER_TOTP_FILE ?? '', { force: true });
    rmSync(join(ROOT, '.test-build', `browser-keys-${suffix}`), { recursive: true, force: true });
    const admin = new Client({ connectionString: testServerUrl().toString() });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    } finally {
      await admin.end();
    }
    const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: 1 });
    try {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${redisPrefix}:*`, 'COUNT', 1000);
        if (keys.length > 0) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    } finally {
      await redis.quit();
    }
  };

  try {
    await service.waitForOutput('=== FIRST ADMIN', 180_000);
    await service.waitForOutput('Each restart before enrolment', 10_000);
    const match = /A one-time enrolment token for (\S+):\s*\n\s*(\S+)/.exec(service.output());
    if (!match) throw new Error(`no first-admin token in the service output:\n${service.output().slice(-2000)}`);
    const [, email = '', token = ''] = match;
    const api = new ServiceApi(`http://127.0.0.1:${port}`);
    const password = 'quiet lanterns over the harbour 77';
    const secret = await api.enrol(token, password);
    const world: BrowserWorld = { baseUrl: api.baseUrl, admin: { email, password, secret } };
    process.env.CORRIDOR_BROWSER_WORLD = JSON.stringify(world);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}

import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';

export type DemoEnv = Record<string, string | undefined>;

/** The demo's own database; the demo drops it at start, so it refuses every other name. */
export const DEMO_DATABASE = 'corridor_demo';
/** A test's own database (created and dropped by the test harness; the demo never drops it). */
const TEST_DATABASE = /^corridor_test_[a-z0-9_]+$/;

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

/** Drops and recreates nothing but `corridor_demo`. */
export async function dropDemoDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  if (name !== DEMO_DATABASE) throw new Error(`refusing to drop database "${name}": the demo only ever drops ${DEMO_DATABASE}`);
  const server = new URL(url);
  server.pathname = '/postgres';
  const client = new Client({ connectionString: server.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${DEMO_DATABASE} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** The demo's Redis key prefix; cleared at start with the database, so no job of a previous run survives. */
export const DEMO_REDIS_PREFIX = 'corridor-demo';

export async function clearDemoRedis(url: string): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await client.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${DEMO_REDIS_PREFIX}:*`, 'COUNT', 1000);
      if (keys.length > 0) await client.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await client.quit();
  }
}

export function assertTestDatabase(url: string): void {
  const name = databaseName(url);
  if (!TEST_DATABASE.test(name)) throw new Error(`refusing database "${name}": pass ${DEMO_DATABASE} (recreated) or a test's corridor_test_* database`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

/** Runs a command of the service's own CLI (`dist/src/cli/main.js`) and returns its stdout. */
export function runCli(buildDir: string, env: DemoEnv, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [join(buildDir, 'src', 'cli', 'main.js'), ...args], { env: env, timeout: 120_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`corridor ${args[0]} failed: ${stderr.trim().split('\n').slice(-5).join(' | ') || error.message}`));
      else resolve(stdout);
    });
  });
}

/** Keeps at most this much of the service's output (JSON logs), the newest. */
const OUTPUT_CAP = 32 * 1024 * 1024;

/** The real service, all roles in one child process on a loopback port. */
export class ServiceProcess {
  private output = '';
  private child: ChildProcess | null = null;
  private exited: Promise<number | null> = Promise.resolve(null);
  private running = false;

  constructor(
    private readonly buildDir: string,
    private readonly env: DemoEnv,
    readonly base: string,
  ) {}

  /** Everything the service wrote (structured logs), for the log scan and for failure reports. */
  logs(): string {
    return this.output;
  }

  tail(lines = 15): string {
    return this.output.trimEnd().split('\n').slice(-lines).join('\n');
  }

  async start(timeoutMs = 60_000): Promise<void> {
    const child = spawn(process.execPath, [join(this.buildDir, 'src', 'main.js')], { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.running = true;
    const collect = (chunk: Buffer): void => {
      this.output += chunk.toString('utf8');
      if (this.output.length > OUTPUT_CAP) this.output = this.output.slice(-OUTPUT_CAP / 2);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    this.exited = new Promise((resolve) =>
      child.once('exit', (code) => {
        this.running = false;
        resolve(code);
      }),
    );
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`the service exited during start:\n${this.tail()}`);
      try {
        if ((await fetch(`${this.base}/ready`, { signal: AbortSignal.timeout(2_000) })).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await this.stop();
    throw new Error(`the service did not become ready within ${timeoutMs / 1000} s:\n${this.tail()}`);
  }

  isRunning(): boolean {
    return this.running;
  }

  /** Graceful stop (SIGTERM), then SIGKILL if it lingers. */
  async stop(timeoutMs = 15_000): Promise<void> {
    if (!this.child || !this.running) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), timeoutMs);
    await this.exited;
    clearTimeout(timer);
  }
}

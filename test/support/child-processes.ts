import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Environment } from '@config/load-section';

const ROOT = join(__dirname, '..', '..');

/**
 * Compiles src/ and migrations/ with swc into a directory of its own under `.test-build/`
 * (never `dist/`, which `npm run build`, CI and other test files use concurrently).
 */
export function buildForChildren(): string {
  const dir = join('.test-build', `${process.env.CORRIDOR_TEST_RUN ?? 'local'}-${randomBytes(4).toString('hex')}`);
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules/@swc/cli/bin/swc.js'), 'src', 'migrations', '-d', dir, '--config-file', '.swcrc', '--copy-files', '--quiet'],
    { cwd: ROOT, stdio: 'pipe' },
  );
  return join(ROOT, dir);
}

export function removeBuild(dir: string | undefined): void {
  if (dir && dir.startsWith(join(ROOT, '.test-build'))) rmSync(dir, { recursive: true, force: true });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface CorridorProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** Everything the process wrote so far (stdout and stderr). */
  output(): string;
  /** Resolves when the output contains `text`; rejects if the process exits first or time runs out. */
  waitForOutput(text: string, timeoutMs?: number): Promise<void>;
  readonly exited: Promise<number | null>;
  /** SIGKILL: no shutdown hooks, no drain — a crash. */
  kill(): Promise<void>;
  /** SIGTERM and wait (graceful shutdown); SIGKILL if it does not end in time. */
  stop(timeoutMs?: number): Promise<void>;
}

/** Runs `node <build>/src/main.js` with exactly the environment given (plus PATH). */
export function spawnCorridor(buildDir: string, name: string, env: Environment): CorridorProcess {
  const child = spawn(process.execPath, [join(buildDir, 'src', 'main.js')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
    for (const listener of listeners) listener();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let done = false;
  void exited.then(() => {
    done = true;
    for (const listener of listeners) listener();
  });

  const waitForOutput = (text: string, timeoutMs = 15_000): Promise<void> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => finish(new Error(`${name}: timed out waiting for "${text}"; output:\n${output.slice(-2000)}`)), timeoutMs);
      const check = (): void => {
        if (output.includes(text)) finish();
        else if (done) finish(new Error(`${name} exited before "${text}"; output:\n${output.slice(-2000)}`));
      };
      const finish = (error?: Error): void => {
        clearTimeout(timer);
        listeners.delete(check);
        if (error) reject(error);
        else resolve();
      };
      listeners.add(check);
      check();
    });

  const kill = async (): Promise<void> => {
    if (!done) child.kill('SIGKILL');
    await exited;
  };

  const stop = async (timeoutMs = 8_000): Promise<void> => {
    if (done) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await exited;
    clearTimeout(timer);
  };

  return { name, child, output: () => output, waitForOutput, exited, kill, stop };
}

/** Keeps every process a test started, so a failing test still ends them all. */
export class ProcessGroup {
  private readonly processes: CorridorProcess[] = [];

  constructor(private readonly buildDir: () => string) {}

  spawn(name: string, env: Environment): CorridorProcess {
    const started = spawnCorridor(this.buildDir(), name, env);
    this.processes.push(started);
    return started;
  }

  async stopAll(): Promise<void> {
    await Promise.allSettled(this.processes.splice(0).map((p) => p.stop()));
  }
}

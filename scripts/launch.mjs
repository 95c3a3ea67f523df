// The process launcher of every deployment (`npm start`, the image's CMD): a Node cluster primary
// that forks the service (dist/src/main.js, or the entry given as the first argument) with
// per-role V8 heap limits and, with
// API_PROCESSES=N > 1, the `api` role N times sharing one listening port.
//
//   API_PROCESSES=1 (default): one process with CORRIDOR_ROLES as given (all three by default).
//   API_PROCESSES=N > 1 and the `api` role: N processes with CORRIDOR_ROLES=api behind the one
//     port (the primary hands connections round-robin), plus one process with the other roles if
//     any (the worker and the scheduler stay single unless deployed separately).
//
// Heap limits (--max-old-space-size): a process with the `worker` role gets WORKER_HEAP_MB (a large
// activation fan-out holds thousands of rows per chunk), an `api`-only or `scheduler`-only process
// API_HEAP_MB. Values are checked again by the service's configuration (README, "Configuration").
// The first process is forked alone and the rest once it is up, so only one of them creates and
// migrates the database (CORRIDOR_AUTO_MIGRATE) and prints the first-admin token. A process that
// dies is forked again after a second; SIGTERM/SIGINT are passed on and the launcher exits when
// every process has.
import cluster from 'node:cluster';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ROLES = ['api', 'worker', 'scheduler'];

function integer(name, fallback, min, max) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    process.stderr.write(`${name} must be an integer from ${min} to ${max}\n`);
    process.exit(1);
  }
  return value;
}

/** `--max-old-space-size` for a process with these roles. */
export function heapFlag(roles) {
  const mb = roles.includes('worker') ? integer('WORKER_HEAP_MB', 768, 64, 65_536) : integer('API_HEAP_MB', 192, 64, 65_536);
  return `--max-old-space-size=${mb}`;
}

/** The processes to run: each `{ roles, autoMigrate }`. */
export function plan(env = process.env) {
  const roles = (env.CORRIDOR_ROLES ?? ROLES.join(','))
    .split(',')
    .map((role) => role.trim())
    .filter(Boolean);
  const count = integer('API_PROCESSES', 1, 1, 64);
  if (count === 1 || !roles.includes('api')) return [{ roles }];
  const rest = roles.filter((role) => role !== 'api');
  return [...Array.from({ length: count }, () => ({ roles: ['api'] })), ...(rest.length > 0 ? [{ roles: rest }] : [])];
}

if (cluster.isPrimary && process.argv[1] === fileURLToPath(import.meta.url)) {
  const entry = process.argv[2] ?? join(root, 'dist/src/main.js');
  const processes = plan();
  let stopping = false;
  const live = new Set();

  const fork = (spec, index) => {
    cluster.setupPrimary({ exec: entry, execArgv: ['--enable-source-maps', heapFlag(spec.roles)] });
    // Only the first process creates and migrates the database; the rest start after it is up.
    const env = { CORRIDOR_ROLES: spec.roles.join(','), ...(index > 0 ? { CORRIDOR_AUTO_MIGRATE: 'false' } : {}) };
    const worker = cluster.fork(env);
    let started = false;
    worker.once(spec.roles.includes('api') ? 'listening' : 'online', () => (started = true));
    live.add(worker);
    worker.once('exit', (code, signal) => {
      live.delete(worker);
      if (stopping) {
        if (live.size === 0) process.exit(process.exitCode ?? 0);
        return;
      }
      if (!started) {
        // It never came up (a configuration error, the database unreachable): do not loop.
        stopping = true;
        for (const other of live) other.process.kill('SIGTERM');
        if (live.size === 0) process.exit(code || 1);
        process.exitCode = code || 1;
        return;
      }
      process.stderr.write(`corridor launcher: the ${env.CORRIDOR_ROLES} process ${worker.process.pid} exited (${signal ?? code}); starting it again\n`);
      setTimeout(() => fork(spec, Math.max(index, 1)), 1_000).unref();
    });
    return worker;
  };

  const up = (worker, spec) =>
    new Promise((resolve) => {
      if (spec.roles.includes('api')) worker.once('listening', resolve);
      else worker.once('online', resolve);
      worker.once('exit', resolve);
    });

  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      stopping = true;
      if (live.size === 0) process.exit(0);
      for (const worker of live) worker.process.kill(signal);
    });
  }

  const [first, ...rest] = processes;
  await up(fork(first, 0), first);
  rest.forEach((spec, i) => fork(spec, i + 1));
}

// Shared plumbing for the benchmarks: a real service process, seeding through the public API,
// the load generator, pgbench, and RSS sampling. Loopback only.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { heapFlag } from '../scripts/launch.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = (await import('node:module')).createRequire(import.meta.url);

export function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export function psql(sql, database = 'postgres') {
  return execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', database, '-v', 'ON_ERROR_STOP=1', '-qAtc', sql], {
    encoding: 'utf8',
    env: { ...process.env, PGOPTIONS: '-c client_min_messages=warning' },
  }).trim();
}

/**
 * The name of a scenario's database, unique to this run: several worktrees share one PostgreSQL,
 * and a fixed name let another engineer's run drop a database under ours mid-measurement.
 */
export function benchDatabase(scenario) {
  return `corridor_bench_${scenario.replace(/-/g, '_')}_${process.pid}`;
}

/** Environment of a production-mode service on a database of its own. */
export function serviceEnv(database, port) {
  return {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${database}`,
    DATABASE_POOL_SIZE: '32',
    REDIS_PREFIX: `bench-${database}`,
    PORT: String(port),
    HOST: '127.0.0.1',
    // Required (https) in production; benchmarks never follow a check-in link.
    PUBLIC_BASE_URL: 'https://corridor.bench.invalid',
    CORRIDOR_ROLES: 'api',
    CORRIDOR_AUTO_MIGRATE: 'false',
    CORRIDOR_MASTER_KEY: randomBytes(32).toString('base64'),
    CORRIDOR_MASTER_KEY_ID: 'bench',
    CORRIDOR_INDEX_KEY: randomBytes(32).toString('base64'),
    // The seeding script signs in a few times per second from one address.
    LOGIN_RATE_LIMIT_PER_IP: '1000',
    ACCESS_TOKEN_TTL_SECONDS: '3600',
  };
}

export function prepareDatabase(database, env) {
  psql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  execFileSync(process.execPath, [join(root, 'dist/src/cli/main.js'), 'migrate'], { env, stdio: 'ignore' });
}

/**
 * Starts `dist/src/main.js` with the env's roles. An `api` process is up when /ready answers; a
 * process without HTTP when it logs that it consumes jobs or runs ticks. BENCH_CPU_PROF=<dir>
 * runs every service process under `node --cpu-prof` (profiles written on exit).
 */
export async function startService(env, { script = 'dist/src/main.js' } = {}) {
  const roles = (env.CORRIDOR_ROLES ?? '').split(',');
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  // The heap limit the launcher gives these roles (scripts/launch.mjs), as a deployment runs them;
  // the launcher itself sets it for the processes it forks.
  const heap = script.endsWith('main.js') ? [heapFlag(roles)] : [];
  const child = spawn(process.execPath, [...profile, ...heap, join(root, script)], {
    env: { LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  const base = roles.includes('api') ? `http://127.0.0.1:${env.PORT}` : null;
  let logged = '';
  const up = new Promise((resolve) => {
    child.stdout.on('data', (chunk) => {
      if (base) return;
      logged = (logged + chunk.toString('utf8')).slice(-4096);
      if (/worker consuming jobs|tick|scheduler/i.test(logged)) resolve(true);
    });
  });
  // Generous: on the shared machine a start under load can take a minute or more.
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    if (base) {
      try {
        if ((await fetch(`${base}/ready`)).ok) return { child, base, exited };
      } catch {
        // not up yet
      }
      await sleep(200);
    } else if (await Promise.race([up, sleep(200).then(() => false)])) {
      return { child, base, exited };
    }
  }
  // A launcher's forked processes too, or they outlive the bench.
  for (const pid of childPids(child.pid)) process.kill(pid, 'SIGKILL');
  child.kill('SIGKILL');
  throw new Error(`the ${env.CORRIDOR_ROLES} process did not come up`);
}

export async function stopService(child) {
  // A process that died by a signal has no exit code, only a signal code.
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** One line about where the figures were taken. */
export function machine() {
  return `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`;
}

/** p-th percentile (0–100) of numbers, nearest rank. */
export function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Resident set size of a process in MB (Linux). */
export function rssMb(pid) {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : null;
}

/** The pids of a process's children (Linux). */
export function childPids(pid) {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/**
 * Samples a process's RSS until the returned function is called, which gives the peak in MB.
 * With `children`, the peak of the largest child instead (a launcher and its forked processes).
 */
export function sampleRss(pid, everyMs = 250, { children = false } = {}) {
  let max = 0;
  const timer = setInterval(() => {
    for (const target of children ? childPids(pid) : [pid]) {
      try {
        max = Math.max(max, rssMb(target) ?? 0);
      } catch {
        // exited
      }
    }
  }, everyMs);
  return () => {
    clearInterval(timer);
    return max;
  };
}

const { totpCode, totpStep, base32Decode } = require(join(root, 'dist/src/modules/staff/totp.js'));

export async function post(base, path, body, token, headers = {}) {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${path}: ${response.status} ${text.slice(0, 200)}`);
  return JSON.parse(text);
}

/** Enrols with a one-time token and signs in (code of the next step: the current one is spent). */
async function enrolAndLogin(base, email, token) {
  const password = `bench-${randomBytes(8).toString('hex')}-phrase`;
  const { secret } = await post(base, '/api/v1/auth/enrolment', { token, password });
  const key = base32Decode(secret);
  const step = totpStep(Date.now());
  await post(base, '/api/v1/auth/enrolment/confirm', { token, code: totpCode(key, step) });
  const session = await post(base, '/api/v1/auth/login', { email, password, code: totpCode(key, step + 1) });
  return session.accessToken;
}

/** The first admin (CLI bootstrap), enrolled and signed in; returns its access token. */
export async function seedAdmin(base, env) {
  const out = execFileSync(process.execPath, [join(root, 'dist/src/cli/main.js'), 'admin:create', '--email', 'bench-admin@example.org'], {
    env,
    encoding: 'utf8',
  });
  return enrolAndLogin(base, 'bench-admin@example.org', /cen_[A-Za-z0-9_-]{43}/.exec(out)[0]);
}

export async function seedCaseworker(base, env) {
  const adminToken = await seedAdmin(base, env);
  const invited = await post(base, '/api/v1/admin/staff', { email: 'bench-caseworker@example.org', roles: ['caseworker'] }, adminToken);
  return enrolAndLogin(base, 'bench-caseworker@example.org', invited.enrolmentToken);
}

const GIVEN = ['Elvin', 'Rashad', 'Leyla', 'Nigar', 'Orkhan', 'Aysel', 'Kamran', 'Sabina', 'Tural', 'Gunel'];
const FAMILY = ['Mammadov', 'Aliyev', 'Huseynov', 'Hasanov', 'Guliyev', 'Ismayilov', 'Jafarov', 'Rustamov', 'Nasirli', 'Qasimov'];

export function intakeBody(i) {
  return {
    person: { givenName: GIVEN[i % 10], familyName: `${FAMILY[(i * 7) % 10]}${i}`, dateOfBirth: `19${70 + (i % 30)}-0${1 + (i % 9)}-1${i % 10}` },
    contact: { channels: [{ type: 'SIGNAL', value: `+99450${String(1000000 + i).slice(-7)}` }], safeContactInstructions: 'Evenings only' },
    location: { city: 'Baku', address: `Street ${i}`, safeHouse: `House ${i}` },
    originCountry: 'AZ',
    narrative: 'Generated narrative for a benchmark case. '.repeat(8),
    sogiesc: { sexualOrientation: 'gay' },
    healthNeeds: 'None recorded',
    documents: [{ type: 'PASSPORT', number: `C${String(10000000 + i)}` }],
    dependants: [],
    consent: { services: true, sharing: false, resettlement: true, method: 'IN_PERSON', obtainedAt: '2026-01-10T10:00:00.000Z' },
  };
}

/** Seeds through the real intake route, a few requests at a time. */
export async function seedCases(base, token, count, concurrency = 4) {
  const references = [];
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const i = next;
      next += 1;
      references.push((await post(base, '/api/v1/cases', intakeBody(i), token)).reference);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  return references;
}

/**
 * autocannon over loopback. `paths` picks a random path per request; `setupRequest` (for writes)
 * returns the request to send, e.g. `{ method, path, headers, body }`, called once per request.
 */
export function load({ url, connections, duration, headers = {}, paths, setupRequest }) {
  const setup = setupRequest ?? (paths ? (request) => ({ ...request, path: paths[Math.floor(Math.random() * paths.length)] }) : undefined);
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration,
        headers,
        requests: setup ? [{ setupRequest: setup }] : undefined,
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
  });
}

/**
 * autocannon's result under the names of what it measured. Throughput counts 2xx answers only
 * (autocannon's `requests.average` counts every answer, errors included); non-2xx answers and
 * socket errors/timeouts are reported beside it. Latencies are autocannon's percentiles over
 * every answer: p50, p97.5 and p99 (autocannon has no p95). `load` is the 1-minute load average
 * when the measurement ended: the machine is shared, so every figure carries it.
 */
export function summarize(result) {
  const ok = result['2xx'] ?? 0;
  return {
    requestsPerSecond: Math.round(ok / Math.max(result.duration, 0.001)),
    answered2xx: ok,
    latencyMs: { p50: result.latency.p50, 'p97.5': result.latency.p97_5, p99: result.latency.p99 },
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    load: loadNow(),
  };
}

/** The 1-minute load average now (the machine is shared; `uptime` says the same). */
export function loadNow() {
  return Math.round(loadavg()[0] * 100) / 100;
}

/** pgbench with custom scripts (one path, or several run with equal weights); returns transactions per second. */
export function pgbench(database, scriptPaths, { clients, seconds, variables = {}, mode = 'prepared' }) {
  const args = ['-h', '127.0.0.1', '-U', 'postgres', '-n', '-M', mode, '-c', String(clients), '-j', '2', '-T', String(seconds)];
  for (const scriptPath of [scriptPaths].flat()) args.push('-f', scriptPath);
  for (const [name, value] of Object.entries(variables)) args.push('-D', `${name}=${value}`);
  args.push(database);
  const out = execFileSync('pgbench', args, { encoding: 'utf8' });
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(out) ?? /tps = ([\d.]+)/.exec(out);
  return tps ? Math.round(Number(tps[1])) : null;
}

/** Whether the committed OpenAPI document has a path starting with `prefix`. */
export function openApiHas(prefix) {
  const paths = Object.keys(JSON.parse(readFileSync(join(root, 'docs/openapi.json'), 'utf8')).paths ?? {});
  return paths.some((path) => path.startsWith(prefix));
}

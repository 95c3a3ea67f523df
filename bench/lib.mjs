// Shared plumbing for the benchmarks: a real service process, seeding through the public API,
// the load generator, pgbench, and RSS sampling. Loopback only.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

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
  return execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', database, '-qAtc', sql], { encoding: 'utf8' }).trim();
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

export async function startService(env) {
  const child = spawn(process.execPath, [join(root, 'dist/src/main.js')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${env.PORT}`;
  for (let i = 0; i < 100; i += 1) {
    try {
      if ((await fetch(`${base}/ready`)).ok) return { child, base };
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error('the service did not become ready');
}

export async function stopService(child) {
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
}

/** Resident set size of a process in MB (Linux). */
export function rssMb(pid) {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : null;
}

export function sampleRss(pid, everyMs = 250) {
  let max = 0;
  const timer = setInterval(() => {
    try {
      max = Math.max(max, rssMb(pid) ?? 0);
    } catch {
      // exited
    }
  }, everyMs);
  return () => {
    clearInterval(timer);
    return max;
  };
}

const { totpCode, totpStep, base32Decode } = require(join(root, 'dist/src/modules/staff/totp.js'));

async function post(base, path, body, token) {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
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

export async function seedCaseworker(base, env) {
  const out = execFileSync(process.execPath, [join(root, 'dist/src/cli/main.js'), 'admin:create', '--email', 'bench-admin@example.org'], { env, encoding: 'utf8' });
  const adminToken = await enrolAndLogin(base, 'bench-admin@example.org', /cen_[A-Za-z0-9_-]{43}/.exec(out)[0]);
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

export async function seedCases(base, token, count) {
  const references = [];
  for (let i = 0; i < count; i += 1) references.push((await post(base, '/api/v1/cases', intakeBody(i), token)).reference);
  return references;
}

export function load({ url, connections, duration, headers = {}, paths }) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration,
        headers,
        requests: paths ? [{ setupRequest: (request) => ({ ...request, path: paths[Math.floor(Math.random() * paths.length)] }) }] : undefined,
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
  });
}

export function summarize(result) {
  return {
    requestsPerSecond: Math.round(result.requests.average),
    latencyMs: { p50: result.latency.p50, p95: result.latency.p97_5 ?? result.latency.p95, p99: result.latency.p99 },
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/** pgbench with a custom script; returns transactions per second. */
export function pgbench(database, scriptPath, { clients, seconds, variables = {} }) {
  const args = ['-h', '127.0.0.1', '-U', 'postgres', '-n', '-M', 'prepared', '-c', String(clients), '-j', '2', '-T', String(seconds), '-f', scriptPath];
  for (const [name, value] of Object.entries(variables)) args.push('-D', `${name}=${value}`);
  args.push(database);
  const out = execFileSync('pgbench', args, { encoding: 'utf8' });
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(out) ?? /tps = ([\d.]+)/.exec(out);
  return tps ? Math.round(Number(tps[1])) : null;
}

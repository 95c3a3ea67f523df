// Helpers the activation benchmarks share: staff seeded through the public API, open cases made
// with set-based SQL (the same statements as test/support/builders/bulk-cases.ts), a worker
// process, and an activation driven to the end of its fan-out through the API.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { psql, root, sampleRss } from './lib.mjs';

const require = (await import('node:module')).createRequire(import.meta.url);
const { totpCode, totpStep, base32Decode } = require(join(root, 'dist/src/modules/staff/totp.js'));

export async function request(base, method, path, body, token) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

async function enrolAndLogin(base, email, token) {
  const password = `bench-${randomBytes(8).toString('hex')}-phrase`;
  const { secret } = await request(base, 'POST', '/api/v1/auth/enrolment', { token, password });
  const key = base32Decode(secret);
  const step = totpStep(Date.now());
  await request(base, 'POST', '/api/v1/auth/enrolment/confirm', { token, code: totpCode(key, step) });
  const session = await request(base, 'POST', '/api/v1/auth/login', { email, password, code: totpCode(key, step + 1) });
  return session.accessToken;
}

/** An admin (CLI bootstrap), then a coordinator and `caseworkers` caseworkers, all enrolled. */
export async function seedStaff(base, env, caseworkers) {
  const out = execFileSync(process.execPath, [join(root, 'dist/src/cli/main.js'), 'admin:create', '--email', 'bench-admin@example.org'], {
    env,
    encoding: 'utf8',
  });
  const admin = await enrolAndLogin(base, 'bench-admin@example.org', /cen_[A-Za-z0-9_-]{43}/.exec(out)[0]);
  const invite = async (email, roles) => {
    const invited = await request(base, 'POST', '/api/v1/admin/staff', { email, roles }, admin);
    return { id: invited.account.id, token: await enrolAndLogin(base, email, invited.enrolmentToken) };
  };
  const coordinator = await invite('bench-coordinator@example.org', ['coordinator']);
  const roster = [];
  for (let i = 0; i < caseworkers; i += 1) roster.push(await invite(`bench-caseworker-${i}@example.org`, ['caseworker']));
  return { admin, coordinator, roster };
}

/** `count` open cases from `country` with their check-in schedules: two statements. */
export function insertOpenCases(database, count, country) {
  const offset = randomInt(0, 2 ** 40);
  psql(
    `WITH g AS (SELECT n, gen_random_uuid() AS id, ${offset}::bigint + n AS r FROM generate_series(1, ${Number(count)}) AS n)
     INSERT INTO cases (id, reference, stage, priority, origin_country, created_at, updated_at, triage_due_at, triaged_at, consent_services)
     SELECT id,
            'C-' || string_agg(substr('23456789ABCDEFGHJKMNPQRSTVWXYZ', ((r / (30::bigint ^ k)::bigint) % 30)::int + 1, 1), '' ORDER BY k) FILTER (WHERE k < 4)
                 || '-' || string_agg(substr('23456789ABCDEFGHJKMNPQRSTVWXYZ', ((r / (30::bigint ^ k)::bigint) % 30)::int + 1, 1), '' ORDER BY k) FILTER (WHERE k >= 4),
            CASE WHEN n % 4 = 0 THEN 'TRIAGED' ELSE 'INTAKE' END,
            (ARRAY['EMERGENCY', 'URGENT', 'NORMAL'])[n % 3 + 1],
            '${country}', now() - make_interval(mins => (n % 600)::int), now(),
            now() - make_interval(mins => (n % 600)::int) + make_interval(hours => (ARRAY[24, 72, 336])[n % 3 + 1]),
            CASE WHEN n % 4 = 0 THEN now() ELSE NULL END,
            true
     FROM g CROSS JOIN generate_series(0, 7) AS k
     GROUP BY id, n, r`,
    database,
  );
  psql(
    `INSERT INTO checkin_schedules (case_id, case_reference, version, status, stage, priority, interval_minutes, stage_entered_at, last_checkin_at, due_at, deadline_at, updated_at)
     SELECT c.id, c.reference, 1, 'ACTIVE', c.stage, c.priority, p.interval_minutes, c.created_at, NULL,
            c.created_at + make_interval(mins => p.interval_minutes),
            c.created_at + make_interval(mins => p.interval_minutes + round(p.interval_minutes * 0.1)::int), now()
     FROM cases c JOIN checkin_policy p ON p.stage = c.stage AND p.priority = c.priority
     WHERE c.origin_country = '${country}' AND NOT EXISTS (SELECT 1 FROM checkin_schedules s WHERE s.case_id = c.id)`,
    database,
  );
}

/** A worker process (outbox relay + bull consumer) on the same database; resolves once it consumes. */
export async function startWorker(env) {
  const child = spawn(process.execPath, [join(root, 'dist/src/main.js')], {
    env: { ...env, CORRIDOR_ROLES: 'worker', LOG_LEVEL: 'info', OUTBOX_POLL_MS: '50' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error('the worker did not start')), 60_000);
    child.stdout.on('data', (chunk) => {
      output += chunk.toString('utf8');
      if (output.includes('worker consuming jobs')) {
        clearTimeout(timer);
        child.stdout.resume();
        output = '';
        resolve();
      }
    });
    child.once('exit', () => reject(new Error('the worker exited')));
  });
  // Keep draining its logs so it never blocks on a full pipe.
  child.stdout.on('data', () => {});
  return child;
}

/**
 * Activates over `country` and polls the activation until its fan-out is finished. Returns the
 * time from the request to the finish, the final progress, the worker's peak RSS and how many
 * progress readings showed a run in flight.
 */
export async function activateAndWait(base, { coordinator, roster }, { code, country, caseloadCap, worker }) {
  const stopRss = sampleRss(worker.pid, 100);
  const started = performance.now();
  await request(
    base,
    'POST',
    '/api/v1/activations',
    {
      code,
      title: 'Benchmark purge response',
      originCountries: [country],
      roster: roster.map((m) => ({ userId: m.id, caseloadCap })),
      overrides: { checkinIntervalFactor: 0.5, triageSla: [{ priority: 'URGENT', hours: 24 }] },
    },
    coordinator.token,
  );
  let progress;
  let inFlight = 0;
  for (;;) {
    progress = (await request(base, 'GET', `/api/v1/activations/${code}`, undefined, coordinator.token)).fanout;
    if (progress.state === 'FINISHED') break;
    if (progress.linked > 0) inFlight += 1;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const ms = Math.round(performance.now() - started);
  return { ms, progress, workerRssMb: stopRss(), progressReadingsInFlight: inFlight };
}

// `node bench/activation-fanout.mjs [--sizes 10000,100000] [--smoke]`
// Activation fan-out (issue 9, scenario 5): N open cases made with set-based SQL, a real API and a
// real worker process (production settings), then the time from POST /api/v1/activations to the
// activation reporting every case linked, re-timed and placed; the worker's peak RSS. Beside it,
// the database limit: the same set-based work (link, re-time, place) as three bare statements
// in one transaction, rolled back. Prints a table and writes bench/results/<date>-activation-fanout.json.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { freePort, prepareDatabase, psql, root, serviceEnv, startService, stopService } from './lib.mjs';
import { activateAndWait, insertOpenCases, seedStaff, startWorker } from './lib-activations.mjs';

const { values: options } = parseArgs({ options: { sizes: { type: 'string' }, smoke: { type: 'boolean', default: false }, roster: { type: 'string' } } });
const smoke = options.smoke;
const sizes = (options.sizes ?? (smoke ? '200' : '10000,100000')).split(',').map(Number);
const rosterSize = Number(options.roster ?? (smoke ? 3 : 20));
const TARGET_MS = { 10000: 10_000, 100000: 90_000 };

execFileSync(process.execPath, [join(root, 'scripts/ensure-built.mjs')], { stdio: 'inherit' });

const figures = {};
const targets = {};
for (const size of sizes) {
  const database = `corridor_bench_fanout_${size}`;
  const env = serviceEnv(database, await freePort());
  prepareDatabase(database, env);
  const { child: api, base } = await startService(env);
  let worker;
  try {
    const staff = await seedStaff(base, env, rosterSize);
    say(`${size}: making ${size} open cases with set-based SQL …`);
    insertOpenCases(database, size, 'AZ');
    psql('VACUUM ANALYZE', database);
    const baseline = databaseLimit(database, staff.roster.map((m) => m.id));
    worker = await startWorker(env);
    // A production worker is warm: one small activation first, so the figure is not its start-up.
    insertOpenCases(database, 50, 'TM');
    await activateAndWait(base, staff, { code: `TM-WARM-${size}`, country: 'TM', caseloadCap: Math.ceil(size / rosterSize) + 10, worker });
    say(`${size}: activating and waiting for the fan-out …`);
    const run = await activateAndWait(base, staff, { code: `AZ-BENCH-${size}`, country: 'AZ', caseloadCap: Math.ceil(size / rosterSize) + 10, worker });
    const [linked, assigned] = psql(`SELECT count(*) FILTER (WHERE activation_id IS NOT NULL), (SELECT count(*) FROM case_assignments a JOIN cases c ON c.id = a.case_id WHERE c.origin_country = 'AZ') FROM cases WHERE origin_country = 'AZ'`, database).split('|').map(Number);
    figures[`fan-out ${size} cases`] = {
      ms: run.ms,
      casesPerSecond: Math.round(size / (run.ms / 1000)),
      workerRssMb: run.workerRssMb,
      ...pick(run.progress, ['linked', 'rescheduled', 'assigned', 'unplaced', 'failed', 'chunksTotal']),
      progressReadingsInFlight: run.progressReadingsInFlight,
      checkedInDatabase: { linked, assigned },
    };
    figures[`database limit ${size} cases (same set-based SQL, one transaction)`] = { ms: baseline };
    if (TARGET_MS[size]) targets[`${size} cases ≤ ${TARGET_MS[size] / 1000} s`] = run.ms <= TARGET_MS[size];
    targets[`${size}: worker RSS ≤ 300 MB`] = run.workerRssMb <= 300;
    targets[`${size}: all linked, re-timed and placed`] = run.progress.linked === size && run.progress.rescheduled === size && run.progress.assigned === size && run.progress.failed === 0;
  } finally {
    if (worker) {
      worker.kill('SIGTERM');
      await new Promise((resolve) => worker.once('exit', resolve));
    }
    await stopService(api);
    psql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  }
}
// The machine is shared: the load average says how much of it the run had.
report({ settings: { sizes, roster: rosterSize, smoke }, loadAverage: loadavg().map((value) => Math.round(value * 100) / 100), figures, targets });

/** The fan-out's essential writes as bare SQL over every case at once, timed, then rolled back. */
function databaseLimit(database, roster) {
  const started = performance.now();
  psql(
    `BEGIN;
     UPDATE cases SET activation_id = gen_random_uuid(), updated_at = now() WHERE origin_country = 'AZ' AND activation_id IS NULL AND stage <> 'CLOSED';
     UPDATE checkin_schedules s SET version = version + 1, interval_minutes = interval_minutes / 2, due_at = stage_entered_at + make_interval(mins => interval_minutes / 2), updated_at = now();
     INSERT INTO outbox_events (id, job_name, payload, dedupe_key, available_at) SELECT gen_random_uuid(), 'bench.noop', jsonb_build_object('caseId', case_id), 'bench:' || case_id, deadline_at FROM checkin_schedules;
     INSERT INTO case_assignments (case_id, user_id, assigned_at, assigned_by)
       SELECT c.id, (ARRAY['${roster.join("','")}']::uuid[])[1 + (row_number() OVER (ORDER BY c.id))::int % ${roster.length}], now(), 'bench' FROM cases c;
     ROLLBACK;`,
    database,
  );
  return Math.round(performance.now() - started);
}

function pick(object, keys) {
  return Object.fromEntries(keys.map((key) => [key, object[key]]));
}

function report(results) {
  const date = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  const file = join(root, 'bench/results', `${date}-activation-fanout${smoke ? '-smoke' : ''}.json`);
  writeFileSync(file, `${JSON.stringify({ scenario: 'activation-fanout', at: new Date().toISOString(), node: process.version, ...results }, null, 2)}\n`);
  const lines = [`\n### activation-fanout${smoke ? ' (smoke: sizes too small to mean anything)' : ''}`, '', '| figure | ms | cases/s | worker RSS MB | linked | re-timed | placed | unplaced | failed |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- |'];
  for (const [name, f] of Object.entries(results.figures)) {
    lines.push(`| ${name} | ${f.ms} | ${f.casesPerSecond ?? ''} | ${f.workerRssMb ?? ''} | ${f.linked ?? ''} | ${f.rescheduled ?? ''} | ${f.assigned ?? ''} | ${f.unplaced ?? ''} | ${f.failed ?? ''} |`);
  }
  lines.push('', `load average at the end (2 cores): ${results.loadAverage.join(', ')}`);
  lines.push('', ...Object.entries(results.targets).map(([name, met]) => `- target ${name}: ${met ? 'met' : 'MISSED'}`), '', `written to ${file.replace(`${root}/`, '')}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

function say(line) {
  process.stdout.write(`${line}\n`);
}

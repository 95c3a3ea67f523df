// `node bench/dashboard.mjs [--cases 100000] [--connections 4] [--duration 15] [--smoke]`
// The activation dashboard (issue 9, scenario 6): N open cases made with set-based SQL, linked and
// placed by a real activation fan-out (API + worker processes, production settings), a share of
// them with open escalations; then GET /api/v1/activations/{code}/dashboard under autocannon,
// beside the HTTP ceiling of the same process (/health) and the time of the dashboard's own SQL
// run bare in psql. Prints a table and writes bench/results/<date>-dashboard.json.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { freePort, load, prepareDatabase, psql, root, sampleRss, serviceEnv, startService, stopService, summarize } from './lib.mjs';
import { activateAndWait, insertOpenCases, seedStaff, startWorker } from './lib-activations.mjs';

const { values: options } = parseArgs({
  options: { cases: { type: 'string' }, connections: { type: 'string' }, duration: { type: 'string' }, smoke: { type: 'boolean', default: false } },
});
const smoke = options.smoke;
const caseCount = Number(options.cases ?? (smoke ? 200 : 100_000));
const connections = Number(options.connections ?? (smoke ? 2 : 4));
const duration = Number(options.duration ?? (smoke ? 2 : 15));
const ROSTER = smoke ? 3 : 20;
const CODE = 'AZ-BENCH-DASH';

execFileSync(process.execPath, [join(root, 'scripts/ensure-built.mjs')], { stdio: 'inherit' });

const database = 'corridor_bench_dashboard';
const env = serviceEnv(database, await freePort());
prepareDatabase(database, env);
const { child: api, base } = await startService(env);
let worker;
let results;
try {
  const staff = await seedStaff(base, env, ROSTER);
  say(`making ${caseCount} open cases with set-based SQL and activating over them …`);
  insertOpenCases(database, caseCount, 'AZ');
  insertOpenCases(database, Math.round(caseCount / 10), 'TM');
  psql('VACUUM ANALYZE', database);
  worker = await startWorker(env);
  const fanout = await activateAndWait(base, staff, { code: CODE, country: 'AZ', caseloadCap: Math.ceil(caseCount / ROSTER) + 10, worker });
  say(`fan-out finished in ${fanout.ms} ms; adding open escalations to 5 % of the cases …`);
  // Open escalations as the deadline jobs would leave them (levels 1–3, several triggers).
  psql(
    `INSERT INTO escalations (id, case_id, case_reference, trigger, level, state, opened_at, opened_by, level_changed_at)
     SELECT gen_random_uuid(), c.id, c.reference, (ARRAY['MANUAL', 'DURESS', 'STAY_LIMIT'])[1 + abs(hashtext(c.id::text)) % 3], 1 + abs(hashtext(c.reference)) % 3, 'OPEN', now(), 'bench', now()
     FROM cases c WHERE c.activation_id IS NOT NULL AND abs(hashtext(c.id::text)) % 20 = 0
     ON CONFLICT DO NOTHING`,
    database,
  );
  psql('VACUUM ANALYZE', database);

  const headers = { authorization: `Bearer ${staff.coordinator.token}` };
  say('HTTP ceiling: GET /health on the same process …');
  const ceiling = summarize(await load({ url: base, connections, duration, paths: ['/health'] }));
  say(`dashboard: GET /api/v1/activations/${CODE}/dashboard with ${connections} connections …`);
  const stopRss = sampleRss(api.pid);
  const dashboard = summarize(await load({ url: base, connections, duration, headers, paths: [`/api/v1/activations/${CODE}/dashboard`] }));
  const apiRssMb = stopRss();
  const sample = await (await fetch(`${base}/api/v1/activations/${CODE}/dashboard`, { headers })).json();
  const sqlMs = bareSql(database, staff.roster.map((member) => member.id));
  results = {
    settings: { cases: caseCount, connections, duration, roster: ROSTER, smoke },
    loadAverage: loadavg().map((value) => Math.round(value * 100) / 100),
    figures: {
      dashboard: { ...dashboard, apiRssMb },
      'http-ceiling (/health)': ceiling,
      "the dashboard's SQL, bare in psql (sequential, one connection)": { ms: sqlMs },
      'fan-out that built the data': { ms: fanout.ms, workerRssMb: fanout.workerRssMb },
    },
    sample: { heldCases: sample.heldCases, overdueCheckins: sample.overdueCheckins, triageSlaBreaches: sample.triageSlaBreaches, openEscalations: sample.openEscalations.reduce((sum, row) => sum + row.count, 0) },
    targets: { 'dashboard p99 ≤ 200 ms': dashboard.latencyMs.p99 <= 200, 'no errors': dashboard.errors === 0 && dashboard.non2xx === 0 },
  };
} finally {
  if (worker) {
    worker.kill('SIGTERM');
    await new Promise((resolve) => worker.once('exit', resolve));
  }
  await stopService(api);
  psql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
}
report(results);

/** The dashboard's five statements, run bare and timed (mean of five runs, psql round trips included). */
function bareSql(db, roster) {
  const id = `(SELECT id FROM activations WHERE code = '${CODE}')`;
  const statements = [
    `SELECT c.stage, c.priority, count(*), count(*) FILTER (WHERE c.triaged_at IS NULL AND c.triage_due_at < now() AND c.stage <> 'CLOSED') FROM cases c WHERE c.activation_id = ${id} AND c.erased_at IS NULL GROUP BY 1, 2`,
    `SELECT count(*) FROM cases c JOIN checkin_schedules k ON k.case_id = c.id WHERE c.activation_id = ${id} AND k.status = 'ACTIVE' AND k.due_at < now()`,
    `SELECT e.level, e.trigger, count(*) FROM cases c JOIN escalations e ON e.case_id = c.id WHERE c.activation_id = ${id} AND e.state <> 'RESOLVED' GROUP BY 1, 2`,
    `SELECT a.user_id, count(*) FROM case_assignments a JOIN cases c ON c.id = a.case_id WHERE a.user_id = ANY(ARRAY['${roster.join("','")}']::uuid[]) AND c.stage <> 'CLOSED' GROUP BY 1`,
    `SELECT count(*) FROM cases c WHERE c.activation_id = ${id} AND c.stage <> 'CLOSED' AND NOT EXISTS (SELECT 1 FROM case_assignments a WHERE a.case_id = c.id)`,
  ];
  const runs = 5;
  const started = performance.now();
  for (let i = 0; i < runs; i += 1) psql(statements.join(';\n'), db);
  return Math.round((performance.now() - started) / runs);
}

function report(r) {
  const date = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  const file = join(root, 'bench/results', `${date}-dashboard${smoke ? '-smoke' : ''}.json`);
  writeFileSync(file, `${JSON.stringify({ scenario: 'dashboard', at: new Date().toISOString(), node: process.version, ...r }, null, 2)}\n`);
  const lines = [`\n### dashboard${smoke ? ' (smoke: sizes too small to mean anything)' : ''} at ${caseCount} cases`, '', '| figure | req/s | p50 ms | p95 ms | p99 ms | errors | ms | RSS MB |', '| --- | --- | --- | --- | --- | --- | --- | --- |'];
  for (const [name, f] of Object.entries(r.figures)) {
    lines.push(`| ${name} | ${f.requestsPerSecond ?? ''} | ${f.latencyMs?.p50 ?? ''} | ${f.latencyMs?.p95 ?? ''} | ${f.latencyMs?.p99 ?? ''} | ${f.errors === undefined ? '' : f.errors + (f.non2xx ?? 0)} | ${f.ms ?? ''} | ${f.apiRssMb ?? f.workerRssMb ?? ''} |`);
  }
  lines.push('', `sample: ${JSON.stringify(r.sample)}`, `load average at the end (2 cores): ${r.loadAverage.join(', ')}`, '');
  lines.push(...Object.entries(r.targets).map(([name, met]) => `- target ${name}: ${met ? 'met' : 'MISSED'}`), '', `written to ${file.replace(`${root}/`, '')}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

function say(line) {
  process.stdout.write(`${line}\n`);
}

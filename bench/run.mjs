// `npm run bench -- [--scenario case-read] [--smoke] [--connections 64] [--duration 20] [--cases 2000]`
// Builds, prepares its own database, starts the service as a separate production-mode process,
// drives it over loopback with autocannon, and puts each figure beside what the machine allows in
// the same run (pgbench on the same SQL, the HTTP ceiling of the same Nest/Fastify process).
// Prints a table and writes bench/results/<date>-<scenario>.json. Never fails on speed.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, load, pgbench, prepareDatabase, psql, root, sampleRss, seedCaseworker, seedCases, serviceEnv, startService, stopService, summarize } from './lib.mjs';

const { values: options } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'case-read' },
    smoke: { type: 'boolean', default: false },
    connections: { type: 'string' },
    duration: { type: 'string' },
    cases: { type: 'string' },
  },
});
const smoke = options.smoke;
const connections = Number(options.connections ?? (smoke ? 4 : 64));
const duration = Number(options.duration ?? (smoke ? 2 : 20));
const caseCount = Number(options.cases ?? (smoke ? 10 : 2000));

const SCENARIOS = { 'case-read': caseRead };
if (!SCENARIOS[options.scenario]) {
  process.stderr.write(`unknown scenario ${options.scenario}; known: ${Object.keys(SCENARIOS).join(', ')}\n`);
  process.exit(2);
}

execFileSync(process.execPath, [join(root, 'scripts/ensure-built.mjs')], { stdio: 'inherit' });
const results = await SCENARIOS[options.scenario]();
report(options.scenario, results);

async function caseRead() {
  const database = 'corridor_bench_case_read';
  const env = serviceEnv(database, await freePort());
  prepareDatabase(database, env);
  const { child, base } = await startService(env);
  try {
    const token = await seedCaseworker(base, env);
    say(`seeding ${caseCount} cases through POST /api/v1/cases …`);
    const started = Date.now();
    const references = await seedCases(base, token, caseCount);
    const intakePerSecond = Math.round(caseCount / ((Date.now() - started) / 1000));
    psql(`DROP TABLE IF EXISTS bench_refs; CREATE TABLE bench_refs AS SELECT row_number() OVER () AS n, reference FROM cases; ALTER TABLE bench_refs ADD PRIMARY KEY (n);`, database);
    psql('VACUUM ANALYZE', database);

    say('HTTP ceiling: GET /health on the same process …');
    const ceiling = summarize(await load({ url: base, connections, duration, paths: ['/health'] }));

    say(`audited case read: GET /api/v1/cases/{ref} with ${connections} connections …`);
    const stopSampling = sampleRss(child.pid);
    const read = summarize(await load({ url: base, connections, duration, headers: { authorization: `Bearer ${token}` }, paths: references.map((ref) => `/api/v1/cases/${ref}`) }));
    const rss = stopSampling();

    say('database limit: pgbench running the same SQL …');
    const [hash, userid, sessionid] = psql(`SELECT s.access_token_hash, s.user_id, s.id FROM staff_sessions s JOIN staff_users u ON u.id = s.user_id WHERE 'caseworker' = ANY(u.roles) AND s.revoked_at IS NULL ORDER BY s.created_at DESC LIMIT 1`, database).split('|');
    const pgTps = pgbench(database, join(root, 'bench/case-read.pgbench.sql'), {
      clients: connections,
      seconds: duration,
      variables: { ncases: caseCount, hash, userid, sessionid },
    });
    return {
      settings: { connections, duration, cases: caseCount, smoke },
      figures: {
        'case-read': { ...read, apiRssMb: rss },
        'http-ceiling (/health)': ceiling,
        'pgbench (same SQL)': { transactionsPerSecond: pgTps },
        'intake while seeding (sequential, 1 client)': { requestsPerSecond: intakePerSecond },
      },
      ratios: {
        'case-read / pgbench': pgTps ? round(read.requestsPerSecond / pgTps) : null,
        'case-read / http-ceiling': round(read.requestsPerSecond / ceiling.requestsPerSecond),
      },
      targets: {
        'case-read ≥ 50 % of pgbench': pgTps ? read.requestsPerSecond >= pgTps / 2 : null,
        'case-read p99 ≤ 50 ms': read.latencyMs.p99 <= 50,
        'API RSS ≤ 250 MB': rss <= 250,
        'no errors': read.errors === 0 && read.non2xx === 0,
      },
    };
  } finally {
    await stopService(child);
    psql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  }
}

function report(scenario, results) {
  const date = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  const file = join(root, 'bench/results', `${date}-${scenario}${smoke ? '-smoke' : ''}.json`);
  writeFileSync(file, `${JSON.stringify({ scenario, at: new Date().toISOString(), node: process.version, ...results }, null, 2)}\n`);
  const lines = [`\n### ${scenario}${smoke ? ' (smoke: sizes too small to mean anything)' : ''}`, '', '| figure | req/s or tps | p50 ms | p95 ms | p99 ms | errors | RSS MB |', '| --- | --- | --- | --- | --- | --- | --- |'];
  for (const [name, f] of Object.entries(results.figures)) {
    lines.push(`| ${name} | ${f.requestsPerSecond ?? f.transactionsPerSecond ?? ''} | ${f.latencyMs?.p50 ?? ''} | ${f.latencyMs?.p95 ?? ''} | ${f.latencyMs?.p99 ?? ''} | ${f.errors === undefined ? '' : f.errors + (f.non2xx ?? 0)} | ${f.apiRssMb ?? ''} |`);
  }
  lines.push('', ...Object.entries(results.ratios).map(([name, value]) => `- ${name}: ${value}`));
  lines.push(...Object.entries(results.targets).map(([name, met]) => `- target ${name}: ${met === null ? 'not measured' : met ? 'met' : 'MISSED'}`));
  lines.push('', `written to ${file.replace(`${root}/`, '')}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

function say(line) {
  process.stdout.write(`${line}\n`);
}

function round(value) {
  return Math.round(value * 100) / 100;
}

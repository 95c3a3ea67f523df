// `node bench/rss-probe.mjs '{"NODE_OPTIONS":"--max-old-space-size=192"}'`
// The read phase of case-read alone (200 cases, 64 connections, 15 s) with extra environment for
// the API process, printing throughput, p99 and the API's RSS: for comparing runtime flags
// (docs/PERFORMANCE.md, "RSS"). Needs a build (`npm run build`).
import * as lib from './lib.mjs';
import { readFileSync } from 'node:fs';
const database = 'corridor_bench_rss_load';
const extra = JSON.parse(process.argv[2] ?? '{}');
const env = { ...lib.serviceEnv(database, await lib.freePort()), CORRIDOR_ROLES: 'api', ...extra };
lib.prepareDatabase(database, env);
const { child, base } = await lib.startService(env);
try {
  const token = await lib.seedCaseworker(base, env);
  const refs = await lib.seedCases(base, token, 200);
  const stop = lib.sampleRss(child.pid);
  const r = lib.summarize(
    await lib.load({ url: base, connections: 64, duration: 15, headers: { authorization: `Bearer ${token}` }, paths: refs.map((x) => `/api/v1/cases/${x}`) }),
  );
  const max = stop();
  const st = readFileSync(`/proc/${child.pid}/status`, 'utf8')
    .split('\n')
    .filter((l) => /VmRSS|RssAnon|RssFile/.test(l))
    .map((l) => l.replace(/\s+/g, ' '))
    .join(' | ');
  console.log(JSON.stringify(extra), 'rps', r.requestsPerSecond, 'p99', r.latencyMs.p99, 'maxRSS', max, '| after:', st);
} finally {
  await lib.stopService(child);
  lib.psql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
}

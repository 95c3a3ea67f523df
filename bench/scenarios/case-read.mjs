// case-read: GET /api/v1/cases/{ref} with a caseworker token over a random set of that
// caseworker's cases — session lookup, access policy, unwrapping the case key, decrypting every
// protected group, the case.read audit row committed before the answer. Beside it, in the same
// run and at the same connection count: pgbench on the statements the service really ran (a
// capture process answers two reads; bench/references.mjs generates the script: the same texts,
// prepared as in the code, the case picked per transaction from the seeded set), the HTTP
// ceiling (GET /health on the same process) and a typical NestJS CRUD peer
// (/bench/v1/cases/{ref}: findOne through TypeORM). Then the read at 16 connections (the p99
// target) and on two API processes behind one port (scripts/launch.mjs).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureProcess, pgbenchScript } from '../references.mjs';

export default {
  name: 'case-read',
  description: 'audited case read beside pgbench on its captured statements, the HTTP ceiling and a TypeORM CRUD peer; 1 and 2 API processes',
  async run({ smoke, options, say, lib }) {
    const connections = Number(options.connections ?? (smoke ? 4 : 64));
    const duration = Number(options.duration ?? (smoke ? 2 : 20));
    const caseCount = Number(options.cases ?? (smoke ? 10 : 2000));
    const processes = Number(options['api-processes'] ?? (smoke ? 1 : 2));
    const database = lib.benchDatabase('case-read');
    const env = { ...lib.serviceEnv(database, await lib.freePort()), CORRIDOR_ROLES: 'api', CORRIDOR_BENCH_ROUTES: 'true' };
    lib.prepareDatabase(database, env);
    let { child, base } = await lib.startService(env);
    try {
      const token = await lib.seedCaseworker(base, env);
      say(`seeding ${caseCount} cases through POST /api/v1/cases …`);
      const started = Date.now();
      const references = await lib.seedCases(base, token, caseCount);
      const intakePerSecond = Math.round(caseCount / ((Date.now() - started) / 1000));
      lib.psql(
        `DROP TABLE IF EXISTS bench_refs; CREATE TABLE bench_refs AS SELECT row_number() OVER () AS n, reference, id FROM cases; ALTER TABLE bench_refs ADD PRIMARY KEY (n);`,
        database,
      );
      lib.psql('VACUUM ANALYZE', database);
      const paths = (prefix) => references.map((ref) => `${prefix}${ref}`);
      const warm = (url, headers) => lib.load({ url: base, connections, duration: 1, headers, paths: url });
      const headers = { authorization: `Bearer ${token}` };
      const audits = () => Number(lib.psql(`SELECT count(*) FROM audit_events WHERE action = 'case.read'`, database));

      say('HTTP ceiling: GET /health on the same process …');
      await warm(['/health']);
      const ceiling = lib.summarize(await lib.load({ url: base, connections, duration, paths: ['/health'] }));

      say('typical NestJS CRUD peer: GET /bench/v1/cases/{ref} (findOne through TypeORM, no auth) …');
      await warm(paths('/bench/v1/cases/'));
      const peer = lib.summarize(await lib.load({ url: base, connections, duration, paths: paths('/bench/v1/cases/') }));

      /** One measured read phase: audit rows written during it beside its 2xx answers. */
      const measure = async (n, sampleChildren = false) => {
        await lib.load({ url: base, connections: n, duration: 1, headers, paths: paths('/api/v1/cases/') });
        await lib.sleep(1_000);
        const before = audits();
        const stop = lib.sampleRss(child.pid, 250, { children: sampleChildren });
        const figure = lib.summarize(await lib.load({ url: base, connections: n, duration, headers, paths: paths('/api/v1/cases/') }));
        figure.rssMb = stop();
        // Reads cut off when the load stops may still commit their audit row: let them settle.
        await lib.sleep(2_000);
        figure.audited = audits() - before;
        return figure;
      };
      say(`audited case read: GET /api/v1/cases/{ref} with ${connections} connections …`);
      const read = await measure(connections);
      say('audited case read with 16 connections …');
      const read16 = await measure(16);

      say('reference: capturing the statements of two real reads …');
      const capture = await captureProcess(env, await lib.freePort());
      let generated;
      const dir = mkdtempSync(join(tmpdir(), 'corridor-bench-read-'));
      try {
        const [a, b] = lib
          .psql('SELECT reference, id FROM bench_refs WHERE n IN (1, 2) ORDER BY n', database)
          .split('\n')
          .map((line) => line.split('|'));
        const get = (reference) => async (captureBase) => {
          const response = await fetch(`${captureBase}/api/v1/cases/${reference}`, { headers });
          if (!response.ok) throw new Error(`capture read: ${response.status}`);
          await response.text();
        };
        const first = await capture.take(get(a[0]));
        const second = await capture.take(get(b[0]));
        generated = pgbenchScript(first, second, {
          bindings: { [a[0]]: ':ref', [a[1]]: ':cid' },
          prelude: ['\\set n random(1, :ncases)', 'SELECT reference AS ref, id AS cid FROM bench_refs WHERE n = :n \\gset'],
          header: [
            'case read: generated from the statements one real audited read ran (bench/references.mjs); the first SELECT picks the case (not part of the read)',
          ],
        });
      } finally {
        await capture.stop();
      }
      const script = join(dir, 'case-read.sql');
      writeFileSync(script, generated.script);
      say(`database limit: pgbench on the ${generated.statements} captured statements (${generated.prepared} prepared as in the code) …`);
      const pgTps = lib.pgbench(database, script, { clients: connections, seconds: duration, variables: { ncases: caseCount, prepared: 0 }, mode: 'simple' });
      const pgLoad = lib.loadNow();

      let scaled = null;
      if (processes > 1) {
        say(`audited case read on ${processes} API processes behind one port (scripts/launch.mjs) …`);
        await lib.stopService(child);
        ({ child, base } = await lib.startService({ ...env, API_PROCESSES: String(processes), API_HEAP_MB: '192' }, { script: 'scripts/launch.mjs' }));
        scaled = await measure(connections, true);
      }

      const ratio = (x, y) => (x && y ? Math.round((x / y) * 100) / 100 : null);
      const auditOk = (f, n) => f.audited >= f.answered2xx && f.audited <= f.answered2xx + n;
      const figures = {
        [`case-read, ${connections} connections (audited, all groups decrypted)`]: {
          ...read,
          note: `${read.audited} case.read rows written in the phase, ${read.answered2xx} answered 2xx`,
        },
        'case-read, 16 connections': { ...read16, note: `${read16.audited} case.read rows, ${read16.answered2xx} answered 2xx` },
        [`pgbench, the ${generated.statements} captured statements, ${generated.prepared} prepared as in the code`]: {
          transactionsPerSecond: pgTps,
          load: pgLoad,
        },
        'HTTP ceiling (GET /health, same process)': ceiling,
        'CRUD peer (findOne through TypeORM, no auth/crypto/audit)': peer,
        'intake while seeding (4 clients)': { requestsPerSecond: intakePerSecond },
      };
      if (scaled)
        figures[`case-read, ${connections} connections, ${processes} API processes behind one port (RSS: the largest)`] = {
          ...scaled,
          note: `${scaled.audited} case.read rows, ${scaled.answered2xx} answered 2xx`,
        };
      return {
        settings: { connections, duration: `${duration} s`, cases: caseCount, 'generated pgbench script': script },
        figures,
        ratios: {
          'case-read / pgbench': ratio(read.requestsPerSecond, pgTps),
          'case-read / CRUD peer': ratio(read.requestsPerSecond, peer.requestsPerSecond),
          'case-read / HTTP ceiling': ratio(read.requestsPerSecond, ceiling.requestsPerSecond),
          'CRUD peer / HTTP ceiling': ratio(peer.requestsPerSecond, ceiling.requestsPerSecond),
          ...(scaled
            ? {
                [`${processes} API processes / 1`]: ratio(scaled.requestsPerSecond, read.requestsPerSecond),
                [`${processes} API processes / pgbench`]: ratio(scaled.requestsPerSecond, pgTps),
              }
            : {}),
        },
        notes: [
          'The pgbench reference is cheaper than the real path by everything the API process does (HTTP, the access policy, unwrapping the case key, decrypting eight groups, the answer).',
          'It is dearer by one primary-key SELECT per transaction that picks the case (the service has the reference from the path) and by the simple protocol (PREPARE/EXECUTE) where the service uses the extended one.',
        ],
        targets: [
          {
            target: `case-read ≥ 0.5 × pgbench at ${connections} connections (1 API process)`,
            actual: `${ratio(read.requestsPerSecond, pgTps)} × (${read.requestsPerSecond}/s vs ${pgTps} tps)`,
            met: pgTps ? read.requestsPerSecond >= pgTps / 2 : null,
          },
          ...(scaled
            ? [
                {
                  target: `case-read ≥ 0.5 × pgbench (${processes} API processes)`,
                  actual: `${ratio(scaled.requestsPerSecond, pgTps)} ×`,
                  met: pgTps ? scaled.requestsPerSecond >= pgTps / 2 : null,
                },
              ]
            : []),
          { target: 'case-read p99 ≤ 50 ms at 16 connections', actual: `${read16.latencyMs.p99} ms`, met: read16.latencyMs.p99 <= 50 },
          {
            target: 'API RSS ≤ 250 MB under case-read',
            actual: `${read.rssMb} MB${scaled ? `; ${scaled.rssMb} MB the largest of ${processes}` : ''}`,
            met: read.rssMb <= 250 && (!scaled || scaled.rssMb <= 250),
          },
          {
            target: 'no errors; the case.read rows written in each measured phase match its 2xx answers (up to the reads cut off at its end)',
            actual: [read, read16, ...(scaled ? [scaled] : [])]
              .map((f) => `${f.non2xx} non-2xx, ${f.errors} errors, ${f.audited} rows for ${f.answered2xx} answers`)
              .join('; '),
            met: [[read, connections], [read16, 16], ...(scaled ? [[scaled, connections]] : [])].every(
              ([f, n]) => f.errors === 0 && f.non2xx === 0 && auditOk(f, n),
            ),
          },
        ],
      };
    } finally {
      await lib.stopService(child);
      lib.psql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    }
  },
};

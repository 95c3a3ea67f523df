// case-read: GET /api/v1/cases/{ref} with a caseworker token over a random set of that
// caseworker's cases — session lookup, access policy, unwrapping the case key, decrypting every
// protected group, the case.read audit row committed before the answer. Beside it, in the same
// run and at the same connection count: pgbench on the same SQL (prepared, as the service now
// runs it, and unprepared "extended" for comparison), the HTTP ceiling (GET /health on the same
// process) and a typical NestJS CRUD peer (/bench/v1/cases/{ref}: findOne through TypeORM).
import { join } from 'node:path';

export default {
  name: 'case-read',
  description: 'audited case read beside pgbench on its SQL, the HTTP ceiling and a TypeORM CRUD peer',
  async run({ smoke, options, say, lib }) {
    const connections = Number(options.connections ?? (smoke ? 4 : 64));
    const duration = Number(options.duration ?? (smoke ? 2 : 20));
    const caseCount = Number(options.cases ?? (smoke ? 10 : 2000));
    const database = lib.benchDatabase('case-read');
    const env = { ...lib.serviceEnv(database, await lib.freePort()), CORRIDOR_ROLES: 'api', CORRIDOR_BENCH_ROUTES: 'true' };
    lib.prepareDatabase(database, env);
    const { child, base } = await lib.startService(env);
    try {
      const token = await lib.seedCaseworker(base, env);
      say(`seeding ${caseCount} cases through POST /api/v1/cases …`);
      const started = Date.now();
      const references = await lib.seedCases(base, token, caseCount);
      const intakePerSecond = Math.round(caseCount / ((Date.now() - started) / 1000));
      lib.psql(`DROP TABLE IF EXISTS bench_refs; CREATE TABLE bench_refs AS SELECT row_number() OVER () AS n, reference FROM cases; ALTER TABLE bench_refs ADD PRIMARY KEY (n);`, database);
      lib.psql('VACUUM ANALYZE', database);
      const paths = (prefix) => references.map((ref) => `${prefix}${ref}`);
      const warm = (url, headers) => lib.load({ url: base, connections, duration: 1, headers, paths: url });

      say('HTTP ceiling: GET /health on the same process …');
      await warm(['/health']);
      const ceiling = lib.summarize(await lib.load({ url: base, connections, duration, paths: ['/health'] }));

      say('typical NestJS CRUD peer: GET /bench/v1/cases/{ref} (findOne through TypeORM, no auth) …');
      await warm(paths('/bench/v1/cases/'));
      const peer = lib.summarize(await lib.load({ url: base, connections, duration, paths: paths('/bench/v1/cases/') }));

      say(`audited case read: GET /api/v1/cases/{ref} with ${connections} connections …`);
      const headers = { authorization: `Bearer ${token}` };
      await warm(paths('/api/v1/cases/'), headers);
      const stopSampling = lib.sampleRss(child.pid);
      const read = lib.summarize(await lib.load({ url: base, connections, duration, headers, paths: paths('/api/v1/cases/') }));
      const rss = stopSampling();
      const audited = Number(lib.psql(`SELECT count(*) FROM audit_events WHERE action = 'case.read'`, database));

      say('database limit: pgbench running the same SQL (prepared, then unprepared) …');
      const [hash, userid, sessionid] = lib
        .psql(`SELECT s.access_token_hash, s.user_id, s.id FROM staff_sessions s JOIN staff_users u ON u.id = s.user_id WHERE 'caseworker' = ANY(u.roles) AND s.revoked_at IS NULL ORDER BY s.created_at DESC LIMIT 1`, database)
        .split('|');
      const script = join(lib.root, 'bench/scenarios/case-read.pgbench.sql');
      const variables = { ncases: caseCount, hash, userid, sessionid };
      const pgTps = lib.pgbench(database, script, { clients: connections, seconds: duration, variables });
      const pgExtendedTps = lib.pgbench(database, script, { clients: connections, seconds: smoke ? 1 : Math.min(duration, 10), variables, mode: 'extended' });

      const ratio = (a, b) => (a && b ? Math.round((a / b) * 100) / 100 : null);
      return {
        settings: { connections, duration: `${duration} s`, cases: caseCount },
        figures: {
          'case-read (audited, all groups decrypted)': { ...read, rssMb: rss },
          'pgbench, same SQL, prepared': { transactionsPerSecond: pgTps },
          'pgbench, same SQL, unprepared (extended)': { transactionsPerSecond: pgExtendedTps },
          'HTTP ceiling (GET /health, same process)': ceiling,
          'CRUD peer (findOne through TypeORM, no auth/crypto/audit)': peer,
          'intake while seeding (4 clients)': { requestsPerSecond: intakePerSecond },
        },
        ratios: {
          'case-read / pgbench': ratio(read.requestsPerSecond, pgTps),
          'case-read / CRUD peer': ratio(read.requestsPerSecond, peer.requestsPerSecond),
          'case-read / HTTP ceiling': ratio(read.requestsPerSecond, ceiling.requestsPerSecond),
          'CRUD peer / HTTP ceiling': ratio(peer.requestsPerSecond, ceiling.requestsPerSecond),
        },
        targets: [
          { target: 'case-read ≥ 0.5 × pgbench', actual: `${ratio(read.requestsPerSecond, pgTps)} × (${read.requestsPerSecond} req/s vs ${pgTps} tps)`, met: pgTps ? read.requestsPerSecond >= pgTps / 2 : null },
          { target: `case-read p99 ≤ 50 ms at ${connections} connections`, actual: `${read.latencyMs.p99} ms`, met: read.latencyMs.p99 <= 50 },
          { target: 'API RSS ≤ 250 MB under case-read', actual: `${rss} MB`, met: rss <= 250 },
          { target: 'no errors, one audit row per answered read', actual: `${read.errors + read.non2xx} errors, ${audited} audit rows`, met: read.errors === 0 && read.non2xx === 0 && audited > 0 },
        ],
      };
    } finally {
      await lib.stopService(child);
      lib.psql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    }
  },
};

// case-list: GET /api/v1/cases?limit=50 with a caseworker token — a page of 50 of that
// caseworker's cases, each with its name (the identity group opened on the server: one data-key
// unwrap and one AES-GCM decrypt per case), next check-in, open escalations and stay; one
// set-based INSERT of the page's 50 case.read audit rows committed before the answer. The
// caseworker holds `--cases` cases (500) among `--others` (2,000) held by nobody they can see, so
// the plan must find their cases through the assignment index. Pages are asked for at random
// among all of the caseworker's pages (first page and every cursor).
//
// Beside it, in the same run and at the same connection count: pgbench on the same SQL — the
// session lookup, the page statement exactly as `caseListQuery` (src/modules/cases/case-list.query.ts)
// builds it for this caseworker (written out from the built code at run time, so it cannot drift),
// and an INSERT … SELECT of the page's 50 audit rows (the service sends the same 50 rows as arrays
// with unnest; the server's work is the same 50 index-maintained row inserts).
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default {
  name: 'case-list',
  description: 'a page of 50 cases with names (audited) for a caseworker with 500 cases, beside pgbench on its SQL',
  async run({ smoke, options, say, lib }) {
    const connections = Number(options.connections ?? (smoke ? 4 : 16));
    const duration = Number(options.duration ?? (smoke ? 2 : 20));
    const caseCount = Number(options.cases ?? (smoke ? 20 : 500));
    const others = Number(options.others ?? (smoke ? 40 : 2000));
    const limit = smoke ? 10 : 50;
    const database = lib.benchDatabase('case-list');
    const env = { ...lib.serviceEnv(database, await lib.freePort()), CORRIDOR_ROLES: 'api' };
    lib.prepareDatabase(database, env);
    const { child, base } = await lib.startService(env);
    const script = join(tmpdir(), `corridor-case-list-${process.pid}.pgbench.sql`);
    try {
      const token = await lib.seedCaseworker(base, env);
      say(`seeding ${caseCount} cases for the caseworker through POST /api/v1/cases …`);
      await lib.seedCases(base, token, caseCount);
      // Other cases, in nobody's reach of this caseworker: copies with new ids and references.
      lib.psql(
        `CREATE TEMP TABLE other_cases AS SELECT c.* FROM cases c, generate_series(1, ${Math.max(1, Math.ceil(others / caseCount))}) g LIMIT ${others};
         UPDATE other_cases SET id = gen_random_uuid(), reference = 'C-' || upper(substr(md5(random()::text), 1, 4)) || '-' || upper(substr(md5(random()::text), 1, 4)),
           created_at = created_at - random() * interval '30 days';
         INSERT INTO cases SELECT * FROM other_cases ON CONFLICT DO NOTHING;`,
        database,
      );
      lib.psql('VACUUM ANALYZE', database);

      const headers = { authorization: `Bearer ${token}` };
      const paths = [`/api/v1/cases?limit=${limit}`];
      for (let cursor = await nextCursor(base, paths[0], headers); cursor; cursor = await nextCursor(base, paths[paths.length - 1], headers)) {
        paths.push(`/api/v1/cases?limit=${limit}&cursor=${cursor}`);
      }
      say(`${paths.length} pages of ${limit}; warming up …`);
      await lib.load({ url: base, connections, duration: 1, headers, paths });

      const auditRows = () => Number(lib.psql(`SELECT count(*) FROM audit_events WHERE action = 'case.read' AND details->>'via' = 'list'`, database));
      // Let the warm-up's last answers (and their audit rows) land before counting.
      await lib.sleep(1000);
      const before = auditRows();
      say(`case list with names: GET /api/v1/cases?limit=${limit} with ${connections} connections …`);
      const stopSampling = lib.sampleRss(child.pid);
      const raw = await lib.load({ url: base, connections, duration, headers, paths });
      const rss = stopSampling();
      const list = lib.summarize(raw);
      await lib.sleep(1000);
      const audited = auditRows() - before;
      const answered = raw['2xx'];
      // Every page is full except perhaps the last.
      const lastPage = caseCount % limit === 0 ? limit : caseCount % limit;
      const fullPages = paths.length - (lastPage === limit ? 0 : 1);

      say('database limit: pgbench running the same SQL …');
      const [hash, userid, sessionid] = lib
        .psql(
          `SELECT s.access_token_hash, s.user_id, s.id FROM staff_sessions s JOIN staff_users u ON u.id = s.user_id WHERE 'caseworker' = ANY(u.roles) AND s.revoked_at IS NULL ORDER BY s.created_at DESC LIMIT 1`,
          database,
        )
        .split('|');
      writeFileSync(script, await pgbenchScript(lib, { limit }));
      const pgTps = lib.pgbench(database, script, { clients: connections, seconds: duration, variables: { hash, userid, sessionid } });

      const ratio = (a, b) => (a && b ? Math.round((a / b) * 100) / 100 : null);
      return {
        settings: { connections, duration: `${duration} s`, 'caseworker cases': caseCount, 'other cases': others, 'page size': limit, pages: paths.length },
        figures: {
          [`case-list (page of ${limit}, names decrypted, audited)`]: { ...list, rssMb: rss },
          'pgbench, same SQL (session, page, audit insert), prepared': { transactionsPerSecond: pgTps },
        },
        ratios: {
          'case-list / pgbench': ratio(list.requestsPerSecond, pgTps),
          'cases named per second': list.requestsPerSecond * limit,
        },
        targets: [
          {
            target: 'case-list ≥ 0.5 × pgbench',
            actual: `${ratio(list.requestsPerSecond, pgTps)} × (${list.requestsPerSecond} req/s vs ${pgTps} tps)`,
            met: pgTps ? list.requestsPerSecond >= pgTps / 2 : null,
          },
          { target: `case-list p99 ≤ 100 ms at ${connections} connections`, actual: `${list.latencyMs.p99} ms`, met: list.latencyMs.p99 <= 100 },
          {
            target: 'no errors; one case.read row per name shown',
            actual: `${list.errors + list.non2xx} errors, ${audited} audit rows for ${answered} pages (${fullPages} of ${paths.length} pages full)`,
            // Answers still in flight when the load stops are audited but not counted as answered.
            met: list.errors === 0 && list.non2xx === 0 && audited >= answered * lastPage && audited <= (answered + connections) * limit,
          },
        ],
      };
    } finally {
      await lib.stopService(child);
      lib.psql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    }
  },
};

async function nextCursor(base, path, headers) {
  const response = await fetch(`${base}${path}`, { headers });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
  return (await response.json()).nextCursor;
}

/** The session lookup, the page statement as the service builds it, and the page's audit rows. */
async function pgbenchScript(lib, { limit }) {
  const { createRequire } = await import('node:module');
  const require = createRequire(import.meta.url);
  const { caseListQuery } = require(join(lib.root, 'dist/src/modules/cases/case-list.query.js'));
  const { text, values } = caseListQuery(
    { assignedTo: '00000000-0000-0000-0000-000000000000', includeClosed: false, withNames: true },
    null,
    limit,
    new Date(),
  );
  // $1 the caseworker, $2 the LIMIT, $3 today: pgbench variables and literals in their place.
  const page = text.replace(/\$(\d+)/g, (_, n) => (n === '1' ? ':userid' : `'${values[Number(n) - 1]}'`)).replace(/\s+/g, ' ');
  return [
    "-- Written by bench/scenarios/case-list.mjs from caseListQuery (the service's own text).",
    "SELECT s.id AS session_id, u.id AS user_id, u.roles FROM staff_sessions s JOIN staff_users u ON u.id = s.user_id JOIN system_state st ON st.id = 1 WHERE s.access_token_hash = :hash AND s.revoked_at IS NULL AND s.access_expires_at > now() AND s.expires_at > now() AND s.epoch = st.credential_epoch AND u.status = 'ACTIVE';",
    `${page};`,
    `INSERT INTO audit_events (id, occurred_at, actor_type, actor_id, actor_credential_id, action, resource_type, resource_id, case_id, outcome, request_id, details) SELECT gen_random_uuid(), now(), 'staff', :userid, :sessionid::uuid, 'case.read', 'case', c.reference, c.id, 'SUCCESS', 'pgbench', '{"fieldGroups":["identity"],"fields":["name","aliases"],"via":"pgbench","basis":["assigned-caseworker"]}'::jsonb FROM cases c WHERE c.erased_at IS NULL AND c.stage <> 'CLOSED' AND EXISTS (SELECT 1 FROM case_assignments a WHERE a.case_id = c.id AND a.user_id = :userid::uuid) ORDER BY c.created_at DESC, c.id DESC LIMIT ${limit};`,
    '',
  ].join('\n');
}

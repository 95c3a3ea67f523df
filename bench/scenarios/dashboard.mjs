// dashboard: GET /api/v1/activations/{code}/dashboard at 100,000 held cases under autocannon. The
// cases are made with set-based SQL, then linked and placed by a real activation fan-out (API and
// worker processes, production settings); 5 % of them get open escalations at levels 1–3, as the
// deadline jobs would leave them, plus 10,000 cases of another country the dashboard must skip.
// Beside it, in the same run: the HTTP ceiling of the same process (GET /health) and the database
// limit of one fresh computation — the statements one real dashboard request ran (captured by
// bench/references.mjs from a capture process, so they are activations.repository.ts's own texts
// and values), replayed as the service runs them: those it sends together (Promise.all) at once
// over separate connections, prepared where the code prepares them.
import { activateAndWait, insertOpenCases, seedStaff, startWorker } from '../lib-activations.mjs';
import { captureProcess, replayWaves } from '../references.mjs';

const CODE = 'AZ-BENCH-DASH';

export default {
  name: 'dashboard',
  description: 'the activation dashboard at 100,000 held cases: p99, beside /health and its SQL run bare',
  async run({ smoke, options, say, lib }) {
    const caseCount = Number(options['dashboard-cases'] ?? (smoke ? 200 : 100_000));
    const connections = Number(options['dashboard-connections'] ?? (smoke ? 2 : 4));
    const duration = Number(options.duration ?? (smoke ? 2 : 15));
    const rosterSize = Number(options.roster ?? (smoke ? 3 : 20));
    const database = lib.benchDatabase('dashboard');
    const env = lib.serviceEnv(database, await lib.freePort());
    lib.prepareDatabase(database, env);
    const { child: api, base } = await lib.startService(env);
    let worker;
    try {
      const staff = await seedStaff(base, env, rosterSize);
      say(`making ${caseCount.toLocaleString('en-GB')} open cases with set-based SQL and activating over them …`);
      insertOpenCases(database, caseCount, 'AZ');
      insertOpenCases(database, Math.round(caseCount / 10), 'TM');
      lib.psql('VACUUM ANALYZE', database);
      worker = await startWorker(env);
      const fanout = await activateAndWait(base, staff, { code: CODE, country: 'AZ', caseloadCap: Math.ceil(caseCount / rosterSize) + 10, worker });
      say(`fan-out finished in ${fanout.ms} ms; adding open escalations to 5 % of the cases …`);
      lib.psql(
        `INSERT INTO escalations (id, case_id, case_reference, trigger, level, state, opened_at, opened_by, level_changed_at)
         SELECT gen_random_uuid(), c.id, c.reference, (ARRAY['MANUAL', 'DURESS', 'STAY_LIMIT'])[1 + abs(hashtext(c.id::text)) % 3], 1 + abs(hashtext(c.reference)) % 3, 'OPEN', now(), 'bench', now()
         FROM cases c WHERE c.activation_id IS NOT NULL AND abs(hashtext(c.id::text)) % 20 = 0
         ON CONFLICT DO NOTHING`,
        database,
      );
      lib.psql('VACUUM ANALYZE', database);

      const headers = { authorization: `Bearer ${staff.coordinator.token}` };
      const path = `/api/v1/activations/${CODE}/dashboard`;
      say('HTTP ceiling: GET /health on the same process …');
      const ceiling = lib.summarize(await lib.load({ url: base, connections, duration, paths: ['/health'] }));
      say(`dashboard: GET ${path} with ${connections} connections …`);
      const stopRss = lib.sampleRss(api.pid);
      const dashboard = lib.summarize(await lib.load({ url: base, connections, duration, headers, paths: [path] }));
      const apiRssMb = stopRss();
      const sample = await (await fetch(`${base}${path}`, { headers })).json();
      // The snapshot is fresh for DASHBOARD_FRESH_MS: the capture process starts with none, so its
      // one request computes every aggregate.
      const capture = await captureProcess(env, await lib.freePort());
      let statements;
      try {
        statements = await capture.take(async (captureBase) => {
          const response = await fetch(`${captureBase}${path}`, { headers });
          if (!response.ok) throw new Error(`capture dashboard: ${response.status}`);
          await response.text();
        });
      } finally {
        await capture.stop();
      }
      const replay = await replayWaves(database, statements);
      const sqlMs = Math.round(replay.ms);
      const escalations = sample.openEscalations.reduce((sum, row) => sum + row.count, 0);
      return {
        settings: { cases: caseCount, connections, duration: `${duration} s`, roster: rosterSize, 'snapshot refresh': 'DASHBOARD_FRESH_MS (default 2 s)' },
        figures: {
          'dashboard (coordinator, all aggregates)': {
            ...dashboard,
            rssMb: apiRssMb,
            note: `held ${sample.heldCases}, open escalations ${escalations}; API RSS`,
          },
          'HTTP ceiling (GET /health, same process)': ceiling,
          [`the ${statements.length} statements one dashboard request ran, replayed in waves of ${replay.waves.join(' + ')} as the service sends them (one fresh computation, mean of 5)`]:
            { seconds: sqlMs / 1000, load: lib.loadNow() },
          'fan-out that built the data (cold worker)': { seconds: fanout.ms / 1000, rssMb: fanout.workerRssMb, note: 'worker RSS' },
        },
        ratios: { 'dashboard p99 / a fresh computation': Math.round((dashboard.latencyMs.p99 / Math.max(sqlMs, 1)) * 100) / 100 },
        notes: [
          'The replay is cheaper than the real path by the HTTP request, the session lookup, the access check and the answer; it is the database time of one computation, which the snapshot (DASHBOARD_FRESH_MS) spreads over every request within its freshness.',
        ],
        targets: [
          {
            target: `dashboard p99 ≤ 200 ms at ${caseCount.toLocaleString('en-GB')} cases`,
            actual: `${dashboard.latencyMs.p99} ms`,
            met: dashboard.latencyMs.p99 <= 200,
          },
          { target: 'no errors', actual: `${dashboard.errors + dashboard.non2xx}`, met: dashboard.errors === 0 && dashboard.non2xx === 0 },
        ],
      };
    } finally {
      if (worker) {
        const exited = new Promise((resolve) => worker.once('exit', resolve));
        worker.kill('SIGTERM');
        await exited;
      }
      await lib.stopService(api);
      lib.psql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    }
  },
};

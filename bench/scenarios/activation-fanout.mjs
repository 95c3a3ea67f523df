// activation-fanout: N open cases (10,000 and 100,000) made with set-based SQL in the shape the
// intake leaves them (test/support/builders/bulk-cases.ts), a real API and a real worker process
// with production settings; the time from POST /api/v1/activations until the activation reports
// every case linked, re-timed and placed, and the worker's peak RSS. The worker is warmed by one
// small activation first: a production worker is not cold when a purge starts. Beside it, in the
// same run: the database limit — the fan-out's writes (link with its activation_cases and history
// rows, re-time with their outbox events, place with its history rows) as bare set-based
// statements in one transaction, rolled back (databaseLimit below says what it leaves out).
import { performance } from 'node:perf_hooks';
import { activateAndWait, insertOpenCases, seedStaff, startWorker } from '../lib-activations.mjs';

const TARGET_MS = { 10000: 10_000, 100000: 90_000 };
const WORKER_RSS_MB = 300;

export default {
  name: 'activation-fanout',
  description: 'time from activation to every open case linked, re-timed and placed (10,000 and 100,000 cases); worker RSS',
  async run({ smoke, options, say, lib }) {
    const sizes = (options['fanout-sizes'] ?? (smoke ? '200' : '10000,100000')).split(',').map(Number);
    const rosterSize = Number(options.roster ?? (smoke ? 3 : 20));
    const figures = {};
    const targets = [];
    const ratios = {};
    for (const size of sizes) {
      const n = size.toLocaleString('en-GB');
      const database = lib.benchDatabase('activation-fanout');
      const env = lib.serviceEnv(database, await lib.freePort());
      lib.prepareDatabase(database, env);
      const { child: api, base } = await lib.startService(env);
      let worker;
      try {
        const staff = await seedStaff(base, env, rosterSize);
        say(`${n} cases: making them with set-based SQL …`);
        insertOpenCases(database, size, 'AZ');
        lib.psql('VACUUM ANALYZE', database);
        const limitMs = databaseLimit(
          lib,
          database,
          staff.roster.map((member) => member.id),
        );
        worker = await startWorker(env);
        // Room for every case, the warm-up's 50 included (they stay assigned).
        const caseloadCap = Math.ceil((size + 50) / rosterSize) + 10;
        insertOpenCases(database, 50, 'TM');
        await activateAndWait(base, staff, { code: `TM-WARM-${size}`, country: 'TM', caseloadCap, worker });
        say(`${n} cases: activating and waiting for the fan-out …`);
        const run = await activateAndWait(base, staff, { code: `AZ-BENCH-${size}`, country: 'AZ', caseloadCap, worker });
        const [linked, assigned] = lib
          .psql(
            `SELECT count(*) FILTER (WHERE activation_id IS NOT NULL), (SELECT count(*) FROM case_assignments a JOIN cases c ON c.id = a.case_id WHERE c.origin_country = 'AZ') FROM cases WHERE origin_country = 'AZ'`,
            database,
          )
          .split('|')
          .map(Number);
        const { progress } = run;
        const complete = progress.linked === size && progress.rescheduled === size && progress.assigned === size && progress.failed === 0;
        figures[`fan-out, ${n} cases (warm worker)`] = {
          seconds: run.ms / 1000,
          perSecond: Math.round(size / (run.ms / 1000)),
          rssMb: run.workerRssMb,
          errors: progress.failed,
          load: lib.loadNow(),
          note: `linked ${progress.linked}, re-timed ${progress.rescheduled}, placed ${progress.assigned}, unplaced ${progress.unplaced}, ${progress.chunksTotal} chunks; in the database: ${linked} linked, ${assigned} assignments; worker RSS`,
        };
        figures[`database limit, ${n} cases (the same rows as bare set-based SQL, one transaction)`] = {
          seconds: limitMs / 1000,
          perSecond: Math.round(size / (limitMs / 1000)),
          load: lib.loadNow(),
        };
        ratios[`fan-out time / database limit, ${n}`] = Math.round((run.ms / limitMs) * 10) / 10;
        const targetMs = TARGET_MS[size];
        targets.push({
          target: `${n} cases${targetMs ? ` ≤ ${targetMs / 1000} s` : ''}, all linked, re-timed and placed`,
          actual: `${run.ms / 1000} s${complete ? '' : ' (INCOMPLETE)'}`,
          met: complete && (targetMs ? run.ms <= targetMs : true),
        });
        targets.push({ target: `${n} cases: worker RSS ≤ ${WORKER_RSS_MB} MB`, actual: `${run.workerRssMb} MB`, met: run.workerRssMb <= WORKER_RSS_MB });
      } finally {
        if (worker) {
          const exited = new Promise((resolve) => worker.once('exit', resolve));
          worker.kill('SIGTERM');
          await exited;
        }
        await lib.stopService(api);
        lib.psql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      }
    }
    return { settings: { sizes: sizes.join(' / '), roster: rosterSize, processes: 'api + worker' }, figures, ratios, targets };
  },
};

/**
 * The fan-out's writes as bare set-based SQL over every case at once, the same tables and rows the
 * worker writes (activation-fanout.service.ts with case-activation.repository.ts and
 * activations.repository.ts): cases linked, an `activation_cases` row per case, an
 * ACTIVATION_LINKED history row per case, schedules re-timed with their deadline outbox events,
 * an assignment per case and its ASSIGNMENT_CHANGED history row. Milliseconds, then rolled back.
 * Cheaper than the real path in what it leaves out: the chunking (a transaction and a claim row
 * per 1,000 cases), the progress counters, the per-caseworker notifications and the caseload
 * arithmetic; it is the floor the database sets, not a competitor implementation.
 */
function databaseLimit(lib, database, roster) {
  const started = performance.now();
  lib.psql(
    `BEGIN;
     CREATE TEMP TABLE bench_activation AS SELECT gen_random_uuid() AS id;
     UPDATE cases SET activation_id = (SELECT id FROM bench_activation), updated_at = now() WHERE origin_country = 'AZ' AND activation_id IS NULL AND stage <> 'CLOSED';
     INSERT INTO activation_cases (activation_id, case_id, linked_at, linked_via, policy_generation)
       SELECT (SELECT id FROM bench_activation), c.id, now(), 'FANOUT', 1 FROM cases c WHERE c.activation_id = (SELECT id FROM bench_activation) ON CONFLICT DO NOTHING;
     INSERT INTO case_history (id, case_id, occurred_at, actor_type, actor_id, kind, details)
       SELECT gen_random_uuid(), c.id, now(), 'system', 'activation-fanout', 'ACTIVATION_LINKED', '{"activation":"AZ-BENCH"}'::jsonb FROM cases c WHERE c.activation_id = (SELECT id FROM bench_activation);
     UPDATE checkin_schedules s SET version = version + 1, interval_minutes = interval_minutes / 2, due_at = stage_entered_at + make_interval(mins => interval_minutes / 2), updated_at = now();
     INSERT INTO outbox_events (id, job_name, payload, dedupe_key, available_at) SELECT gen_random_uuid(), 'bench.noop', jsonb_build_object('caseId', case_id, 'version', version), 'bench:' || case_id, deadline_at FROM checkin_schedules;
     INSERT INTO case_assignments (case_id, user_id, assigned_at, assigned_by)
       SELECT c.id, (ARRAY['${roster.join("','")}']::uuid[])[1 + (row_number() OVER (ORDER BY c.id))::int % ${roster.length}], now(), 'bench' FROM cases c WHERE c.activation_id = (SELECT id FROM bench_activation);
     INSERT INTO case_history (id, case_id, occurred_at, actor_type, actor_id, kind, details)
       SELECT gen_random_uuid(), a.case_id, now(), 'system', 'activation-fanout', 'ASSIGNMENT_CHANGED', jsonb_build_object('activation', 'AZ-BENCH', 'assignee', a.user_id) FROM case_assignments a WHERE a.assigned_by = 'bench';
     ROLLBACK;`,
    database,
  );
  return Math.round(performance.now() - started);
}

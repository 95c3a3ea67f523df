// deadline-sweep: N scheduled check-ins (10,000 / 100,000 / 1,000,000) of which the same 10,000
// fall due at the same instant: time from that instant until all 10,000 MISSED_CHECKIN
// escalations exist, and how it grows with N. Schedules and their deadline events are generated
// with set-based SQL in exactly the shape CheckinScheduleService writes them (a schedule row per
// case and a delayed `checkin.deadline` outbox event keyed by case and version); the escalations
// are raised by a real worker process (outbox relay → bull → CheckinJobsHandler), one per size,
// on a fresh database. Each due case has an assigned caseworker, so level 1 notifies someone.
const WORKER_ROLES = 'worker';

export default {
  name: 'deadline-sweep',
  description: '10,000 check-in deadlines due at once among up to 1,000,000 schedules: time to all escalations',
  async run({ smoke, options, say, lib }) {
    const sizes = (options.sizes ?? (smoke ? '200,1000' : '10000,100000,1000000')).split(',').map(Number);
    const due = Number(options.due ?? (smoke ? 100 : 10000));
    // The relay hands events to bull up to 10 minutes ahead; a lead lets it do so for the due set
    // as it would in production, so the figure is the deadline-to-escalation time.
    const leadMs = smoke ? 3_000 : 20_000;
    const workers = Number(options.workers ?? 1);
    const figures = {};
    const times = [];
    for (const total of sizes) {
      if (total < due) throw new Error(`--sizes must be at least --due (${due})`);
      const database = lib.benchDatabase('deadline-sweep');
      const env = { ...lib.serviceEnv(database, 0), CORRIDOR_ROLES: WORKER_ROLES };
      lib.prepareDatabase(database, env);
      say(`${total.toLocaleString('en-GB')} schedules: generating ${(total - due).toLocaleString('en-GB')} not due …`);
      const generated = Date.now();
      generateBackground(lib, database, due, total);
      lib.psql('VACUUM ANALYZE', database);
      const generateSeconds = (Date.now() - generated) / 1000;
      const started = [];
      for (let i = 0; i < workers; i += 1) started.push(await lib.startService(env));
      const { child } = started[0];
      try {
        const deadline = new Date(Date.now() + leadMs);
        say(`  ${due.toLocaleString('en-GB')} due at ${deadline.toISOString()} …`);
        generateDue(lib, database, due, deadline);
        const stopSampling = lib.sampleRss(child.pid);
        await lib.sleep(Math.max(0, deadline.getTime() - Date.now()));
        const handedOver = Number(
          lib.psql(
            `SELECT count(*) FROM outbox_events WHERE job_name = 'checkin.deadline' AND available_at = '${deadline.toISOString()}' AND status <> 'PENDING'`,
            database,
          ),
        );
        const limitMs = Math.max(60_000, due * 20);
        let count = 0;
        while (Date.now() - deadline.getTime() < limitMs) {
          count = Number(lib.psql(`SELECT count(*) FROM escalations WHERE trigger = 'MISSED_CHECKIN'`, database));
          if (count >= due) break;
          await lib.sleep(200);
        }
        const rss = stopSampling();
        const last = Number(
          lib.psql(
            `SELECT extract(epoch FROM max(opened_at) - '${deadline.toISOString()}'::timestamptz) FROM escalations WHERE trigger = 'MISSED_CHECKIN'`,
            database,
          ),
        );
        const first = Number(
          lib.psql(
            `SELECT extract(epoch FROM min(opened_at) - '${deadline.toISOString()}'::timestamptz) FROM escalations WHERE trigger = 'MISSED_CHECKIN'`,
            database,
          ),
        );
        const seconds = Math.round(last * 100) / 100;
        times.push({ total, seconds, complete: count >= due });
        figures[`${total.toLocaleString('en-GB')} schedules, ${due.toLocaleString('en-GB')} due`] = {
          seconds: count >= due ? seconds : null,
          perSecond: Math.round(count / Math.max(last, 0.001)),
          rssMb: rss,
          errors: due - count,
          load: lib.loadNow(),
          note: `first after ${Math.round(first * 1000)} ms; ${handedOver} handed to bull before the deadline; generated in ${Math.round(generateSeconds)} s; RSS of the first worker`,
        };
      } finally {
        for (const worker of started) await lib.stopService(worker.child);
        lib.psql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      }
    }
    // The growth ratio only from complete runs: an incomplete run's time is a cut-off, not a time.
    const smallest = times[0];
    const largest = times[times.length - 1];
    const growth =
      smallest.complete && largest.complete && largest !== smallest && smallest.seconds > 0
        ? Math.round((largest.seconds / smallest.seconds) * 100) / 100
        : null;
    return {
      settings: {
        sizes: sizes.join(' / '),
        due,
        'worker processes': workers,
        'worker concurrency': process.env.WORKER_CONCURRENCY ?? 16,
        lead: `${leadMs / 1000} s`,
      },
      figures,
      ratios: {
        [`time at ${largest.total.toLocaleString('en-GB')} / time at ${smallest.total.toLocaleString('en-GB')}${growth === null ? ' (not computed: a run did not complete)' : ''}`]:
          growth,
      },
      targets: [
        {
          target: `all ${due.toLocaleString('en-GB')} escalations ≤ 10 s at the largest size`,
          actual: `${largest.complete ? largest.seconds : `incomplete after ${largest.seconds}`} s at ${largest.total.toLocaleString('en-GB')}`,
          met: largest.complete && largest.seconds <= 10,
        },
        {
          target: 'time at the largest size ≤ 1.5 × time at the smallest',
          actual: growth === null ? 'not computed: only complete runs give a time' : `${growth} ×`,
          met: growth === null ? null : growth <= 1.5,
        },
      ],
    };
  },
};

/** Schedules i in (due, total]: deadlines spread over the week after tomorrow. */
function generateBackground(lib, database, due, total) {
  if (total <= due) return;
  lib.psql(
    `INSERT INTO checkin_schedules (case_id, case_reference, version, status, stage, priority, interval_minutes, stage_entered_at, last_checkin_at, due_at, deadline_at, updated_at)
     SELECT md5('sweep' || i)::uuid, 'B' || lpad(i::text, 10, '0'), 1, 'ACTIVE', 'INTAKE', 'URGENT', 1440, now(), NULL,
            now() + interval '1 day' + (i % 604800) * interval '1 second', now() + interval '1 day' + (i % 604800) * interval '1 second' + interval '144 minutes', now()
     FROM generate_series(${due + 1}, ${total}) AS i;
     INSERT INTO outbox_events (id, job_name, payload, dedupe_key, status, available_at, created_at)
     SELECT gen_random_uuid(), 'checkin.deadline', jsonb_build_object('caseId', s.case_id, 'version', 1), 'checkin.deadline:' || s.case_id || ':1', 'PENDING', s.deadline_at, now()
     FROM checkin_schedules s;`,
    database,
  );
}

/** Schedules i in [1, due], all with the same deadline, each assigned to one of 50 caseworkers. */
function generateDue(lib, database, due, deadline) {
  const at = `'${deadline.toISOString()}'::timestamptz`;
  lib.psql(
    `INSERT INTO checkin_schedules (case_id, case_reference, version, status, stage, priority, interval_minutes, stage_entered_at, last_checkin_at, due_at, deadline_at, updated_at)
     SELECT md5('sweep' || i)::uuid, 'B' || lpad(i::text, 10, '0'), 1, 'ACTIVE', 'INTAKE', 'URGENT', 1440, now() - interval '1 day', NULL, ${at} - interval '144 minutes', ${at}, now()
     FROM generate_series(1, ${due}) AS i;
     INSERT INTO case_assignments (case_id, user_id, assigned_at, assigned_by)
     SELECT md5('sweep' || i)::uuid, md5('caseworker' || (i % 50))::uuid, now(), 'bench' FROM generate_series(1, ${due}) AS i;
     INSERT INTO outbox_events (id, job_name, payload, dedupe_key, status, available_at, created_at)
     SELECT gen_random_uuid(), 'checkin.deadline', jsonb_build_object('caseId', md5('sweep' || i)::uuid, 'version', 1), 'checkin.deadline:' || md5('sweep' || i)::uuid || ':1', 'PENDING', ${at}, now()
     FROM generate_series(1, ${due}) AS i;`,
    database,
  );
}

// escalation-latency: a steady stream of check-in deadlines (about 1,000 a minute) through the
// running service — separate api, worker and scheduler processes — and the delay from each
// deadline to its MISSED_CHECKIN escalation row, p50/p97.5/p99 (nearest rank over every
// escalation), and the rate at which escalations were measured to open (not the offered rate).
//
// The check-in policy allows intervals of an hour at the least, so the schedules are written
// directly with SQL, in exactly the shape CheckinScheduleService writes them (a schedule row and
// its delayed `checkin.deadline` outbox event, keyed by case and version), with deadlines spread
// evenly over the run. Nothing in the service is shortened or bypassed: the relay hands each
// event to bull within its 10-minute horizon, as it would for a schedule made hours earlier.
export default {
  name: 'escalation-latency',
  description: 'a steady stream of check-in deadlines through api + worker + scheduler: deadline-to-escalation delay',
  async run({ smoke, options, say, lib }) {
    const perMinute = Number(options['per-minute'] ?? (smoke ? 240 : 1000));
    const minutes = Number(options.minutes ?? (smoke ? 0.25 : 2));
    const count = Math.round(perMinute * minutes);
    const database = lib.benchDatabase('escalation-latency');
    const base = lib.serviceEnv(database, await lib.freePort());
    lib.prepareDatabase(database, base);
    const processes = [];
    try {
      for (const roles of ['api', 'worker', 'scheduler']) processes.push({ roles, ...(await lib.startService({ ...base, CORRIDOR_ROLES: roles })) });
      const start = new Date(Date.now() + 5_000);
      const spacingMs = 60_000 / perMinute;
      say(`${count} deadlines, one every ${Math.round(spacingMs)} ms from ${start.toISOString()} …`);
      lib.psql(
        `INSERT INTO checkin_schedules (case_id, case_reference, version, status, stage, priority, interval_minutes, stage_entered_at, last_checkin_at, due_at, deadline_at, updated_at)
         SELECT md5('latency' || i)::uuid, 'L' || lpad(i::text, 10, '0'), 1, 'ACTIVE', 'INTAKE', 'URGENT', 60, now() - interval '1 hour', NULL,
                d - interval '6 minutes', d, now()
         FROM generate_series(1, ${count}) AS i, LATERAL (SELECT '${start.toISOString()}'::timestamptz + (i - 1) * interval '${spacingMs} milliseconds' AS d) AS t;
         INSERT INTO case_assignments (case_id, user_id, assigned_at, assigned_by)
         SELECT case_id, md5('caseworker' || (right(case_reference, 2)::int % 50))::uuid, now(), 'bench' FROM checkin_schedules;
         INSERT INTO outbox_events (id, job_name, payload, dedupe_key, status, available_at, created_at)
         SELECT gen_random_uuid(), 'checkin.deadline', jsonb_build_object('caseId', case_id, 'version', 1), 'checkin.deadline:' || case_id || ':1', 'PENDING', deadline_at, now()
         FROM checkin_schedules;`,
        database,
      );
      const worker = processes.find((p) => p.roles === 'worker');
      const stopSampling = lib.sampleRss(worker.child.pid);
      const end = start.getTime() + minutes * 60_000;
      let done = 0;
      while (Date.now() < end + 30_000) {
        await lib.sleep(1_000);
        done = Number(lib.psql(`SELECT count(*) FROM escalations WHERE trigger = 'MISSED_CHECKIN'`, database));
        if (Date.now() > end && done >= count) break;
      }
      const rss = stopSampling();
      const delays = lib
        .psql(
          `SELECT round(extract(epoch FROM e.opened_at - s.deadline_at) * 1000) FROM escalations e JOIN checkin_schedules s ON s.case_id = e.case_id WHERE e.trigger = 'MISSED_CHECKIN'`,
          database,
        )
        .split('\n')
        .filter(Boolean)
        .map(Number);
      const p = (q) => lib.percentile(delays, q);
      // The rate measured: escalations opened over the span between the first and the last.
      const [opened, spanSeconds] = lib
        .psql(`SELECT count(*), extract(epoch FROM max(opened_at) - min(opened_at)) FROM escalations WHERE trigger = 'MISSED_CHECKIN'`, database)
        .split('|')
        .map(Number);
      const measuredPerSecond = spanSeconds > 0 ? Math.round((opened / spanSeconds) * 100) / 100 : null;
      return {
        settings: { 'deadlines per minute': perMinute, minutes, deadlines: count, processes: 'api + worker + scheduler' },
        figures: {
          'deadline → escalation row (escalations opened per second, measured)': {
            perSecond: measuredPerSecond,
            latencyMs: { p50: p(50), 'p97.5': p(97.5), p99: p(99) },
            errors: count - delays.length,
            rssMb: rss,
            load: lib.loadNow(),
            note: `offered ${Math.round((perMinute / 60) * 100) / 100}/s; max ${p(100)} ms; worker RSS`,
          },
        },
        targets: [
          { target: 'p99 ≤ 2 s', actual: `${p(99)} ms (${delays.length} of ${count} raised)`, met: delays.length === count && p(99) !== null && p(99) <= 2000 },
        ],
      };
    } finally {
      for (const { child } of processes.reverse()) await lib.stopService(child);
      lib.psql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    }
  },
};

import { randomInt } from 'node:crypto';

/** Anything that runs SQL: a DataSource, an EntityManager or a pg client. */
interface Sql {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * Inserts `count` open cases with their check-in schedules in two set-based statements (no
 * HTTP, no encryption: they carry no protected content, so nothing personal is generated).
 * A third are EMERGENCY, a third URGENT, a third NORMAL; one in four is triaged; all were opened
 * in the last ten hours, so halving their intervals makes none overdue at once. The SQL is
 * mirrored in bench/lib-activations.mjs.
 */
export async function insertOpenCases(sql: Sql, count: number, options: { originCountry: string; now: Date }): Promise<void> {
  const offset = randomInt(0, 2 ** 40);
  await sql.query(
    `WITH g AS (SELECT n, gen_random_uuid() AS id, $4::bigint + n AS r FROM generate_series(1, $1::int) AS n)
     INSERT INTO cases (id, reference, stage, priority, origin_country, created_at, updated_at, triage_due_at, triaged_at, consent_services)
     SELECT id,
            'C-' || string_agg(substr('23456789ABCDEFGHJKMNPQRSTVWXYZ', ((r / (30::bigint ^ k)::bigint) % 30)::int + 1, 1), '' ORDER BY k) FILTER (WHERE k < 4)
                 || '-' || string_agg(substr('23456789ABCDEFGHJKMNPQRSTVWXYZ', ((r / (30::bigint ^ k)::bigint) % 30)::int + 1, 1), '' ORDER BY k) FILTER (WHERE k >= 4),
            CASE WHEN n % 4 = 0 THEN 'TRIAGED' ELSE 'INTAKE' END,
            (ARRAY['EMERGENCY', 'URGENT', 'NORMAL'])[n % 3 + 1],
            $2, $3::timestamptz - make_interval(mins => (n % 600)::int), $3,
            $3::timestamptz - make_interval(mins => (n % 600)::int) + make_interval(hours => (ARRAY[24, 72, 336])[n % 3 + 1]),
            CASE WHEN n % 4 = 0 THEN $3::timestamptz ELSE NULL END,
            true
     FROM g CROSS JOIN generate_series(0, 7) AS k
     GROUP BY id, n, r`,
    [count, options.originCountry, options.now, offset],
  );
  await sql.query(
    `INSERT INTO checkin_schedules (case_id, case_reference, version, status, stage, priority, interval_minutes, stage_entered_at, last_checkin_at, due_at, deadline_at, updated_at)
     SELECT c.id, c.reference, 1, 'ACTIVE', c.stage, c.priority, p.interval_minutes, c.created_at, NULL,
            c.created_at + make_interval(mins => p.interval_minutes),
            c.created_at + make_interval(mins => p.interval_minutes + round(p.interval_minutes * 0.1)::int), $2
     FROM cases c JOIN checkin_policy p ON p.stage = c.stage AND p.priority = c.priority
     WHERE c.origin_country = $1 AND NOT EXISTS (SELECT 1 FROM checkin_schedules s WHERE s.case_id = c.id)`,
    [options.originCountry, options.now],
  );
}

import { runDemo, type DemoResult } from '@demo/run-demo';
import { buildForChildren, removeBuild } from '@test/support/child-processes';
import { scanDatabaseForPlaintext } from '@test/support/plaintext-scan';
import { TestContext } from '@test/support/test-context';

/** What a leak of one generated person would look like, in the forms plaintext-scan looks for. */
function forms(needle: string): string[] {
  return [needle, needle.toLowerCase(), needle.toUpperCase(), Buffer.from(needle).toString('base64')];
}

describe('the demo scenario, short version (npm run demo with a dozen people)', () => {
  let ctx: TestContext;
  let buildDir: string;
  let result: DemoResult;
  let timeline = '';

  beforeAll(async () => {
    ctx = await TestContext.create();
    buildDir = buildForChildren();
    result = await runDemo({
      people: 12,
      databaseUrl: ctx.databaseUrl,
      buildDir,
      // The test's own keys, Redis prefix and cheap password hashing; room for all roles in one process.
      env: ctx.env({ DATABASE_POOL_SIZE: '10' }),
      // The drill's 60-minute check-in interval lasts 12 s (grace 1.2 s): quick, with headroom on a busy machine.
      drillTimeCompression: 300,
      out: { write: (text) => void (timeline += text) },
    });
  }, 300_000);

  afterAll(async () => {
    await result?.stop();
    removeBuild(buildDir);
    await ctx?.close();
  });

  it('tells the story to the end: intakes, triage, relocations, check-ins, escalations, an accepted application', async () => {
    const db = await ctx.dataSource();
    expect(result.references).toHaveLength(12);
    expect(await db.query(`SELECT count(*)::int AS n FROM cases`)).toEqual([{ n: 12 }]);
    // Seven in ten are moved: via Georgia and via Turkey.
    const hosts: Array<{ current_country: string; n: number }> = await db.query(`SELECT current_country, count(*)::int AS n FROM cases WHERE current_country <> 'AZ' GROUP BY 1 ORDER BY 1`);
    expect(hosts.map((h) => h.current_country)).toEqual(['GE', 'TR']);
    // Every plan was approved by someone other than who requested it.
    expect(await db.query(`SELECT count(*)::int AS n FROM relocation_plans WHERE status = 'APPROVED' AND decided_by <> requested_by`)).toEqual([{ n: 9 }]);
    expect(await db.query(`SELECT status FROM resettlement_applications`)).toEqual([{ status: 'ACCEPTED' }]);
    expect(timeline).toContain('ACCEPTED');
  });

  it('records the check-ins it made, through staff and through one-time links', async () => {
    const db = await ctx.dataSource();
    const [row] = await db.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM checkins`);
    const n = row?.n ?? 0;
    expect(n).toBe(result.checkinsRecorded);
    expect(n).toBeGreaterThan(12);
    const sources: Array<{ source: string }> = await db.query(`SELECT DISTINCT source FROM checkins ORDER BY source`);
    expect(sources.map((s) => s.source)).toEqual(expect.arrayContaining(['LINK']));
  });

  it('raises the escalations of the story: DURESS at level 3 at once, a missed check-in that climbs', async () => {
    const db = await ctx.dataSource();
    const rows: Array<{ trigger: string; level: number; state: string }> = await db.query(`SELECT trigger, level, state FROM escalations ORDER BY opened_at`);
    expect(rows).toEqual(expect.arrayContaining([{ trigger: 'DURESS', level: 3, state: 'ACKNOWLEDGED' }]));
    expect(rows.some((row) => row.trigger === 'MISSED_CHECKIN' && row.level >= 2 && row.state === 'OPEN')).toBe(true);
    expect(timeline).toMatch(/escalation DURESS on C-[0-9A-Z-]+ \(.+\): level 3/);
  });

  it('ran the service in drill time: the 60-minute interval became 12 seconds, and the service said so loudly', async () => {
    const db = await ctx.dataSource();
    const schedules: Array<{ interval_minutes: number; ms: number }> = await db.query(
      `SELECT interval_minutes, round(extract(epoch FROM due_at - greatest(stage_entered_at, coalesce(last_checkin_at, stage_entered_at))) * 1000)::int AS ms
       FROM checkin_schedules WHERE status = 'ACTIVE'`,
    );
    expect(schedules.length).toBeGreaterThan(0);
    for (const schedule of schedules) expect(schedule).toEqual({ interval_minutes: 60, ms: 12_000 });
    expect(result.serviceLogs()).toContain('DRILL TIME');
  });

  it('leaves no personal data in the service logs or in plaintext in the database', async () => {
    const logs = result.serviceLogs();
    expect(logs.length).toBeGreaterThan(1_000);
    const needles = result.people.flatMap((p) => [`${p.givenName} ${p.familyName}`, p.phone, p.hideout, p.narrative, ...(p.passportNumber ? [p.passportNumber] : [])]);
    const leaks = needles.flatMap((needle) => forms(needle).filter((form) => logs.includes(form)).map(() => needle));
    expect(leaks).toEqual([]);
    const db = await ctx.dataSource();
    expect(await scanDatabaseForPlaintext(db, needles)).toEqual([]);
  });

  it('refuses any database but corridor_demo or a test database, before touching anything', async () => {
    await expect(runDemo({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/corridor', out: { write: () => undefined } })).rejects.toThrow(/refusing database "corridor"/);
  });
});

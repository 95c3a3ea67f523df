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

  it('took referrals from both partners: each opened a case that names its referring agency', async () => {
    const db = await ctx.dataSource();
    const referred: Array<{ agency: string; n: number }> = await db.query(
      `SELECT c.referring_agency_id AS agency, count(*)::int AS n FROM cases c JOIN referrals r ON r.case_id = c.id AND r.agency_id = c.referring_agency_id GROUP BY 1 ORDER BY 1`,
    );
    expect(referred.map((r) => r.agency).sort()).toEqual([result.agencyIds.shelter, result.agencyIds.ngo].sort());
    // Every fourth person (3 of 12), and no referral without its case: the retried one opened none.
    expect(referred.reduce((sum, r) => sum + r.n, 0)).toBe(3);
    expect(await db.query(`SELECT count(*)::int AS n FROM referrals`)).toEqual([{ n: 3 }]);
    expect(timeline).toContain('one retried with the same key: the same referral came back');
  });

  it('declared the activation, linked every case to it (by fan-out and at intake), and stood it down', async () => {
    const db = await ctx.dataSource();
    const [activation] = await db.query<Array<{ id: string; status: string }>>(`SELECT id, status FROM activations WHERE code = 'AZ-2017-09'`);
    expect(activation?.status).toBe('STOOD_DOWN');
    const links: Array<{ linked_via: string; n: number; released: number }> = await db.query(
      `SELECT linked_via, count(*)::int AS n, count(released_at)::int AS released FROM activation_cases WHERE activation_id = $1 GROUP BY 1 ORDER BY 1`,
      [activation?.id],
    );
    expect(links.reduce((sum, l) => sum + l.n, 0)).toBe(12);
    expect(links.every((l) => l.released === l.n)).toBe(true);
    expect(links.length).toBeGreaterThanOrEqual(2);
    expect(timeline).toMatch(/fan-out finished: \d+ cases linked/);
    expect(timeline).toContain('activation AZ-2017-09 dashboard');
  });

  it('tells the story to the end: intakes, triage, relocations, check-ins, escalations, an accepted application', async () => {
    const db = await ctx.dataSource();
    expect(result.references).toHaveLength(12);
    expect(await db.query(`SELECT count(*)::int AS n FROM cases`)).toEqual([{ n: 12 }]);
    // Seven in ten are moved: via Georgia and via Turkey.
    const hosts: Array<{ current_country: string; n: number }> = await db.query(
      `SELECT current_country, count(*)::int AS n FROM cases WHERE current_country <> 'AZ' GROUP BY 1 ORDER BY 1`,
    );
    expect(hosts.map((h) => h.current_country)).toEqual(['GE', 'TR']);
    // Every plan was approved by someone other than who requested it.
    expect(await db.query(`SELECT count(*)::int AS n FROM relocation_plans WHERE status = 'APPROVED' AND decided_by <> requested_by`)).toEqual([{ n: 9 }]);
    expect(await db.query(`SELECT status FROM resettlement_applications`)).toEqual([{ status: 'ACCEPTED' }]);
    // Expedited by the receiving state's liaison, who granted an emergency visa in time.
    expect(await db.query(`SELECT status FROM expedite_requests`)).toEqual([{ status: 'GRANTED' }]);
    expect(timeline).toContain('ACCEPTED');
    // Partners checked people in and reported a service.
    expect((await db.query(`SELECT count(*)::int AS n FROM service_updates`))[0].n).toBeGreaterThan(0);
  });

  it('records the check-ins it made, through staff and through one-time links', async () => {
    const db = await ctx.dataSource();
    const [row] = await db.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM checkins`);
    const n = row?.n ?? 0;
    expect(n).toBe(result.checkinsRecorded);
    expect(n).toBeGreaterThan(12);
    const sources: Array<{ source: string }> = await db.query(`SELECT DISTINCT source FROM checkins ORDER BY source`);
    expect(sources.map((s) => s.source)).toEqual(expect.arrayContaining(['LINK', 'PARTNER']));
  });

  it('raises the escalations of the story: DURESS at level 3 at once, a missed check-in that climbs to level 3', async () => {
    const db = await ctx.dataSource();
    const rows: Array<{ trigger: string; level: number; state: string; case_reference: string }> = await db.query(
      `SELECT trigger, level, state, case_reference FROM escalations ORDER BY opened_at`,
    );
    expect(rows).toEqual(expect.arrayContaining([expect.objectContaining({ trigger: 'DURESS', level: 3, state: 'ACKNOWLEDGED' })]));
    const climbed = rows.filter((row) => row.trigger === 'MISSED_CHECKIN' && row.level === 3 && row.state === 'OPEN');
    expect(climbed.length).toBeGreaterThan(0);
    expect(timeline).toMatch(/escalation DURESS on C-[0-9A-Z-]+ \(.+\): level 3/);
    // The partner sharing the case was told, and the delivery verified under its secret.
    const raised = result.webhooks.filter((w) => w.type === 'escalation.raised');
    for (const row of [...climbed, ...rows.filter((r) => r.trigger === 'DURESS')]) {
      expect(raised).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ verified: true, data: expect.objectContaining({ caseReference: row.case_reference, level: 3, trigger: row.trigger }) }),
        ]),
      );
    }
  });

  it('delivered every partner event of the story, each signed and verified', () => {
    const types = (agency: string) => new Set(result.webhooks.filter((w) => w.agency === agency && w.verified).map((w) => w.type));
    expect(result.webhooks.length).toBeGreaterThan(10);
    expect(result.webhooks.filter((w) => !w.verified)).toEqual([]);
    const together = new Set([...types('shelter'), ...types('ngo')]);
    for (const type of ['referral.status_changed', 'case.shared', 'checkin.requested', 'escalation.raised', 'activation.started', 'activation.stood_down'])
      expect(together).toContain(type);
    expect([...types('liaison')]).toEqual(['expedite.requested']);
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

  it('leaves no personal data in the service logs, in the webhook bodies or in plaintext in the database', async () => {
    const logs = result.serviceLogs();
    expect(logs.length).toBeGreaterThan(1_000);
    const needles = result.people.flatMap((p) => [
      `${p.givenName} ${p.familyName}`,
      p.phone,
      p.hideout,
      p.narrative,
      ...(p.passportNumber ? [p.passportNumber] : []),
    ]);
    const leaks = needles.flatMap((needle) =>
      forms(needle)
        .filter((form) => logs.includes(form))
        .map(() => needle),
    );
    expect(leaks).toEqual([]);
    // Webhooks are thin: references, codes, times. Not even a first name the share shows.
    const bodies = result.webhooks.map((w) => w.body).join('\n');
    const names = result.people.flatMap((p) => [p.givenName, p.familyName, p.phone]);
    expect(names.filter((name) => bodies.includes(name))).toEqual([]);
    const db = await ctx.dataSource();
    expect(await scanDatabaseForPlaintext(db, [...needles, ...result.people.map((p) => `${p.familyName}`)])).toEqual([]);
  });

  it('refuses any database but corridor_demo or a test database, before touching anything', async () => {
    await expect(runDemo({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/corridor', out: { write: () => undefined } })).rejects.toThrow(
      /refusing database "corridor"/,
    );
  });
});

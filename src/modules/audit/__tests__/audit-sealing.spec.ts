import { DataSource } from 'typeorm';
import { systemActor } from '@common/access/principal';
import { TickScheduler } from '@infra/scheduling/tick-scheduler';
import { AUDIT_SEAL_TICK } from '@modules/audit/audit-maintenance';
import { AuditSealer, type SealReport } from '@modules/audit/audit-sealer';
import { AuditVerifier } from '@modules/audit/audit-verifier';
import { AuditService, type AuditEventInput } from '@modules/audit/audit.service';
import { TestContext, type TestApp } from '@test/support/test-context';
import { waitFor } from '@test/support/wait-for';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('audit sealing', () => {
  let ctx: TestContext;
  let db: DataSource;
  // Two processes: each has its own pool and its own sealer, racing for the one lock.
  let first: TestApp;
  let second: TestApp;

  const event = (requestId: string): AuditEventInput => ({
    actor: systemActor('audit-test'),
    action: 'probe.write',
    resourceType: 'probe',
    requestId,
  });

  const chainStats = async () =>
    (
      await db.query(`
        SELECT count(*)::int AS total, count(seq)::int AS sealed, count(DISTINCT seq)::int AS distinct_seqs,
               coalesce(min(seq), 0)::int AS min_seq, coalesce(max(seq), 0)::int AS max_seq,
               count(DISTINCT id)::int AS distinct_ids
        FROM audit_events`)
    )[0];

  const sealAll = async (sealer: AuditSealer): Promise<number> => {
    let sealed = 0;
    for (;;) {
      const report = await sealer.sealPending();
      if (report.busy) {
        await sleep(5);
        continue;
      }
      sealed += report.sealed;
      if (report.sealed === 0) return sealed;
    }
  };

  beforeAll(async () => {
    ctx = await TestContext.create();
    db = await ctx.dataSource();
    first = await ctx.startApp({ env: { DATABASE_POOL_SIZE: '24' } });
    second = await ctx.startApp({ env: { DATABASE_POOL_SIZE: '4' } });
  });
  afterAll(() => ctx.close());

  it('seals a row whose transaction started first but committed after later rows were sealed', async () => {
    const audit = first.context.get(AuditService);
    const sealer = first.context.get(AuditSealer);
    await sealAll(sealer);

    const runner = first.context.get(DataSource).createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await audit.record(runner.manager, event('early-but-slow'));
      await sleep(5);
      await audit.recordAlone(event('later-but-quick'));
      // The sealer only sees committed rows: the open transaction's row is not there yet.
      expect((await sealer.sealPending()).sealed).toBe(1);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    expect((await sealer.sealPending()).sealed).toBe(1);

    const rows: Array<{ request_id: string; seq: string; occurred_at: Date }> = await db.query(
      `SELECT request_id, seq, occurred_at FROM audit_events WHERE request_id IN ('early-but-slow', 'later-but-quick') ORDER BY seq`,
    );
    expect(rows.map((r) => r.request_id)).toEqual(['later-but-quick', 'early-but-slow']);
    const [sealedFirst, sealedSecond] = rows;
    expect(sealedSecond?.occurred_at.getTime()).toBeLessThan(sealedFirst?.occurred_at.getTime() ?? 0);
    expect((await first.context.get(AuditVerifier).verifyFull()).ok).toBe(true);
  });

  it('never seals a rolled-back event', async () => {
    const audit = first.context.get(AuditService);
    await expect(
      first.context.get(DataSource).transaction(async (tx) => {
        await audit.record(tx, event('rolled-back'));
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await sealAll(first.context.get(AuditSealer));
    expect(await db.query(`SELECT count(*)::int AS n FROM audit_events WHERE request_id = 'rolled-back'`)).toEqual([{ n: 0 }]);
  });

  it('turns a second sealer away while one holds the lock', async () => {
    await first.context.get(AuditService).recordAlone(event('while-locked'));
    await db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('audit.seal', 0))`);
      expect(await second.context.get(AuditSealer).sealBatch()).toEqual({ sealed: 0, busy: true, head: null });
    });
    expect((await second.context.get(AuditSealer).sealPending()).sealed).toBe(1);
  });

  it('chains 1,000 concurrent writes committing out of order, sealed while they run, into one unbroken chain', async () => {
    const audit = first.context.get(AuditService);
    const writerDb = first.context.get(DataSource);
    const before = await chainStats();
    const started = Date.now();

    // Two sealers (two "processes") loop while the writes run; every report is kept.
    const reports: SealReport[] = [];
    let writing = true;
    const sealLoop = async (sealer: AuditSealer) => {
      while (writing) {
        reports.push(await sealer.sealPending());
        await sleep(2);
      }
    };
    const sealers = [sealLoop(first.context.get(AuditSealer)), sealLoop(second.context.get(AuditSealer))];

    // Each write holds its transaction open for a random while after inserting, so commits
    // land out of occurred_at (and id) order; one in four goes through recordAlone as is.
    const writes = Array.from({ length: 1000 }, (_, i) =>
      i % 4 === 0
        ? audit.recordAlone(event(`w-${i}`))
        : writerDb.transaction(async (tx) => {
            await audit.record(tx, event(`w-${i}`));
            await tx.query(`SELECT pg_sleep($1)`, [Math.random() * 0.03]);
          }),
    );
    await Promise.all(writes);
    const writesMs = Date.now() - started;
    writing = false;
    await Promise.all(sealers);
    const finalSealed = await sealAll(first.context.get(AuditSealer));
    const sealedMs = Date.now() - started;

    const after = await chainStats();
    // Every row is sealed exactly once, seqs run 1..N without a gap or a repeat.
    expect(after.total).toBe(before.total + 1000);
    expect(after).toEqual({
      total: after.total,
      sealed: after.total,
      distinct_seqs: after.total,
      min_seq: 1,
      max_seq: after.total,
      distinct_ids: after.total,
    });
    // No committed write was skipped...
    const written: Array<{ n: number }> = await db.query(`SELECT count(*)::int AS n FROM audit_events WHERE request_id LIKE 'w-%' AND seq IS NOT NULL`);
    expect(written).toEqual([{ n: 1000 }]);
    // ...and the sealers together sealed exactly the rows there were: none twice.
    const sealedByReports = reports.reduce((sum, report) => sum + report.sealed, 0) + finalSealed;
    expect(sealedByReports).toBe(after.total - before.sealed);
    expect(reports.some((report) => report.sealed > 0)).toBe(true);

    // Each row points at the previous row's hash, and the whole chain recomputes.
    const brokenLinks = await db.query(`SELECT count(*)::int AS n FROM audit_events a JOIN audit_events b ON b.seq = a.seq + 1 WHERE b.prev_hash <> a.hash`);
    expect(brokenLinks).toEqual([{ n: 0 }]);
    const verification = await first.context.get(AuditVerifier).verifyFull();
    expect(verification).toMatchObject({ ok: true, broken: null, checked: after.total, verifiedThroughSeq: after.total, complete: true });
    expect(verification.unsealed.count).toBe(0);

    // The race really happened: some row was sealed after a row that occurred later than it.
    const [{ late }] = await db.query(`
      SELECT count(*)::int AS late FROM (
        SELECT occurred_at < max(occurred_at) OVER (ORDER BY seq ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS late
        FROM audit_events WHERE request_id LIKE 'w-%') t
      WHERE late`);
    expect(late).toBeGreaterThan(0);
    process.stdout.write(
      `audit sealing: 1000 writes in ${writesMs} ms, all sealed by ${sealedMs} ms, ${reports.length} seal passes, ${late} rows sealed after later-occurring ones\n`,
    );
  });

  it('is declared as a scheduler tick that seals', async () => {
    const ticks = first.context.get(TickScheduler);
    expect(ticks.declared()).toContain(AUDIT_SEAL_TICK);
    await first.context.get(AuditService).recordAlone(event('by-tick'));
    await ticks.fire(AUDIT_SEAL_TICK);
    expect(await db.query(`SELECT count(*)::int AS n FROM audit_events WHERE request_id = 'by-tick' AND seq IS NOT NULL`)).toEqual([{ n: 1 }]);
  });

  it('seals within a few seconds in a scheduler process', async () => {
    const scheduler = await ctx.startApp({ roles: 'scheduler', env: { AUDIT_SEAL_INTERVAL_MS: '200' } });
    try {
      const committedAt = Date.now();
      await first.context.get(AuditService).recordAlone(event('scheduled'));
      await waitFor(
        'the scheduler to seal the event',
        async () => (await db.query(`SELECT seq FROM audit_events WHERE request_id = 'scheduled' AND seq IS NOT NULL`)).length === 1,
        3_000,
      );
      expect(Date.now() - committedAt).toBeLessThan(3_000);
    } finally {
      await scheduler.close();
    }
  });
});

import { DataSource, type EntityManager } from 'typeorm';
import { systemActor } from '@common/access/principal';
import { sealedHash } from '@modules/audit/audit-canonical';
import { AuditSealer } from '@modules/audit/audit-sealer';
import { AuditVerifier, describeVerification } from '@modules/audit/audit-verifier';
import { AuditService } from '@modules/audit/audit.service';
import { TestContext, type TestApp } from '@test/support/test-context';

type Row = Record<string, unknown> & { id: string; seq: string; hash: string; prev_hash: string };

/**
 * Tampering as a superuser who switches the triggers off (session_replication_role = replica
 * skips them for this transaction only). Each test tampers, checks the verifier names exactly
 * the right row, then puts the row back and checks the chain verifies again.
 */
describe('audit chain verification', () => {
  let ctx: TestContext;
  let db: DataSource;
  let app: TestApp;
  let verifier: AuditVerifier;
  let total: number;

  const withoutTriggers = <T>(work: (tx: EntityManager) => Promise<T>): Promise<T> =>
    db.transaction(async (tx) => {
      await tx.query(`SET LOCAL session_replication_role = replica`);
      return work(tx);
    });

  const rowAt = async (seq: number): Promise<Row> => (await db.query(`SELECT * FROM audit_events WHERE seq = $1`, [seq]))[0];

  /** Puts rows back exactly as they were read. */
  const restore = (...rows: Row[]) =>
    withoutTriggers(async (tx) => {
      await tx.query(`DELETE FROM audit_events WHERE id = ANY($1::uuid[])`, [rows.map((row) => row.id)]);
      for (const row of rows) {
        const columns = Object.keys(row);
        await tx.query(
          `INSERT INTO audit_events (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
          columns.map((column) => (column === 'details' ? JSON.stringify(row[column]) : row[column])),
        );
      }
    });

  /** What `audit:verify` prints first, and whether it exits 0. */
  const cliReport = async () => {
    const result = await verifier.verifyFull();
    return { line: describeVerification(result)[0], exitCode: result.ok ? 0 : 1 };
  };

  /** Rewrites a row and gives it the hash its new content implies, as a careful forger would. */
  const rewriteWithFreshHash = (row: Row, action: string) =>
    withoutTriggers(async (tx) => {
      const hash = sealedHash(row.prev_hash, {
        seq: row.seq,
        id: row.id,
        occurredAt: row.occurred_at as Date,
        actorType: row.actor_type as string,
        actorId: row.actor_id as string | null,
        actorCredentialId: row.actor_credential_id as string | null,
        action,
        resourceType: row.resource_type as string,
        resourceId: row.resource_id as string | null,
        caseId: row.case_id as string | null,
        outcome: row.outcome as string,
        requestId: row.request_id as string | null,
        details: row.details,
        sealedAt: row.sealed_at as Date,
      });
      await tx.query(`UPDATE audit_events SET action = $2, hash = $3 WHERE id = $1`, [row.id, action, hash]);
    });

  const record = (n: number) =>
    Promise.all(
      Array.from({ length: n }, (_, i) =>
        app.context.get(AuditService).recordAlone({
          actor: systemActor('verify-test'),
          action: 'probe.write',
          resourceType: 'probe',
          resourceId: `r-${i}`,
          details: { index: i, tags: ['b', 'a'], partial: i % 2 === 0 },
        }),
      ),
    );

  const seal = async () => {
    for (;;) if ((await app.context.get(AuditSealer).sealPending()).sealed === 0) return;
  };

  beforeAll(async () => {
    ctx = await TestContext.create();
    db = await ctx.dataSource();
    app = await ctx.startApp();
    verifier = app.context.get(AuditVerifier);
    await record(40);
    await seal();
    total = (await db.query(`SELECT max(seq)::int AS n FROM audit_events`))[0].n;
  });
  afterAll(() => ctx.close());

  afterEach(async () => {
    // Every test leaves the chain as it found it.
    expect((await verifier.verifyFull()).ok).toBe(true);
  });

  it('passes an untouched chain and says so the way audit:verify prints it', async () => {
    const result = await verifier.verifyFull();
    expect(result).toMatchObject({ mode: 'full', ok: true, checked: total, verifiedThroughSeq: total, complete: true, broken: null });
    const head = (await db.query(`SELECT last_hash FROM audit_chain_head`))[0].last_hash;
    expect(await cliReport()).toEqual({ line: `ok: ${total} sealed events, chain head ${head}, 0 unsealed`, exitCode: 0 });
  });

  it('names exactly the row whose content was altered', async () => {
    const original = await rowAt(7);
    await withoutTriggers((tx) => tx.query(`UPDATE audit_events SET action = 'case.export' WHERE seq = 7`));
    const result = await verifier.verifyFull();
    expect(result).toMatchObject({ ok: false, broken: { seq: 7, eventId: original.id, reason: 'hash-mismatch' }, verifiedThroughSeq: 6 });
    expect(await cliReport()).toEqual({
      line: `broken at seq 7 (event id ${original.id}): the row does not hash to its stored hash (the row was altered)`,
      exitCode: 1,
    });
    await restore(original);
  });

  it('notices a change inside details, not only in columns', async () => {
    const original = await rowAt(3);
    await withoutTriggers((tx) => tx.query(`UPDATE audit_events SET details = jsonb_set(details, '{tags}', '["a","b"]') WHERE seq = 3`));
    expect((await verifier.verifyFull()).broken).toEqual({ seq: 3, eventId: original.id, reason: 'hash-mismatch' });
    await restore(original);
  });

  it('names exactly the seq of a deleted row', async () => {
    const original = await rowAt(12);
    await withoutTriggers((tx) => tx.query(`DELETE FROM audit_events WHERE seq = 12`));
    expect((await verifier.verifyFull()).broken).toEqual({ seq: 12, eventId: null, reason: 'missing' });
    const report = await cliReport();
    expect(report.exitCode).toBe(1);
    expect(report.line).toMatch(/^broken at seq 12 \(event id none: row missing\): no row has this seq/);
    await restore(original);
  });

  it('notices the last row deleted (the tail cut off), thanks to the recorded head', async () => {
    const original = await rowAt(total);
    await withoutTriggers((tx) => tx.query(`DELETE FROM audit_events WHERE seq = $1`, [total]));
    expect((await verifier.verifyFull()).broken).toEqual({ seq: total, eventId: null, reason: 'missing' });
    await restore(original);
  });

  it('names the next row when a row was rewritten with a fresh hash', async () => {
    const original = await rowAt(20);
    const next = await rowAt(21);
    await rewriteWithFreshHash(original, 'case.export');
    expect((await verifier.verifyFull()).broken).toEqual({ seq: 21, eventId: next.id, reason: 'prev-hash-mismatch' });
    await restore(original);
  });

  it('names a row whose prev_hash was changed', async () => {
    const original = await rowAt(9);
    await withoutTriggers((tx) => tx.query(`UPDATE audit_events SET prev_hash = $1 WHERE seq = 9`, ['f'.repeat(64)]));
    expect((await verifier.verifyFull()).broken).toEqual({ seq: 9, eventId: original.id, reason: 'prev-hash-mismatch' });
    await restore(original);
  });

  it('notices the last row rewritten with a fresh hash, against the recorded head', async () => {
    const original = await rowAt(total);
    await rewriteWithFreshHash(original, 'case.export');
    expect((await verifier.verifyFull()).broken).toEqual({ seq: total, eventId: null, reason: 'head-mismatch' });
    await restore(original);
  });

  it('notices two rows that swapped places', async () => {
    const [a, b] = [await rowAt(15), await rowAt(16)];
    await withoutTriggers(async (tx) => {
      await tx.query(`UPDATE audit_events SET seq = -1 WHERE seq = 15`);
      await tx.query(`UPDATE audit_events SET seq = 15 WHERE seq = 16`);
      await tx.query(`UPDATE audit_events SET seq = 16 WHERE seq = -1`);
    });
    expect((await verifier.verifyFull()).broken).toEqual({ seq: 15, eventId: b.id, reason: 'prev-hash-mismatch' });
    await restore(a, b);
  });

  it('reports the unsealed tail', async () => {
    await record(3);
    const result = await verifier.verifyFull();
    expect(result.ok).toBe(true);
    expect(result.unsealed.count).toBe(3);
    expect(result.unsealed.oldestOccurredAt).toBeInstanceOf(Date);
    expect((await cliReport()).line).toMatch(/, 3 unsealed \(oldest occurred at \d{4}-\d\d-\d\dT[\d:.]+Z\)$/);
    await seal();
    total += 3;
  });

  describe('incrementally, from the checkpoint', () => {
    it('checks only what was sealed since the last run, bounded per call', async () => {
      const partial = await verifier.verifyIncremental(10);
      expect(partial).toMatchObject({ mode: 'incremental', ok: true, checked: 10, verifiedThroughSeq: 10, complete: false });
      const rest = await verifier.verifyIncremental();
      expect(rest).toMatchObject({ ok: true, checked: total - 10 + 1, verifiedThroughSeq: total, complete: true });
      expect((await db.query(`SELECT verified_seq::int AS n FROM audit_chain_head`))[0].n).toBe(total);

      await record(5);
      await seal();
      total += 5;
      // The five new rows, plus the checkpoint row re-checked.
      expect(await verifier.verifyIncremental()).toMatchObject({ ok: true, checked: 6, verifiedThroughSeq: total, complete: true });
    });

    it('stops at a tampered row above the checkpoint and keeps reporting it', async () => {
      await record(4);
      await seal();
      const original = await rowAt(total + 2);
      total += 4;
      await withoutTriggers((tx) => tx.query(`UPDATE audit_events SET outcome = 'DENIED' WHERE id = $1`, [original.id]));
      for (let run = 0; run < 2; run += 1) {
        expect(await verifier.verifyIncremental()).toMatchObject({
          ok: false,
          complete: false,
          broken: { seq: Number(original.seq), eventId: original.id, reason: 'hash-mismatch' },
        });
      }
      await restore(original);
      expect(await verifier.verifyIncremental()).toMatchObject({ ok: true, verifiedThroughSeq: total });
    });

    it('re-checks the checkpoint row itself', async () => {
      const original = await rowAt(total);
      await withoutTriggers((tx) => tx.query(`UPDATE audit_events SET action = 'case.export' WHERE id = $1`, [original.id]));
      expect((await verifier.verifyIncremental()).broken).toEqual({ seq: total, eventId: original.id, reason: 'checkpoint-mismatch' });
      await restore(original);
    });

    it('does not re-read rows verified earlier: that is what the full walk is for', async () => {
      const original = await rowAt(2);
      await withoutTriggers((tx) => tx.query(`UPDATE audit_events SET action = 'case.export' WHERE id = $1`, [original.id]));
      expect((await verifier.verifyIncremental()).ok).toBe(true);
      expect((await verifier.verifyFull()).broken).toEqual({ seq: 2, eventId: original.id, reason: 'hash-mismatch' });
      await restore(original);
    });
  });
});

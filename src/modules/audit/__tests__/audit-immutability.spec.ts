import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { systemActor } from '@common/access/principal';
import { AuditSealer } from '@modules/audit/audit-sealer';
import { AuditService } from '@modules/audit/audit.service';
import { TestContext, type TestApp } from '@test/support/test-context';

/**
 * The database itself refuses to rewrite the audit log, whoever asks (the test connects as a
 * superuser with triggers enabled). Only disabling triggers gets past it; see audit-verify.spec.
 */
describe('audit log immutability (database triggers)', () => {
  let ctx: TestContext;
  let db: DataSource;
  let app: TestApp;

  const HASH = 'a'.repeat(64);

  const insertUnsealed = async (): Promise<string> => {
    const id = randomUUID();
    await db.query(
      `INSERT INTO audit_events (id, occurred_at, actor_type, action, resource_type, outcome) VALUES ($1, now(), 'system', 'probe.write', 'probe', 'SUCCESS')`,
      [id],
    );
    return id;
  };

  const sealedRow = async (): Promise<{ id: string; seq: string }> => {
    await app.context.get(AuditService).recordAlone({ actor: systemActor('test'), action: 'probe.write', resourceType: 'probe' });
    await app.context.get(AuditSealer).sealPending();
    return (await db.query(`SELECT id, seq FROM audit_events WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1`))[0];
  };

  beforeAll(async () => {
    ctx = await TestContext.create();
    db = await ctx.dataSource();
    app = await ctx.startApp();
  });
  afterAll(() => ctx.close());

  it('accepts unsealed inserts and refuses one that arrives sealed', async () => {
    await insertUnsealed();
    await expect(
      db.query(
        `INSERT INTO audit_events (id, occurred_at, actor_type, action, resource_type, outcome, seq, prev_hash, hash, sealed_at)
         VALUES ($1, now(), 'system', 'probe.write', 'probe', 'SUCCESS', 999999, $2, $2, now())`,
        [randomUUID(), HASH],
      ),
    ).rejects.toThrow(/inserted unsealed/);
    await expect(
      db.query(
        `INSERT INTO audit_events (id, occurred_at, actor_type, action, resource_type, outcome, hash) VALUES ($1, now(), 'system', 'probe.write', 'probe', 'SUCCESS', $2)`,
        [randomUUID(), HASH],
      ),
    ).rejects.toThrow(/inserted unsealed/);
  });

  it('refuses any change to an unsealed row other than sealing it', async () => {
    const id = await insertUnsealed();
    await expect(db.query(`UPDATE audit_events SET action = 'probe.other' WHERE id = $1`, [id])).rejects.toThrow(/only UPDATE seals/);
    await expect(
      db.query(`UPDATE audit_events SET seq = 999998, prev_hash = $2, hash = $2, sealed_at = now(), outcome = 'DENIED' WHERE id = $1`, [id, HASH]),
    ).rejects.toThrow(/nothing but the seal/);
    await expect(
      db.query(`UPDATE audit_events SET seq = 999998, prev_hash = $2, hash = $2, sealed_at = now(), details = '{"x":1}' WHERE id = $1`, [id, HASH]),
    ).rejects.toThrow(/nothing but the seal/);
  });

  it('refuses a partial or malformed seal', async () => {
    const id = await insertUnsealed();
    await expect(db.query(`UPDATE audit_events SET seq = 999997, hash = $2 WHERE id = $1`, [id, HASH])).rejects.toThrow(/only UPDATE seals/);
    await expect(
      db.query(`UPDATE audit_events SET seq = 999997, prev_hash = $2, hash = 'not-a-hash', sealed_at = now() WHERE id = $1`, [id, HASH]),
    ).rejects.toThrow(/only UPDATE seals/);
    await expect(db.query(`UPDATE audit_events SET seq = 0, prev_hash = $2, hash = $2, sealed_at = now() WHERE id = $1`, [id, HASH])).rejects.toThrow(
      /only UPDATE seals/,
    );
  });

  it('lets an unsealed row be sealed once, and never again', async () => {
    const id = await insertUnsealed();
    await db.query(`UPDATE audit_events SET seq = 999990, prev_hash = $2, hash = $2, sealed_at = now() WHERE id = $1`, [id, HASH]);
    await expect(
      db.query(`UPDATE audit_events SET seq = 999991, prev_hash = $2, hash = $2, sealed_at = now() WHERE id = $1`, [id, 'b'.repeat(64)]),
    ).rejects.toThrow(/never changes/);
  });

  it('refuses every update of a sealed row, even one that changes nothing', async () => {
    const { id } = await sealedRow();
    for (const assignment of [
      `action = 'probe.other'`,
      `hash = '${'c'.repeat(64)}'`,
      `seq = NULL, prev_hash = NULL, hash = NULL, sealed_at = NULL`,
      `action = action`,
    ]) {
      await expect(db.query(`UPDATE audit_events SET ${assignment} WHERE id = $1`, [id])).rejects.toThrow(/never changes/);
    }
  });

  it('refuses DELETE of sealed and unsealed rows, and TRUNCATE', async () => {
    const { id } = await sealedRow();
    const unsealed = await insertUnsealed();
    await expect(db.query(`DELETE FROM audit_events WHERE id = $1`, [id])).rejects.toThrow(/DELETE is not allowed/);
    await expect(db.query(`DELETE FROM audit_events WHERE id = $1`, [unsealed])).rejects.toThrow(/DELETE is not allowed/);
    await expect(db.query(`TRUNCATE audit_events`)).rejects.toThrow(/TRUNCATE is not allowed/);
    await expect(db.query(`TRUNCATE audit_events CASCADE`)).rejects.toThrow(/TRUNCATE is not allowed/);
    expect((await db.query(`SELECT count(*)::int AS n FROM audit_events WHERE id = ANY($1::uuid[])`, [[id, unsealed]]))[0].n).toBe(2);
  });

  it('keeps the chain head to one row that only moves forward', async () => {
    await sealedRow();
    const [head] = await db.query(`SELECT last_seq, last_hash FROM audit_chain_head`);
    await expect(db.query(`DELETE FROM audit_chain_head`)).rejects.toThrow(/DELETE is not allowed/);
    await expect(db.query(`TRUNCATE audit_chain_head`)).rejects.toThrow(/TRUNCATE is not allowed/);
    await expect(
      db.query(`INSERT INTO audit_chain_head (id, last_seq, last_hash, verified_seq, verified_hash) VALUES (2, 0, $1, 0, $1)`, [HASH]),
    ).rejects.toThrow(/INSERT is not allowed/);
    await expect(db.query(`UPDATE audit_chain_head SET last_seq = last_seq - 1`)).rejects.toThrow(/only moves forward/);
    await expect(db.query(`UPDATE audit_chain_head SET last_hash = $1`, [HASH])).rejects.toThrow(/only moves forward/);
    await expect(db.query(`UPDATE audit_chain_head SET verified_seq = verified_seq - 1`)).rejects.toThrow(/only moves forward/);
    expect((await db.query(`SELECT last_seq, last_hash FROM audit_chain_head`))[0]).toEqual(head);
  });

  it('leaves nothing changed after all those refusals', async () => {
    const rows: Array<{ bad: number }> = await db.query(
      `SELECT count(*)::int AS bad FROM audit_events WHERE (seq IS NULL) <> (hash IS NULL) OR action <> 'probe.write' OR outcome <> 'SUCCESS'`,
    );
    expect(rows).toEqual([{ bad: 0 }]);
  });
});

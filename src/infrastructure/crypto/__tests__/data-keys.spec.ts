import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  DataKeyExistsException,
  DataKeyShreddedException,
  DataKeyUnreadableException,
  MasterKeyUnavailableException,
  ProtectedFieldUnreadableException,
} from '@infra/crypto/crypto.exceptions';
import { DataKey, type DataKeyOwner } from '@infra/crypto/data-key';
import { DataKeyRotation } from '@infra/crypto/data-key-rotation';
import { DataKeyService } from '@infra/crypto/data-key.service';
import { FieldCipher } from '@infra/crypto/field-cipher';
import { ProtectedFieldsService } from '@infra/crypto/protected-fields.service';
import { TestContext, type TestApp } from '@test/support/test-context';

interface MasterKeyConfig {
  id: string;
  key: string;
}

const masterKey = (id: string): MasterKeyConfig => ({ id, key: randomBytes(32).toString('base64') });
const TABLE = 'scratch_people';

describe('data keys: envelope encryption on PostgreSQL', () => {
  let ctx: TestContext;
  let db: DataSource;
  const k1 = masterKey('k1');
  const k2 = masterKey('k2');

  const keyEnv = (current: MasterKeyConfig, previous: MasterKeyConfig[] = []) => ({
    CORRIDOR_MASTER_KEY: current.key,
    CORRIDOR_MASTER_KEY_ID: current.id,
    CORRIDOR_PREVIOUS_MASTER_KEYS: previous.map((k) => `${k.id}:${k.key}`).join(','),
  });
  const startWith = (current: MasterKeyConfig, previous: MasterKeyConfig[] = []) => ctx.startApp({ env: keyEnv(current, previous) });
  const caseOwner = (): DataKeyOwner => ({ type: 'case', id: randomUUID() });

  /** A case with one person row whose name and narrative are protected, as a case module would write it. */
  async function seedCase(app: TestApp, name: string, narrative: unknown): Promise<{ owner: DataKeyOwner; rowId: string }> {
    const owner = caseOwner();
    const rowId = randomUUID();
    await db.transaction(async (tx) => {
      await app.context.get(DataKeyService).create(tx, owner);
      const sealed = await app.context.get(ProtectedFieldsService).encryptFields(tx, owner, TABLE, rowId, {
        full_name: name,
        narrative: narrative as Record<string, string>,
      });
      await tx.query(`INSERT INTO ${TABLE} (id, case_id, full_name, narrative) VALUES ($1, $2, $3, $4)`, [rowId, owner.id, sealed.full_name, sealed.narrative]);
    });
    return { owner, rowId };
  }

  async function readCase(app: TestApp, owner: DataKeyOwner, rowId: string) {
    const [row] = await db.query(`SELECT full_name, narrative FROM ${TABLE} WHERE id = $1`, [rowId]);
    return db.transaction((tx) => app.context.get(ProtectedFieldsService).decryptFields(tx, owner, TABLE, rowId, row));
  }

  /** Every byte of the scratch table plus each row's version (xmin) and position (ctid): an UPDATE changes both. */
  const snapshot = (): Promise<unknown[]> =>
    db.query(
      `SELECT id, case_id, encode(full_name, 'hex') AS full_name, encode(narrative, 'hex') AS narrative, xmin::text AS xmin, ctid::text AS ctid FROM ${TABLE} ORDER BY id`,
    );

  const dataKeyRows = (): Promise<Array<{ owner_id: string; kek_id: string; key_version: number; rotated_at: Date | null }>> =>
    db.query(`SELECT owner_id, kek_id, key_version, rotated_at FROM data_keys ORDER BY owner_id`);

  beforeAll(async () => {
    ctx = await TestContext.create();
    db = await ctx.dataSource();
    await db.query(`CREATE TABLE ${TABLE} (id uuid PRIMARY KEY, case_id uuid NOT NULL, full_name bytea, narrative bytea)`);
  });
  afterAll(() => ctx.close());

  beforeEach(async () => {
    await db.query(`DELETE FROM ${TABLE}`);
    await db.query(`DELETE FROM data_keys`);
  });

  it('creates one wrapped data key per owner and unwraps it in the caller’s transaction', async () => {
    const app = await startWith(k1);
    const dataKeys = app.context.get(DataKeyService);
    const cipher = app.context.get(FieldCipher);
    const owner = caseOwner();
    const aad = { table: TABLE, field: 'full_name', rowId: owner.id, ownerId: owner.id, keyVersion: 1 };

    const created = await db.transaction((tx) => dataKeys.create(tx, owner));
    const envelope = cipher.encrypt(created, aad, 'Rashad');
    const unwrapped = await db.transaction((tx) => dataKeys.unwrap(tx, owner));
    expect(unwrapped.version).toBe(1);
    expect(cipher.decrypt(unwrapped, aad, envelope)).toBe('Rashad');

    const [row] = await db.query(`SELECT owner_type, kek_id, key_version, wrapped_key, created_at, rotated_at FROM data_keys WHERE owner_id = $1`, [owner.id]);
    expect(row).toMatchObject({ owner_type: 'case', kek_id: 'k1', key_version: 1, rotated_at: null });
    expect(row.created_at).toBeInstanceOf(Date);
    // The DEK is stored only wrapped: version | IV | tag | 32 encrypted bytes.
    expect(row.wrapped_key).toHaveLength(61);
    expect(row.wrapped_key.includes(created.key.export())).toBe(false);

    // A second key for the same owner is refused without breaking the caller's transaction.
    await db.transaction(async (tx) => {
      await expect(dataKeys.create(tx, owner)).rejects.toBeInstanceOf(DataKeyExistsException);
      await expect(tx.query('SELECT 1 AS ok')).resolves.toEqual([{ ok: 1 }]);
    });
    // A key created in a rolled-back transaction never existed.
    const rolledBack = caseOwner();
    await expect(
      db.transaction(async (tx) => {
        await dataKeys.create(tx, rolledBack);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await expect(db.transaction((tx) => dataKeys.unwrap(tx, rolledBack))).rejects.toBeInstanceOf(DataKeyShreddedException);
  });

  it('binds a wrapped key to its owner and its master key', async () => {
    const app = await startWith(k1);
    const a = await seedCase(app, 'Anar', { story: 'a' });
    const b = await seedCase(app, 'Bahruz', { story: 'b' });
    // A wrapped key copied onto another owner's row does not unwrap.
    await db.query(`UPDATE data_keys SET wrapped_key = (SELECT wrapped_key FROM data_keys WHERE owner_id = $1) WHERE owner_id = $2`, [a.owner.id, b.owner.id]);
    await expect(readCase(app, b.owner, b.rowId)).rejects.toBeInstanceOf(DataKeyUnreadableException);
    // Other material under the same id (an operator mistake) is detected, not silently misread.
    const impostor = await startWith(masterKey('k1'));
    await expect(readCase(impostor, a.owner, a.rowId)).rejects.toBeInstanceOf(DataKeyUnreadableException);
    expect(await readCase(app, a.owner, a.rowId)).toEqual({ full_name: 'Anar', narrative: { story: 'a' } });
  });

  it('fails to decrypt ciphertext moved to another case or another field (AAD)', async () => {
    const app = await startWith(k1);
    const a = await seedCase(app, 'Anar Mammadov', { story: 'detained in Baku' });
    const b = await seedCase(app, 'Bahruz Aliyev', { story: 'left via Tbilisi' });
    const readFails = async (owner: DataKeyOwner, rowId: string) => {
      const error: unknown = await readCase(app, owner, rowId).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ProtectedFieldUnreadableException);
      expect((error as ProtectedFieldUnreadableException).code).toBe('protected-field-unreadable');
      expect(JSON.stringify(error) + String(error)).not.toMatch(/Anar|Bahruz|Baku|Tbilisi/);
    };

    // Case A's name into case B's row.
    await db.query(`UPDATE ${TABLE} SET full_name = (SELECT full_name FROM ${TABLE} WHERE id = $1) WHERE id = $2`, [a.rowId, b.rowId]);
    await readFails(b.owner, b.rowId);
    // Case A's narrative into its own name field.
    await db.query(`UPDATE ${TABLE} SET full_name = narrative WHERE id = $1`, [a.rowId]);
    await readFails(a.owner, a.rowId);
  });

  it('rotates the master key by re-wrapping data keys only: every record still reads and no data row is rewritten', async () => {
    const before = await startWith(k1);
    const people = await Promise.all(Array.from({ length: 25 }, (_, i) => seedCase(before, `Person ${i}`, { index: i, aliases: [`alias-${i}`] })));
    const dataBefore = await snapshot();

    // Step 1: every process gets k2 as current and k1 as previous. Old data keys keep working...
    const during = await startWith(k2, [k1]);
    for (const [i, p] of people.entries())
      expect(await readCase(during, p.owner, p.rowId)).toEqual({ full_name: `Person ${i}`, narrative: { index: i, aliases: [`alias-${i}`] } });
    // ...and new ones are wrapped under k2 at once.
    const late = await seedCase(during, 'Late arrival', { index: -1 });

    // An interrupted rotation (one batch), then a process that already dropped k1: it can read
    // what moved, and is told precisely what it lacks for the rest.
    expect(await db.transaction((tx) => during.context.get(DataKeyService).rewrapBatch(tx, 5))).toBe(5);
    const after = await startWith(k2);
    const byKek = new Map((await dataKeyRows()).map((row) => [row.owner_id, row.kek_id]));
    const moved = people.find((p) => byKek.get(p.owner.id) === 'k2')!;
    const unmoved = people.find((p) => byKek.get(p.owner.id) === 'k1')!;
    expect(await readCase(after, moved.owner, moved.rowId)).toMatchObject({ full_name: expect.stringMatching(/^Person/) });
    await expect(readCase(after, unmoved.owner, unmoved.rowId)).rejects.toEqual(new MasterKeyUnavailableException(['k1']));

    // Step 2: the rotation (what `keys:rotate` runs) resumes and finishes.
    const progress: number[] = [];
    const report = await during.context.get(DataKeyRotation).rotate({ batchSize: 7, onProgress: ({ remaining }) => progress.push(remaining) });
    expect(report).toMatchObject({ currentKekId: 'k2', rewrapped: 20, complete: true, removableKekIds: ['k1'] });
    expect(progress).toEqual([13, 6, 0]);
    // Idempotent: a second run finds nothing to do.
    expect((await during.context.get(DataKeyRotation).rotate({ batchSize: 7 })).rewrapped).toBe(0);

    const keys = await dataKeyRows();
    expect(keys.every((row) => row.kek_id === 'k2' && row.key_version === 1)).toBe(true);
    expect(keys.filter((row) => row.rotated_at !== null)).toHaveLength(25);
    expect(keys.find((row) => row.owner_id === late.owner.id)?.rotated_at).toBeNull();

    // Not one data row was touched: same bytes, same tuple versions, same places.
    const dataAfter = await snapshot();
    expect(dataAfter.filter((row) => (row as { case_id: string }).case_id !== late.owner.id)).toEqual(dataBefore);

    // Step 3: k1 removed from the configuration; everything still reads.
    for (const [i, p] of people.entries())
      expect(await readCase(after, p.owner, p.rowId)).toEqual({ full_name: `Person ${i}`, narrative: { index: i, aliases: [`alias-${i}`] } });
    expect(await readCase(after, late.owner, late.rowId)).toEqual({ full_name: 'Late arrival', narrative: { index: -1 } });
  });

  it('refuses to start a rotation that would stop on a master key nobody configured', async () => {
    const old = await startWith(k1);
    await seedCase(old, 'Someone', {});
    const without = await startWith(k2);
    await expect(without.context.get(DataKeyRotation).rotate()).rejects.toEqual(new MasterKeyUnavailableException(['k1']));
    expect((await dataKeyRows())[0]?.kek_id).toBe('k1');
  });

  it('crypto-shreds: after erasure the protected fields cannot be recovered, even with every master key', async () => {
    const app = await startWith(k2, [k1]);
    const survivor = await seedCase(app, 'Survivor', { story: 'kept' });
    const erased = await seedCase(app, 'Erased Person', { story: 'must vanish' });
    const [sealed] = await db.query(`SELECT full_name, narrative FROM ${TABLE} WHERE id = $1`, [erased.rowId]);
    const dataKeys = app.context.get(DataKeyService);

    // A rolled-back erasure erases nothing.
    await expect(
      db.transaction(async (tx) => {
        expect(await dataKeys.shred(tx, erased.owner)).toBe(true);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await readCase(app, erased.owner, erased.rowId)).toMatchObject({ full_name: 'Erased Person' });

    expect(await db.transaction((tx) => dataKeys.shred(tx, erased.owner))).toBe(true);
    expect(await db.transaction((tx) => dataKeys.shred(tx, erased.owner))).toBe(false);

    // The key row is gone; the ciphertext is still there, and nothing opens it.
    expect(await db.query(`SELECT count(*)::int AS n FROM data_keys WHERE owner_id = $1`, [erased.owner.id])).toEqual([{ n: 0 }]);
    await expect(db.transaction((tx) => dataKeys.unwrap(tx, erased.owner))).rejects.toMatchObject({ code: 'data-key-shredded' });
    await expect(readCase(app, erased.owner, erased.rowId)).rejects.toBeInstanceOf(DataKeyShreddedException);

    const cipher = app.context.get(FieldCipher);
    const aad = { table: TABLE, field: 'full_name', rowId: erased.rowId, ownerId: erased.owner.id, keyVersion: 1 };
    const remaining: Array<{ owner_type: 'case'; owner_id: string }> = await db.query(`SELECT owner_type, owner_id FROM data_keys`);
    const candidates: DataKey[] = [
      // Every configured master key, used directly...
      ...[k1, k2].map((k) => DataKey.fromBytes(erased.owner, 1, Buffer.from(k.key, 'base64'))),
      // ...and every data key they still unwrap.
      ...(await Promise.all(remaining.map((row) => db.transaction((tx) => dataKeys.unwrap(tx, { type: row.owner_type, id: row.owner_id }))))),
    ];
    expect(candidates.length).toBe(3);
    for (const dek of candidates) {
      const asErased = new DataKey(erased.owner, 1, dek.key);
      expect(() => cipher.decrypt(asErased, aad, sealed.full_name)).toThrow(ProtectedFieldUnreadableException);
      expect(() => cipher.decrypt(asErased, { ...aad, field: 'narrative' }, sealed.narrative)).toThrow(ProtectedFieldUnreadableException);
    }
    // Other owners are unaffected.
    expect(await readCase(app, survivor.owner, survivor.rowId)).toEqual({ full_name: 'Survivor', narrative: { story: 'kept' } });
  });
});

import type { DataSource } from 'typeorm';
import { prepared, queryPrepared } from '@infra/database/prepared';
import { TestContext } from '@test/support/test-context';

const ECHO = prepared('spec_prepared_echo', 'SELECT $1::int + 1 AS next');
// Only a named statement on this very connection shows up in pg_prepared_statements.
const LIST = prepared('spec_prepared_list', 'SELECT name FROM pg_prepared_statements ORDER BY name');

describe('named prepared statements through TypeORM', () => {
  let ctx: TestContext;
  let db: DataSource;

  beforeAll(async () => {
    ctx = await TestContext.create();
    db = await ctx.dataSource();
  });
  afterAll(() => ctx.close());

  it('runs in the caller transaction, prepared on its connection under the given name', async () => {
    const names = await db.transaction(async (tx) => {
      expect(await queryPrepared(tx, ECHO, [41])).toEqual([{ next: 42 }]);
      // Again on the same connection: pg skips the parse and reuses the statement.
      expect(await queryPrepared(tx, ECHO, [1])).toEqual([{ next: 2 }]);
      return queryPrepared<Array<{ name: string }>>(tx, LIST, []);
    });
    expect(names.map((row) => row.name)).toEqual(expect.arrayContaining(['spec_prepared_echo', 'spec_prepared_list']));
  });

  it('runs outside a transaction on a pooled connection', async () => {
    expect(await queryPrepared(db.manager, ECHO, [9])).toEqual([{ next: 10 }]);
  });

  it('gives UPDATE results in the same [rows, count] shape as manager.query', async () => {
    const update = prepared('spec_prepared_update', `UPDATE system_state SET id = id WHERE id = $1`);
    const [, count] = await queryPrepared<[unknown[], number]>(db.manager, update, [1]);
    expect(count).toBe(1);
  });

  it('refuses one name declared with two different texts', () => {
    expect(() => prepared('spec_prepared_echo', 'SELECT 2')).toThrow(/declared twice/);
    expect(prepared('spec_prepared_echo', 'SELECT $1::int + 1 AS next')).toEqual(ECHO);
  });
});

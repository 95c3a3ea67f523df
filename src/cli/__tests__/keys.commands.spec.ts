import { randomBytes, randomUUID } from 'node:crypto';
import { Command } from 'commander';
import { DataKeyService } from '@infra/crypto/data-key.service';
import { TestContext } from '@test/support/test-context';
import { registerKeyCommands, rotateKeys } from '../commands/keys.commands';

describe('keys commands', () => {
  let ctx: TestContext;
  const k1 = { id: 'k1', key: randomBytes(32).toString('base64') };
  const k2 = { id: 'k2', key: randomBytes(32).toString('base64') };
  const env = (current: typeof k1, previous: Array<typeof k1> = []) => ({
    CORRIDOR_MASTER_KEY: current.key,
    CORRIDOR_MASTER_KEY_ID: current.id,
    CORRIDOR_PREVIOUS_MASTER_KEYS: previous.map((k) => `${k.id}:${k.key}`).join(','),
  });

  beforeAll(async () => {
    ctx = await TestContext.create();
  });
  afterAll(() => ctx.close());

  async function run(...args: string[]): Promise<string> {
    const program = new Command().exitOverride();
    registerKeyCommands(program);
    const written: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      await program.parseAsync(['node', 'corridor', ...args]);
    } finally {
      spy.mockRestore();
    }
    return written.join('');
  }

  it('keys:generate prints a fresh 32-byte key, or an id:key line', async () => {
    const [a, b] = [await run('keys:generate'), await run('keys:generate')];
    expect(a).toMatch(/^[A-Za-z0-9+/]{43}=\n$/);
    expect(Buffer.from(a.trim(), 'base64')).toHaveLength(32);
    expect(a).not.toBe(b);
    expect(await run('keys:generate', '--id', 'k7')).toMatch(/^k7:[A-Za-z0-9+/]{43}=\n$/);
    await expect(run('keys:generate', '--id', 'bad id')).rejects.toThrow(/--id/);
  });

  it('keys:rotate re-wraps under the current key, reports progress and what may be removed, and never prints a key', async () => {
    const app = await ctx.startApp({ env: env(k1) });
    const db = await ctx.dataSource();
    await db.transaction(async (tx) => {
      for (let i = 0; i < 5; i += 1) await app.context.get(DataKeyService).create(tx, { type: 'case', id: randomUUID() });
    });

    // Without the old key, nothing starts.
    await expect(rotateKeys(ctx.config(env(k2)), 2, () => undefined)).rejects.toThrow(/lacks \(k1\).*CORRIDOR_PREVIOUS_MASTER_KEYS/);

    const lines: string[] = [];
    const report = await rotateKeys(ctx.config(env(k2, [k1])), 2, (line) => lines.push(line));
    expect(report).toMatchObject({ rewrapped: 5, complete: true, removableKekIds: ['k1'] });
    const output = lines.join('\n');
    expect(output).toMatch(/re-wrapping data keys under master key k2, 2 per transaction/);
    expect(output).toMatch(/re-wrapped 2, 3 to go\n.*re-wrapped 4, 1 to go\n.*re-wrapped 5, 0 to go/);
    expect(output).toMatch(/k2 \(current\): 5 data keys/);
    expect(output).toMatch(/You may now remove k1/);
    for (const key of [k1.key, k2.key]) expect(output).not.toContain(key.slice(0, 16));

    const again: string[] = [];
    expect((await rotateKeys(ctx.config(env(k2, [k1])), 2, (line) => again.push(line))).rewrapped).toBe(0);
    expect(again.join('\n')).toMatch(/re-wrapped 0 data keys/);
  });
});

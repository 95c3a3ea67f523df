import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '@config/config.error';
import { DataKeyService } from '@infra/crypto/data-key.service';
import { DEV_INDEX_KEY_FILE, DEV_MASTER_KEY_FILE } from '@infra/crypto/key-material';
import { ProtectedFieldsService } from '@infra/crypto/protected-fields.service';
import { LogCapture } from '@test/support/log-capture';
import { TestContext } from '@test/support/test-context';

/** Every way a 32-byte key could be spelled in a log line. */
function spellings(keyBase64: string): string[] {
  const bytes = Buffer.from(keyBase64, 'base64');
  return [bytes.toString('base64'), bytes.toString('base64url'), bytes.toString('hex'), bytes.toString('hex').toUpperCase(), bytes.toString('latin1')].map(
    (spelling) => spelling.slice(0, 24),
  );
}

describe('the application and its keys', () => {
  let ctx: TestContext;
  const noConfiguredKeys = { CORRIDOR_MASTER_KEY: '', CORRIDOR_MASTER_KEY_ID: '', CORRIDOR_INDEX_KEY: '' };

  beforeAll(async () => {
    ctx = await TestContext.create();
  });
  afterAll(() => ctx.close());

  it('boots on generated development keys, warns once, and never logs key material', async () => {
    const logs = new LogCapture();
    const app = await ctx.startApp({ logs, env: noConfiguredKeys });

    const warnings = logs.entries().filter((entry) => String(entry.msg).startsWith('SECURITY WARNING'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ level: 40, context: 'CryptoModule', keyDir: ctx.keyDir, generated: ['master', 'index'] });

    // Use the keys, including a failure, then look for them in everything logged.
    const db = await ctx.dataSource();
    const owner = { type: 'case' as const, id: '7f9c2b1e-3d4a-4c5b-8e6f-0a1b2c3d4e5f' };
    const dek = await db.transaction((tx) => app.context.get(DataKeyService).create(tx, owner));
    const sealed = app.context.get(ProtectedFieldsService).encryptFieldsWith(dek, 'cases', owner.id, { full_name: 'Leyla' });
    expect(() => app.context.get(ProtectedFieldsService).decryptFieldsWith(dek, 'cases', owner.id, { alias: sealed.full_name })).toThrow();
    await app.close();

    const [masterId, masterKey] = readFileSync(join(ctx.keyDir, DEV_MASTER_KEY_FILE), 'utf8').trim().split(':') as [string, string];
    const indexKey = readFileSync(join(ctx.keyDir, DEV_INDEX_KEY_FILE), 'utf8').trim();
    expect(logs.text).toContain(masterId);
    for (const spelling of [...spellings(masterKey), ...spellings(indexKey), ...spellings(dek.key.export().toString('base64'))]) {
      expect(logs.text).not.toContain(spelling);
    }
    expect(logs.text).not.toContain('Leyla');

    // The next start reuses the files and says so, without generating.
    const again = new LogCapture();
    await (await ctx.startApp({ logs: again, env: noConfiguredKeys })).close();
    expect(again.entries().filter((entry) => String(entry.msg).startsWith('SECURITY WARNING'))).toEqual([
      expect.objectContaining({ generated: [], msg: expect.stringContaining('using the development master key and index key') }),
    ]);
  });

  it('refuses to start in production without keys, naming the variables and nothing else', async () => {
    const logs = new LogCapture();
    const error: unknown = await ctx
      .startApp({ logs, env: { ...noConfiguredKeys, NODE_ENV: 'production', PUBLIC_BASE_URL: 'https://corridor.example.org' } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      expect.stringMatching(/^CORRIDOR_MASTER_KEY: required in production/),
      expect.stringMatching(/^CORRIDOR_INDEX_KEY: required in production/),
    ]);
  });
});

import type { DataSource } from 'typeorm';
import { registerPartnerCommands } from '../commands/partner.commands';
import { bearer } from '@test/support/builders/partners';
import { LogCapture } from '@test/support/log-capture';
import { runCommand } from './run-command';
import { TestContext, type TestApp } from '@test/support/test-context';

describe('Partner CLI commands', () => {
  let ctx: TestContext;
  let app: TestApp;
  let db: DataSource;
  const logs = new LogCapture();

  /** Runs one command as `corridor …` would, against this file's database; returns its stdout. */
  const run = (...args: string[]): Promise<string> => runCommand(registerPartnerCommands, ctx.env({ LOG_LEVEL: 'error' }), args);
  const me = (key: string) => app.http!.inject({ method: 'GET', url: '/partner/v1/me', headers: bearer(key) });

  beforeAll(async () => {
    ctx = await TestContext.create();
    app = await ctx.startApp({ logs });
    db = await ctx.dataSource();
  });
  afterAll(() => ctx.close());

  it('creates an agency and a key (printed once, alone on stdout), then revokes the key', async () => {
    const agencyId = (await run('partner:create', '--name', 'Istanbul Shelter', '--type', 'SHELTER', '--countries', 'TR,GE')).trim();
    expect(agencyId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await db.query(`SELECT name, type, countries, status FROM partner_agencies WHERE id = $1`, [agencyId])).toEqual([
      { name: 'Istanbul Shelter', type: 'SHELTER', countries: ['TR', 'GE'], status: 'ACTIVE' },
    ]);

    const key = (await run('apikey:create', '--agency', agencyId, '--scopes', 'referrals:write,cases:read', '--label', 'ops')).trim();
    expect(key).toMatch(/^cpk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    const self = await me(key);
    expect(self.statusCode).toBe(200);
    expect(self.json()).toMatchObject({ agency: { id: agencyId, type: 'SHELTER' }, scopes: ['referrals:write', 'cases:read'] });

    const [{ id: keyId }] = await db.query(`SELECT id FROM api_keys WHERE agency_id = $1`, [agencyId]);
    expect(await run('apikey:revoke', '--key', keyId)).toMatch(new RegExp(`^revoked api key ${keyId} at `));
    expect((await me(key)).statusCode).toBe(401);

    const audit = await db.query(
      `SELECT action, actor_type, actor_id, request_id FROM audit_events WHERE resource_type IN ('partner_agency', 'api_key') ORDER BY occurred_at, action`,
    );
    expect(audit).toEqual([
      { action: 'agency.created', actor_type: 'system', actor_id: 'cli', request_id: null },
      { action: 'apikey.created', actor_type: 'system', actor_id: 'cli', request_id: null },
      { action: 'apikey.revoked', actor_type: 'system', actor_id: 'cli', request_id: null },
    ]);
    expect(JSON.stringify(await db.query(`SELECT * FROM audit_events`))).not.toContain(key.slice(-43));
    expect(logs.text).not.toContain(key.slice(-43));
  });

  it('validates options with the API’s rules and names what is wrong, not the values', async () => {
    await expect(run('partner:create', '--name', 'X', '--type', 'CHURCH', '--countries', 'ge,XX')).rejects.toThrow(
      /type must be one of .*; each country must be an upper-case ISO 3166-1 alpha-2 code/,
    );
    await expect(run('apikey:create', '--agency', 'nope', '--scopes', 'cases:delete')).rejects.toThrow(/scopes/);
    await expect(run('apikey:create', '--agency', '6f1c1d7e-4f0a-4b7e-9a53-0c3e2b1d9f00', '--scopes', 'cases:read')).rejects.toThrow('No such partner agency.');
    await expect(run('apikey:revoke', '--key', '6f1c1d7e-4f0a-4b7e-9a53-0c3e2b1d9f00')).rejects.toThrow('No such API key.');
  });
});

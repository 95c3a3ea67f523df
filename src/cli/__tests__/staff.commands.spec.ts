import { base32Decode, totpCode, totpStep } from '@modules/staff/totp';
import { registerStaffCommands } from '../commands/staff.commands';
import { runCommand } from './run-command';
import { TestContext, type TestApp } from '@test/support/test-context';

describe('admin:create', () => {
  let ctx: TestContext;
  let app: TestApp;

  const run = (...args: string[]): Promise<string> => runCommand(registerStaffCommands, ctx.env({ LOG_LEVEL: 'error' }), args, { silenceStderr: false });

  beforeAll(async () => {
    ctx = await TestContext.create();
    app = await ctx.startApp();
  });
  afterAll(() => ctx.close());

  it('creates an admin with a one-time enrolment token, and no password exists until its owner sets one', async () => {
    const output = await run('admin:create', '--email', 'first-admin@example.org');
    const token = /\b(cen_[A-Za-z0-9_-]{43})\b/.exec(output)?.[1];
    expect(token).toBeDefined();
    const [row] = await (await ctx.dataSource()).query(`SELECT roles, status, password_hash FROM staff_users`);
    expect(row).toEqual({ roles: ['admin'], status: 'INVITED', password_hash: null });

    const begin = await app.http!.inject({ method: 'POST', url: '/api/v1/auth/enrolment', payload: { token, password: 'tbilisi-rain-on-the-roof' } });
    expect(begin.statusCode).toBe(200);
    const code = totpCode(base32Decode(begin.json().secret), totpStep(Date.now()));
    expect((await app.http!.inject({ method: 'POST', url: '/api/v1/auth/enrolment/confirm', payload: { token, code } })).statusCode).toBe(200);
    const [audit] = await (await ctx.dataSource()).query(`SELECT actor_type, actor_id FROM audit_events WHERE action = 'staff.invited'`);
    expect(audit).toEqual({ actor_type: 'system', actor_id: 'cli' });
  });

  it('staff:reindex-emails re-indexes under the current normalisation and says how many', async () => {
    expect(await run('staff:reindex-emails')).toContain('0 account(s) re-indexed');
  });
});

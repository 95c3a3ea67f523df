import { randomBytes } from 'node:crypto';
import type { DemoContext, StaffMember, StaffRole } from './context';
import { staffCredential } from './context';
import { runCli } from './service';
import { base32Decode, totpCode, totpStep } from './totp';

interface EnrolmentChallenge {
  secret: string;
}

interface Session {
  accessToken: string;
}

/**
 * Sets a password, confirms the authenticator with a code of the current step and signs in with
 * the next one (the service refuses a step it has already seen, so a code is never reused).
 */
async function enrolAndSignIn(ctx: DemoContext, id: string, email: string, roles: StaffRole[], enrolmentToken: string): Promise<StaffMember> {
  const password = `drill-${randomBytes(9).toString('base64url')}-corridor-demo`;
  const { secret } = await ctx.http.call<EnrolmentChallenge>({ kind: 'none' }, 'POST', '/api/v1/auth/enrolment', { token: enrolmentToken, password });
  const key = base32Decode(secret);
  const step = totpStep(Date.now());
  await ctx.http.call({ kind: 'none' }, 'POST', '/api/v1/auth/enrolment/confirm', { token: enrolmentToken, code: totpCode(key, step) });
  const session = await ctx.http.call<Session>({ kind: 'none' }, 'POST', '/api/v1/auth/login', { email, password, code: totpCode(key, step + 1) });
  return { id, email, password, totpSecret: secret, roles, token: session.accessToken };
}

/** The first admin, through the CLI like an operator (`admin:create` prints a one-time token). */
export async function bootstrapAdmin(ctx: DemoContext, email: string): Promise<StaffMember> {
  const out = await runCli(ctx.buildDir, ctx.cliEnv, ['admin:create', '--email', email]);
  const token = /cen_[A-Za-z0-9_-]{43}/.exec(out)?.[0];
  const id = /admin account ([0-9a-f-]{36}) created/.exec(out)?.[1];
  if (!token || !id) throw new Error('admin:create printed no enrolment token');
  return enrolAndSignIn(ctx, id, email, ['admin'], token);
}

interface IssuedEnrolment {
  account: { id: string };
  enrolmentToken: string;
}

/** An admin invites; the invitee enrols with the one-time token and signs in. */
export async function inviteAndEnrol(ctx: DemoContext, admin: StaffMember, email: string, roles: StaffRole[]): Promise<StaffMember> {
  const issued = await ctx.http.call<IssuedEnrolment>(staffCredential(admin), 'POST', '/api/v1/admin/staff', { email, roles });
  return enrolAndSignIn(ctx, issued.account.id, email, roles, issued.enrolmentToken);
}

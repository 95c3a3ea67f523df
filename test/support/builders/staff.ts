import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { RequestContext } from '@common/access/request-context';
import type { StaffRole } from '@common/access/roles';
import { EnrolmentService } from '@modules/staff/enrolment.service';
import { StaffAccountsService } from '@modules/staff/staff-accounts.service';
import { base32Decode, totpCode, totpStep } from '@modules/staff/totp';
import type { FakeClock } from '../fake-clock';
import type { TestApp } from '../test-context';

export interface StaffFixture {
  id: string;
  email: string;
  password: string;
  roles: StaffRole[];
  secret: Buffer;
  /** Bearer access token of a fresh session. */
  token: string;
  refreshToken: string;
  /** A TOTP code not used before: moves the clock to the next 30-second step. */
  nextCode(): string;
}

export const systemRequest = (): RequestContext => ({ requestId: `test-${randomBytes(4).toString('hex')}`, ip: '127.0.0.1' });

/**
 * A fully enrolled staff member who has signed in through the HTTP API. Needs an app started with
 * `clock` (a FakeClock), so TOTP steps can be moved on instead of waited for.
 */
export async function newStaff(
  app: TestApp,
  clock: FakeClock,
  roles: StaffRole[],
  email = `staff-${randomBytes(4).toString('hex')}@example.org`,
): Promise<StaffFixture> {
  const password = `pass-${randomBytes(9).toString('base64url')}-phrase`;
  const issued = await app.context.get(StaffAccountsService).invite(systemRequest(), { email, roles });
  const enrolment = app.context.get(EnrolmentService);
  const challenge = await enrolment.begin(systemRequest(), { token: issued.enrolmentToken, password });
  const secret = base32Decode(challenge.secret);
  const nextCode = (): string => {
    clock.advance(30_000);
    return totpCode(secret, totpStep(clock.nowMs()));
  };
  await enrolment.confirm(systemRequest(), { token: issued.enrolmentToken, code: nextCode() });
  const tokens = await login(app, email, password, nextCode());
  return { id: issued.account.id, email, password, roles, secret, token: tokens.accessToken, refreshToken: tokens.refreshToken, nextCode };
}

export async function login(app: TestApp, email: string, password: string, code: string): Promise<{ accessToken: string; refreshToken: string }> {
  const response = await app.http!.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password, code } });
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
  return response.json();
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/**
 * Staff whose session outlives any clock movement a test makes (for files that move a FakeClock
 * by hours or days while acting as one staff member). Arranged directly: the session rules
 * themselves are tested in staff-auth.e2e-spec.
 */
export async function longLivedStaff(app: TestApp, clock: FakeClock, roles: StaffRole[]): Promise<StaffFixture> {
  const person = await newStaff(app, clock, roles);
  await app.context
    .get(DataSource)
    .query(`UPDATE staff_sessions SET access_expires_at = '9999-01-01', expires_at = '9999-01-01' WHERE user_id = $1 AND revoked_at IS NULL`, [person.id]);
  return person;
}

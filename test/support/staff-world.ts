import { StaffRole } from '@common/access/roles';
import { bearer, longLivedStaff, type StaffFixture } from './builders/staff';
import type { FakeClock } from './fake-clock';
import { TestContext, type StartAppOptions, type TestApp } from './test-context';

/** A cast member's name says its role: `caseworkerA`, `coordinatorB`, `admin`, `auditor`… */
type CastName = `${'caseworker' | 'coordinator' | 'admin' | 'auditor'}${string}`;

const ROLE_OF: Array<[string, StaffRole]> = [
  ['caseworker', StaffRole.Caseworker],
  ['coordinator', StaffRole.Coordinator],
  ['admin', StaffRole.Admin],
  ['auditor', StaffRole.Auditor],
];

/** The usual cast of the case-work suites. */
export const DEFAULT_CAST = ['caseworkerA', 'caseworkerB', 'coordinatorA', 'coordinatorB', 'admin'] as const;

export interface StaffWorld<Name extends string> {
  ctx: TestContext;
  app: TestApp;
  /** Long-lived staff (their sessions outlive the FakeClock's moves), made in the order named. */
  staff: Record<Name, StaffFixture>;
}

/**
 * The world most staff-API suites start from: a database of their own (TestContext), the service
 * on a FakeClock, and a cast of signed-in staff. Close it with `world.ctx.close()` in afterAll.
 */
export async function staffWorld<Name extends CastName>(options: StartAppOptions & { clock: FakeClock }, cast: readonly Name[]): Promise<StaffWorld<Name>> {
  const ctx = await TestContext.create();
  const app = await ctx.startApp(options);
  const staff = {} as Record<Name, StaffFixture>;
  for (const name of cast) {
    const role = ROLE_OF.find(([prefix]) => name.startsWith(prefix))?.[1];
    if (!role) throw new Error(`staffWorld: no role for "${name}"`);
    staff[name] = await longLivedStaff(app, options.clock, [role]);
  }
  return { ctx, app, staff };
}

export type StaffMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A staff member's request: GET without a body, anything else with `payload` (or `{}`). */
export function callAs(app: TestApp, method: StaffMethod, url: string, who: StaffFixture, payload?: object) {
  return app.http!.inject({ method, url, headers: bearer(who.token), ...(method === 'GET' ? {} : { payload: payload ?? {} }) });
}

import { Global, Injectable, Module } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { StaffPrincipal } from '@common/access/principal';
import { StaffRole } from '@common/access/roles';
import { StaffTokenAuthenticator } from '@modules/access/authenticators';

/**
 * Until a test needs real logins: `fakeStaffToken(roles)` makes a bearer token this
 * authenticator accepts. Never part of the application.
 */
const issued = new Map<string, StaffPrincipal>();

export function fakeStaffToken(roles: StaffRole[], userId: string = randomUUID()): { token: string; principal: StaffPrincipal } {
  const token = `cst_fake_${randomUUID().replace(/-/g, '')}`;
  const principal: StaffPrincipal = { kind: 'staff', userId, sessionId: randomUUID(), roles };
  issued.set(token, principal);
  return { token, principal };
}

@Injectable()
class FakeStaffTokenAuthenticator extends StaffTokenAuthenticator {
  authenticate(token: string): Promise<StaffPrincipal | null> {
    return Promise.resolve(issued.get(token) ?? null);
  }
}

@Global()
@Module({ providers: [{ provide: StaffTokenAuthenticator, useClass: FakeStaffTokenAuthenticator }], exports: [StaffTokenAuthenticator] })
export class FakeStaffAuthModule {}

export { StaffRole };

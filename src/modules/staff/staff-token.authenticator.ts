import { Injectable } from '@nestjs/common';
import type { StaffPrincipal } from '@common/access/principal';
import { Clock } from '@common/clock/clock';
import { StaffTokenAuthenticator } from '@modules/access/authenticators';
import { hashCredential, looksLike } from './credential-tokens';
import { SessionRepository } from './session.repository';
import { StreamTickets } from './stream-tickets';

/**
 * Resolves a bearer access token with one indexed query that also checks revocation, expiry,
 * account status and the credential epoch — so deactivation and lockdown take effect at once.
 */
@Injectable()
export class SessionTokenAuthenticator extends StaffTokenAuthenticator {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly clock: Clock,
    private readonly tickets: StreamTickets,
  ) {
    super();
  }

  async authenticate(token: string): Promise<StaffPrincipal | null> {
    if (!looksLike('Access', token)) return null;
    const session = await this.sessions.findLiveByAccessHash(hashCredential(token), this.clock.now());
    return session ? { kind: 'staff', userId: session.userId, sessionId: session.sessionId, roles: session.roles } : null;
  }

  async authenticateStreamTicket(ticket: string): Promise<StaffPrincipal | null> {
    const sessionId = await this.tickets.redeem(ticket);
    if (!sessionId) return null;
    const session = await this.sessions.findLiveById(sessionId, this.clock.now());
    return session ? { kind: 'staff', userId: session.userId, sessionId: session.sessionId, roles: session.roles } : null;
  }

  async isSessionLive(sessionId: string): Promise<boolean> {
    return (await this.sessions.findLiveById(sessionId, this.clock.now())) !== null;
  }
}

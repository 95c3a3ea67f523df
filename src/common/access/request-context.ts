import { UnauthenticatedException } from './access.exception';
import type { Actor, PartnerPrincipal, Principal, StaffPrincipal } from './principal';

/**
 * What a service needs to know about the request it serves: who (never trusted from the body),
 * the request id for the audit log, and the client address for rate limits.
 */
export interface RequestContext {
  requestId: string;
  ip: string;
  principal?: Principal;
}

export function actorOf(context: RequestContext): Actor {
  return context.principal ?? { kind: 'anonymous' };
}

/** The staff principal of a request the guard admitted for staff; anything else is a bug → 401. */
export function staffOf(context: RequestContext): StaffPrincipal {
  if (context.principal?.kind !== 'staff') throw new UnauthenticatedException();
  return context.principal;
}

/** The partner principal of a request the guard admitted for partners. */
export function partnerOf(context: RequestContext): PartnerPrincipal {
  if (context.principal?.kind !== 'partner') throw new UnauthenticatedException();
  return context.principal;
}

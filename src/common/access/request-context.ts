import type { Actor, Principal } from './principal';

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

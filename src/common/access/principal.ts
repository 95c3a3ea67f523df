import type { AgencyType, ApiKeyScope, StaffRole } from './roles';

/** A signed-in staff member, through one session. */
export interface StaffPrincipal {
  kind: 'staff';
  userId: string;
  sessionId: string;
  roles: StaffRole[];
}

/** A partner agency, through one API key. */
export interface PartnerPrincipal {
  kind: 'partner';
  agencyId: string;
  agencyType: AgencyType;
  apiKeyId: string;
  scopes: ApiKeyScope[];
}

export type Principal = StaffPrincipal | PartnerPrincipal;

/** Who did something, for the audit log: a principal, Corridor itself, or nobody known. */
export type Actor = Principal | { kind: 'system'; component: string } | { kind: 'anonymous' };

export const systemActor = (component: string): Actor => ({ kind: 'system', component });

export function hasRole(principal: Principal | undefined, role: StaffRole): boolean {
  return principal?.kind === 'staff' && principal.roles.includes(role);
}

/**
 * Who acted, as history and audit rows record it: the kind, the user, agency or component, and
 * the credential used (session or API key id; never the credential itself).
 */
export function actorRecord(actor: Actor): { actorType: Actor['kind']; actorId: string | null; credentialId: string | null } {
  switch (actor.kind) {
    case 'staff':
      return { actorType: 'staff', actorId: actor.userId, credentialId: actor.sessionId };
    case 'partner':
      return { actorType: 'partner', actorId: actor.agencyId, credentialId: actor.apiKeyId };
    case 'system':
      return { actorType: 'system', actorId: actor.component, credentialId: null };
    case 'anonymous':
      return { actorType: 'anonymous', actorId: null, credentialId: null };
  }
}

/** The same actor as one string, for rows with a single actor column: a staff id, or `kind:id`. */
export function actorLabel(actor: Actor): string {
  const { actorType, actorId } = actorRecord(actor);
  if (actorId === null) return actorType;
  return actorType === 'staff' ? actorId : `${actorType}:${actorId}`;
}

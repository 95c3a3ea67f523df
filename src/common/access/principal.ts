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

/** Who acted, as history rows record it: the kind, and the user, agency or component (no credential). */
export function actorRecord(actor: Actor): { actorType: Actor['kind']; actorId: string | null } {
  switch (actor.kind) {
    case 'staff':
      return { actorType: 'staff', actorId: actor.userId };
    case 'partner':
      return { actorType: 'partner', actorId: actor.agencyId };
    case 'system':
      return { actorType: 'system', actorId: actor.component };
    case 'anonymous':
      return { actorType: 'anonymous', actorId: null };
  }
}

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

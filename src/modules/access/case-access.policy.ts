import type { Principal } from '@common/access/principal';
import { ADMINISTRATION_ROLES, StaffRole } from '@common/access/roles';

/** Protected parts of a case file, the unit of field-level access. */
export enum CaseFieldGroup {
  Identity = 'identity',
  Contact = 'contact',
  Location = 'location',
  Narrative = 'narrative',
  Sogiesc = 'sogiesc',
  Health = 'health',
  Documents = 'documents',
  Notes = 'notes',
  Dependants = 'dependants',
}

export const ALL_FIELD_GROUPS: readonly CaseFieldGroup[] = Object.values(CaseFieldGroup);

/**
 * Coordinators see everything except SOGIESC, which stays with the assigned caseworkers (it is
 * what the adversary hunts for, and coordinators rarely need it); break-glass lets them read all
 * of it for a short window — and only read.
 */
const COORDINATOR_GROUPS: readonly CaseFieldGroup[] = ALL_FIELD_GROUPS.filter((group) => group !== CaseFieldGroup.Sogiesc);

/**
 * `read` opens the case file; `write` is every change, including those that create lasting access
 * (assignment, shares, check-in links) or destroy the case (erasure). A break-glass grant never
 * counts for `write`: it is a read-only window that leaves nothing behind when it closes.
 */
export type CaseAction = 'read' | 'write';

/** What the case module knows about a case's relationships. */
export interface CaseRelationships {
  caseId: string;
  assignedCaseworkerIds: readonly string[];
  /** Coordinators of the case's active activation; null when it has none (any coordinator then). */
  activationCoordinatorIds: readonly string[] | null;
}

/** What the principal holds on this case beyond its roles. */
export interface CaseGrants {
  breakGlassUntil: Date | null;
  /** An active (unrevoked, unexpired) share with the principal's agency. */
  share: { fieldGroups: readonly CaseFieldGroup[] } | null;
}

export type CaseAccessBasis = 'assigned-caseworker' | 'activation-coordinator' | 'coordinator' | 'break-glass' | 'share';

export type CaseAccessDecision =
  | { allowed: true; basis: CaseAccessBasis[]; fieldGroups: ReadonlySet<CaseFieldGroup> }
  | { allowed: false; reason: 'no-relationship' | 'role-without-case-access' | 'read-only' | 'break-glass-read-only' };

/**
 * The one place that decides whether a principal may act on a case, and which protected fields
 * it may see. Pure: callers load relationships and grants, and audit the outcome.
 */
export function decideCaseAccess(principal: Principal, facts: CaseRelationships, grants: CaseGrants, action: CaseAction, now: Date): CaseAccessDecision {
  if (principal.kind === 'partner') {
    if (!grants.share) return { allowed: false, reason: 'no-relationship' };
    // Partners change shared cases only through their own typed endpoints, never the case file.
    if (action !== 'read') return { allowed: false, reason: 'read-only' };
    return { allowed: true, basis: ['share'], fieldGroups: new Set(grants.share.fieldGroups) };
  }

  const roles = principal.roles;
  if (!roles.includes(StaffRole.Caseworker) && !roles.includes(StaffRole.Coordinator)) return { allowed: false, reason: 'role-without-case-access' };
  // Separation of duties: accounts are refused a mix of administration and case roles, and one
  // that holds it anyway (made before that rule) reaches no case through either.
  if (roles.some((role) => ADMINISTRATION_ROLES.includes(role))) return { allowed: false, reason: 'role-without-case-access' };
  const basis: CaseAccessBasis[] = [];
  const groups = new Set<CaseFieldGroup>();
  const add = (reason: CaseAccessBasis, fieldGroups: readonly CaseFieldGroup[]) => {
    basis.push(reason);
    fieldGroups.forEach((group) => groups.add(group));
  };

  if (roles.includes(StaffRole.Caseworker) && facts.assignedCaseworkerIds.includes(principal.userId)) add('assigned-caseworker', ALL_FIELD_GROUPS);
  if (roles.includes(StaffRole.Coordinator)) {
    if (facts.activationCoordinatorIds === null) add('coordinator', COORDINATOR_GROUPS);
    else if (facts.activationCoordinatorIds.includes(principal.userId)) add('activation-coordinator', COORDINATOR_GROUPS);
    if (grants.breakGlassUntil && grants.breakGlassUntil > now) {
      // Read only: no assignment, share, link, erasure or any other change made through it.
      if (action === 'read') add('break-glass', ALL_FIELD_GROUPS);
      else if (basis.length === 0) return { allowed: false, reason: 'break-glass-read-only' };
    }
  }
  if (basis.length === 0) return { allowed: false, reason: 'no-relationship' };
  return { allowed: true, basis, fieldGroups: groups };
}

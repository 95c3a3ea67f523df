import { randomUUID } from 'node:crypto';
import type { Principal } from '@common/access/principal';
import { AgencyType, ApiKeyScope, StaffRole } from '@common/access/roles';
import {
  ALL_FIELD_GROUPS,
  CaseFieldGroup,
  decideCaseAccess,
  type CaseAction,
  type CaseGrants,
  type CaseRelationships,
} from '@modules/access/case-access.policy';

const now = new Date('2026-05-01T12:00:00Z');
const staff = (roles: StaffRole[], userId = randomUUID()): Principal => ({ kind: 'staff', userId, sessionId: randomUUID(), roles });
const partner = (): Principal => ({
  kind: 'partner',
  agencyId: randomUUID(),
  agencyType: AgencyType.Shelter,
  apiKeyId: randomUUID(),
  scopes: [ApiKeyScope.CasesRead],
});

const caseworkerA = staff([StaffRole.Caseworker]);
const caseworkerB = staff([StaffRole.Caseworker]);
const activationCoordinator = staff([StaffRole.Coordinator]);
const otherCoordinator = staff([StaffRole.Coordinator]);
const admin = staff([StaffRole.Admin]);
const auditor = staff([StaffRole.Auditor]);
const adminAuditor = staff([StaffRole.Admin, StaffRole.Auditor]);
const shelter = partner();
const auditorCaseworker = staff([StaffRole.Auditor, StaffRole.Caseworker]);

const inActivation: CaseRelationships = {
  caseId: randomUUID(),
  assignedCaseworkerIds: [caseworkerA.kind === 'staff' ? caseworkerA.userId : '', auditorCaseworker.kind === 'staff' ? auditorCaseworker.userId : ''],
  activationCoordinatorIds: [activationCoordinator.kind === 'staff' ? activationCoordinator.userId : ''],
};
const noActivation: CaseRelationships = { ...inActivation, activationCoordinatorIds: null };

const none: CaseGrants = { breakGlassUntil: null, share: null };
const breakGlass: CaseGrants = { breakGlassUntil: new Date(now.getTime() + 30 * 60_000), share: null };
const expiredBreakGlass: CaseGrants = { breakGlassUntil: new Date(now.getTime() - 1), share: null };
const share: CaseGrants = { breakGlassUntil: null, share: { fieldGroups: [CaseFieldGroup.Identity, CaseFieldGroup.Contact] } };

type Row = [string, Principal, CaseRelationships, CaseGrants, CaseAction, false | readonly CaseFieldGroup[]];
const withoutSogiesc = ALL_FIELD_GROUPS.filter((group) => group !== CaseFieldGroup.Sogiesc);

const table: Row[] = [
  ['assigned caseworker reads all', caseworkerA, inActivation, none, 'read', ALL_FIELD_GROUPS],
  ['assigned caseworker writes', caseworkerA, inActivation, none, 'write', ALL_FIELD_GROUPS],
  ['unassigned caseworker', caseworkerB, inActivation, none, 'read', false],
  ['unassigned caseworker cannot write', caseworkerB, inActivation, none, 'write', false],
  ['coordinator of the activation, no SOGIESC', activationCoordinator, inActivation, none, 'read', withoutSogiesc],
  ['coordinator of another activation', otherCoordinator, inActivation, none, 'read', false],
  ['any coordinator when no activation', otherCoordinator, noActivation, none, 'read', withoutSogiesc],
  ['break-glass within its window sees all', otherCoordinator, inActivation, breakGlass, 'read', ALL_FIELD_GROUPS],
  ['break-glass after its window', otherCoordinator, inActivation, expiredBreakGlass, 'read', false],
  ['break-glass never writes (no assignment, share, erasure)', otherCoordinator, inActivation, breakGlass, 'write', false],
  ["break-glass adds nothing to an in-scope coordinator's write", activationCoordinator, inActivation, breakGlass, 'write', withoutSogiesc],
  ['break-glass is for coordinators only', caseworkerB, inActivation, breakGlass, 'read', false],
  ['admin never', admin, noActivation, none, 'read', false],
  ['admin with break-glass row still never', admin, noActivation, breakGlass, 'read', false],
  ['auditor never', auditor, noActivation, none, 'read', false],
  ['admin+auditor never', adminAuditor, noActivation, none, 'read', false],
  ['admin who also holds coordinator (legacy mix) never', staff([StaffRole.Admin, StaffRole.Coordinator]), noActivation, none, 'read', false],
  ['auditor who also holds caseworker (legacy mix) never', auditorCaseworker, inActivation, none, 'read', false],
  ['partner with an active share sees shared groups', shelter, inActivation, share, 'read', [CaseFieldGroup.Identity, CaseFieldGroup.Contact]],
  ['partner without (or with an expired/revoked) share', shelter, inActivation, none, 'read', false],
  ['partner never writes the case file', shelter, inActivation, share, 'write', false],
];

describe('case access policy', () => {
  it.each(table)('%s', (_name, principal, facts, grants, action, expected) => {
    const decision = decideCaseAccess(principal, facts, grants, action, now);
    if (expected === false) {
      expect(decision.allowed).toBe(false);
    } else {
      expect(decision.allowed).toBe(true);
      if (decision.allowed) expect([...decision.fieldGroups].sort()).toEqual([...expected].sort());
    }
  });

  it('gives an assigned caseworker who is also a coordinator the union', () => {
    const both = staff([StaffRole.Caseworker, StaffRole.Coordinator]);
    const facts = { ...inActivation, assignedCaseworkerIds: [both.kind === 'staff' ? both.userId : ''] };
    const decision = decideCaseAccess(both, facts, none, 'read', now);
    expect(decision).toMatchObject({ allowed: true, basis: ['assigned-caseworker'] });
  });
});

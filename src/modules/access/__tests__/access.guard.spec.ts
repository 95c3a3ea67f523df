import { PERMISSION_RULES, Permission } from '@common/access/permission';
import type { PartnerPrincipal, StaffPrincipal } from '@common/access/principal';
import { AgencyType, ApiKeyScope, StaffRole } from '@common/access/roles';
import { allows, matchesToken } from '@modules/access/access.guard';

const partner = (scopes: ApiKeyScope[]): PartnerPrincipal => ({
  kind: 'partner',
  agencyId: '00000000-0000-4000-8000-000000000001',
  agencyType: AgencyType.Shelter,
  apiKeyId: '00000000-0000-4000-8000-000000000002',
  scopes,
});
const staff = (roles: StaffRole[]): StaffPrincipal => ({ kind: 'staff', userId: 'u', sessionId: 's', roles });

describe('allows', () => {
  it('lets a partner with no scope at all through a partnerScope "any" rule', () => {
    expect(allows({ partnerScope: 'any' }, partner([]))).toBe(true);
    expect(allows(PERMISSION_RULES[Permission.PartnerSelf], partner([ApiKeyScope.CasesRead]))).toBe(true);
  });

  it('never lets staff through a partnerScope "any" rule, whatever their roles', () => {
    expect(allows({ partnerScope: 'any' }, staff(Object.values(StaffRole)))).toBe(false);
  });

  it('still requires the named scope for a scoped partner rule', () => {
    const rule = PERMISSION_RULES[Permission.PartnerCasesRead];
    expect(allows(rule, partner([ApiKeyScope.CasesRead]))).toBe(true);
    expect(allows(rule, partner([ApiKeyScope.ReferralsWrite]))).toBe(false);
  });

  it('keeps agencies management to admins, never partners', () => {
    const rule = PERMISSION_RULES[Permission.AgenciesManage];
    expect(allows(rule, staff([StaffRole.Admin]))).toBe(true);
    for (const role of [StaffRole.Caseworker, StaffRole.Coordinator, StaffRole.Auditor]) expect(allows(rule, staff([role]))).toBe(false);
    expect(allows(rule, partner(Object.values(ApiKeyScope)))).toBe(false);
  });
});

describe('operator tokens', () => {
  const token = 'a'.repeat(20) + 'b'.repeat(20);

  it('no staff or partner principal satisfies an operator-token rule, whatever its roles or scopes', () => {
    const rule = PERMISSION_RULES[Permission.MetricsScrape];
    expect(allows(rule, staff(Object.values(StaffRole)))).toBe(false);
    expect(allows(rule, partner(Object.values(ApiKeyScope)))).toBe(false);
  });

  it('matches only the configured token, and nothing when none is configured', () => {
    expect(matchesToken(token, token)).toBe(true);
    expect(matchesToken(`${token}x`, token)).toBe(false);
    expect(matchesToken(token.slice(1), token)).toBe(false);
    expect(matchesToken(null, token)).toBe(false);
    expect(matchesToken(token, undefined)).toBe(false);
    expect(matchesToken('', '')).toBe(false);
  });
});

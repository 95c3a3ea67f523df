import { mixesAdministrationAndCaseRoles, StaffRole } from '@common/access/roles';

describe('separation of duties', () => {
  it.each([
    [[StaffRole.Admin, StaffRole.Coordinator], true],
    [[StaffRole.Admin, StaffRole.Caseworker], true],
    [[StaffRole.Auditor, StaffRole.Caseworker], true],
    [[StaffRole.Auditor, StaffRole.Coordinator, StaffRole.Caseworker], true],
    [[StaffRole.Admin, StaffRole.Auditor], false],
    [[StaffRole.Caseworker, StaffRole.Coordinator], false],
    [[StaffRole.Admin], false],
    [[], false],
  ])('%j mixes administration and case roles: %s', (roles, expected) => {
    expect(mixesAdministrationAndCaseRoles(roles)).toBe(expected);
  });
});

/** Staff roles (a user may hold several). Admins and auditors never see case content. */
export enum StaffRole {
  Admin = 'admin',
  Coordinator = 'coordinator',
  Caseworker = 'caseworker',
  Auditor = 'auditor',
}

/** Roles that administer or oversee the system; an account holding one never reaches case content. */
export const ADMINISTRATION_ROLES: readonly StaffRole[] = [StaffRole.Admin, StaffRole.Auditor];

/** Roles that work cases. */
export const CASE_ROLES: readonly StaffRole[] = [StaffRole.Caseworker, StaffRole.Coordinator];

/** Separation of duties: no account holds an administration role and a case role together. */
export function mixesAdministrationAndCaseRoles(roles: readonly StaffRole[]): boolean {
  return roles.some((role) => ADMINISTRATION_ROLES.includes(role)) && roles.some((role) => CASE_ROLES.includes(role));
}

/** What a partner API key may do. */
export enum ApiKeyScope {
  ReferralsWrite = 'referrals:write',
  CasesRead = 'cases:read',
  CheckinsWrite = 'checkins:write',
  ServicesWrite = 'services:write',
  WebhooksManage = 'webhooks:manage',
  /** GOVERNMENT liaisons: read and answer the expedited protection requests addressed to the agency. */
  ExpediteRespond = 'expedite:respond',
}

export enum AgencyType {
  Ngo = 'NGO',
  Shelter = 'SHELTER',
  Unhcr = 'UNHCR',
  /** A receiving state's liaison. */
  Government = 'GOVERNMENT',
  SettlementAgency = 'SETTLEMENT_AGENCY',
}

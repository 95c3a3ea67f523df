/** Staff roles (a user may hold several). Admins and auditors never see case content. */
export enum StaffRole {
  Admin = 'admin',
  Coordinator = 'coordinator',
  Caseworker = 'caseworker',
  Auditor = 'auditor',
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

import { ApiKeyScope, StaffRole } from './roles';

/**
 * Every route declares exactly one permission with @Access. The authorization matrix test
 * enumerates the application's routes and fails on any route without one. What a permission
 * allows is in PERMISSION_RULES; case-level relationships (assignment, shares, break-glass) are
 * decided afterwards by the case access policy.
 */
export enum Permission {
  /** No credentials: liveness, readiness, API docs, login, check-in links. */
  Public = 'public',
  /** Any signed-in staff member, acting on their own account (sessions, password, inbox). */
  StaffSelf = 'staff:self',
  /** Admins: staff accounts, roles, invitations, authenticator resets. */
  StaffManage = 'staff:manage',
  /** Admins: partner agencies and their API keys. */
  AgenciesManage = 'agencies:manage',
  /** Admins: declare lockdown and lift it (a second admin). */
  LockdownManage = 'lockdown:manage',
  /** Admins: the check-in interval table. */
  CheckinPolicyManage = 'checkin-policy:manage',
  /** Auditors: the audit log and its verification. */
  AuditRead = 'audit:read',
  /** Caseworkers and coordinators: intake and work on cases in their scope (the policy decides which). */
  CaseWork = 'cases:work',
  /** Coordinators: assign caseworkers to cases. */
  CaseAssign = 'cases:assign',
  /** Coordinators: erase a case (crypto-shredding) and set legal holds. */
  CaseRetention = 'cases:retention',
  /** Coordinators: open a case outside their scope, stating a reason. */
  CaseBreakGlass = 'cases:break-glass',
  /** Coordinators: approve or reject a relocation plan (never their own request). */
  JourneyApprove = 'journeys:approve',
  /** Admins: the stay-rule table (nationality × host country → allowed days). */
  StayRulesManage = 'stay-rules:manage',
  /** Partners: submit and follow referrals. */
  PartnerReferralsWrite = 'partner:referrals:write',
  /** Partners: read cases shared with the agency. */
  PartnerCasesRead = 'partner:cases:read',
  /** Partners: record check-ins on shared cases. */
  PartnerCheckinsWrite = 'partner:checkins:write',
  /** Partners: record service updates on shared cases. */
  PartnerServicesWrite = 'partner:services:write',
  /** Partners: manage webhook endpoints. */
  PartnerWebhooksManage = 'partner:webhooks:manage',
  /** Partners: every valid API key, acting on its own agency (who am I). */
  PartnerSelf = 'partner:self',
  /** Coordinators: ask a receiving state's liaison for expedited protection of an EMERGENCY case. */
  ExpediteRequest = 'journeys:expedite',
  /** Partners (GOVERNMENT liaisons): read and answer the expedited requests addressed to the agency. */
  PartnerExpediteRespond = 'partner:expedite:respond',
  /** Admins: outbound traffic — the egress allowlist and staff alert channels. */
  OutboundManage = 'outbound:manage',
  /** The metrics scraper: its own bearer token (`METRICS_TOKEN`), never a staff or partner credential. */
  MetricsScrape = 'metrics:scrape',
  /** Coordinators: aggregate reports and their suppressed CSV export (no case content). */
  ReportsRead = 'reports:read',
  /** Partners: suppressed aggregate counts of the agency's own referrals (following them is part of referring). */
  PartnerReportsRead = 'partner:reports:read',
  /** Coordinators: activate and stand down rapid-response activations, edit their roster and overrides. */
  ActivationsManage = 'activations:manage',
  /** Caseworkers and coordinators: read activations, their progress and dashboard (no personal data). */
  ActivationsRead = 'activations:read',
  /** Coordinators: the staff directory (caseworkers and coordinators, display names, open caseloads) for rosters and assignment. */
  StaffDirectoryRead = 'staff:directory',
  /** Any signed-in staff member: their own live event stream, with a bearer token or a single-use stream ticket. */
  StaffEvents = 'staff:events',
}

export type AccessRule =
  | { public: true }
  /** `streamTicket`: an EventSource cannot send headers, so a single-use `?ticket=` stands in for the bearer. */
  | { staffRoles: StaffRole[] | 'any'; streamTicket?: true }
  /** 'any': every authenticated partner, whatever its key's scopes. */
  | { partnerScope: ApiKeyScope | 'any' }
  /** Operational endpoints with a credential of their own (not a principal): the guard compares it. */
  | { operatorToken: 'metrics' };

const ALL_STAFF = 'any' as const;

export const PERMISSION_RULES: Record<Permission, AccessRule> = {
  [Permission.Public]: { public: true },
  [Permission.StaffSelf]: { staffRoles: ALL_STAFF },
  [Permission.StaffManage]: { staffRoles: [StaffRole.Admin] },
  [Permission.AgenciesManage]: { staffRoles: [StaffRole.Admin] },
  [Permission.LockdownManage]: { staffRoles: [StaffRole.Admin] },
  [Permission.CheckinPolicyManage]: { staffRoles: [StaffRole.Admin] },
  [Permission.AuditRead]: { staffRoles: [StaffRole.Auditor] },
  [Permission.CaseWork]: { staffRoles: [StaffRole.Caseworker, StaffRole.Coordinator] },
  [Permission.CaseAssign]: { staffRoles: [StaffRole.Coordinator] },
  [Permission.CaseRetention]: { staffRoles: [StaffRole.Coordinator] },
  [Permission.CaseBreakGlass]: { staffRoles: [StaffRole.Coordinator] },
  [Permission.JourneyApprove]: { staffRoles: [StaffRole.Coordinator] },
  [Permission.StayRulesManage]: { staffRoles: [StaffRole.Admin] },
  [Permission.PartnerReferralsWrite]: { partnerScope: ApiKeyScope.ReferralsWrite },
  [Permission.PartnerCasesRead]: { partnerScope: ApiKeyScope.CasesRead },
  [Permission.PartnerCheckinsWrite]: { partnerScope: ApiKeyScope.CheckinsWrite },
  [Permission.PartnerServicesWrite]: { partnerScope: ApiKeyScope.ServicesWrite },
  [Permission.PartnerWebhooksManage]: { partnerScope: ApiKeyScope.WebhooksManage },
  [Permission.PartnerSelf]: { partnerScope: 'any' },
  [Permission.ExpediteRequest]: { staffRoles: [StaffRole.Coordinator] },
  [Permission.PartnerExpediteRespond]: { partnerScope: ApiKeyScope.ExpediteRespond },
  [Permission.OutboundManage]: { staffRoles: [StaffRole.Admin] },
  [Permission.MetricsScrape]: { operatorToken: 'metrics' },
  [Permission.ReportsRead]: { staffRoles: [StaffRole.Coordinator] },
  [Permission.PartnerReportsRead]: { partnerScope: ApiKeyScope.ReferralsWrite },
  [Permission.ActivationsManage]: { staffRoles: [StaffRole.Coordinator] },
  [Permission.ActivationsRead]: { staffRoles: [StaffRole.Caseworker, StaffRole.Coordinator] },
  [Permission.StaffDirectoryRead]: { staffRoles: [StaffRole.Coordinator] },
  [Permission.StaffEvents]: { staffRoles: ALL_STAFF, streamTicket: true },
};

import { Permission } from '@common/access/permission';

/**
 * Every route of the application, with the permission it must declare and how to call it. The
 * authorization matrix test fails when a route is missing here, listed but gone, or declares
 * another permission. Add each new route in the issue that adds it.
 */
export interface RouteCase {
  permission: Permission;
  /** A body that passes validation, where the route needs one to get past it. */
  body?: Record<string, unknown>;
  /**
   * Why the allowed principals are not exercised here (the route's effect would disturb the
   * matrix itself, e.g. lockdown); its own tests cover the allowed path.
   */
  allowedCoveredElsewhere?: string;
  /** A query string that passes validation, where the route needs one. */
  query?: string;
  /** Headers every caller adds (e.g. the browser-session routes' CSRF header). */
  headers?: Record<string, string>;
}

export const ROUTE_MATRIX: Record<string, RouteCase> = {
  'GET /health': { permission: Permission.Public },
  'GET /ready': { permission: Permission.Public },

  'POST /api/v1/auth/login': { permission: Permission.Public },
  'POST /api/v1/auth/refresh': { permission: Permission.Public },
  'POST /api/v1/auth/enrolment': { permission: Permission.Public },
  'POST /api/v1/auth/enrolment/confirm': { permission: Permission.Public },
  'POST /api/v1/auth/logout': { permission: Permission.StaffSelf, allowedCoveredElsewhere: 'ends the session the matrix uses (staff-auth.e2e-spec)' },
  'POST /api/v1/auth/browser/login': { permission: Permission.Public, headers: { 'x-corridor-csrf': '1' } },
  'POST /api/v1/auth/browser/refresh': {
    permission: Permission.Public,
    allowedCoveredElsewhere: 'authenticated by the refresh cookie, 401 without one (browser-sessions.e2e-spec)',
  },
  'POST /api/v1/auth/browser/logout': { permission: Permission.Public, headers: { 'x-corridor-csrf': '1' } },

  'GET /api/v1/me/sessions': { permission: Permission.StaffSelf },
  'DELETE /api/v1/me/sessions/:id': { permission: Permission.StaffSelf },
  'POST /api/v1/me/password': { permission: Permission.StaffSelf },
  'GET /api/v1/me/notifications': { permission: Permission.StaffSelf },
  'POST /api/v1/me/notifications/:id/read': { permission: Permission.StaffSelf },
  'POST /api/v1/me/events/ticket': { permission: Permission.StaffSelf },
  'GET /api/v1/me/events': { permission: Permission.StaffEvents, allowedCoveredElsewhere: 'an open event stream never ends by itself (live-events.e2e-spec)' },
  'GET /api/v1/me': { permission: Permission.StaffSelf },
  'GET /api/v1/me/tasks': { permission: Permission.StaffSelf },
  'PATCH /api/v1/me': { permission: Permission.StaffSelf, body: { preferredLanguage: 'en' } },
  'GET /api/v1/staff-directory': { permission: Permission.StaffDirectoryRead },

  'POST /api/v1/admin/staff': { permission: Permission.StaffManage },
  'GET /api/v1/admin/staff': { permission: Permission.StaffManage },
  'GET /api/v1/admin/staff/:id': { permission: Permission.StaffManage },
  'PUT /api/v1/admin/staff/:id/roles': { permission: Permission.StaffManage },
  'POST /api/v1/admin/staff/:id/deactivate': { permission: Permission.StaffManage },
  'POST /api/v1/admin/staff/:id/authenticator-reset': { permission: Permission.StaffManage },
  'POST /api/v1/admin/staff/:id/credential-reset': { permission: Permission.StaffManage },
  'POST /api/v1/admin/staff/:id/credential-reset/approval': { permission: Permission.StaffManage },

  'POST /api/v1/admin/agencies': { permission: Permission.AgenciesManage },
  'GET /api/v1/admin/agencies': { permission: Permission.AgenciesManage },
  'GET /api/v1/admin/agencies/:id': { permission: Permission.AgenciesManage },
  'PATCH /api/v1/admin/agencies/:id': { permission: Permission.AgenciesManage },
  'POST /api/v1/admin/agencies/:id/api-keys': { permission: Permission.AgenciesManage },
  'GET /api/v1/admin/agencies/:id/api-keys': { permission: Permission.AgenciesManage },
  'POST /api/v1/admin/agencies/:id/api-keys/:keyId/rotate': { permission: Permission.AgenciesManage },
  'POST /api/v1/admin/agencies/:id/api-keys/:keyId/revoke': { permission: Permission.AgenciesManage },

  'GET /partner/v1/me': { permission: Permission.PartnerSelf },
  'POST /partner/v1/referrals': { permission: Permission.PartnerReferralsWrite },
  'GET /partner/v1/referrals': { permission: Permission.PartnerReferralsWrite },
  'GET /partner/v1/referrals/:id': { permission: Permission.PartnerReferralsWrite },
  'GET /partner/v1/cases': { permission: Permission.PartnerCasesRead },
  'GET /partner/v1/cases/:ref': { permission: Permission.PartnerCasesRead },
  'GET /partner/v1/cases/:ref/documents': { permission: Permission.PartnerCasesRead },
  'GET /partner/v1/cases/:ref/documents/:documentId/content': { permission: Permission.PartnerCasesRead },
  'POST /partner/v1/cases/:ref/check-ins': { permission: Permission.PartnerCheckinsWrite },
  'POST /partner/v1/cases/:ref/service-updates': { permission: Permission.PartnerServicesWrite },

  'GET /api/v1/audit/events': { permission: Permission.AuditRead },
  'GET /api/v1/audit/verification': { permission: Permission.AuditRead },

  'POST /api/v1/cases': { permission: Permission.CaseWork },
  'GET /api/v1/cases': { permission: Permission.CaseWork },
  'POST /api/v1/cases/search': { permission: Permission.CaseWork, body: { name: 'Elvin Mammadov' } },
  'GET /api/v1/cases/:ref': { permission: Permission.CaseWork },
  'GET /api/v1/cases/:ref/history': { permission: Permission.CaseWork },
  'GET /api/v1/cases/:ref/check-ins': { permission: Permission.CaseWork },
  'GET /api/v1/cases/:ref/duplicates/:otherRef': { permission: Permission.CaseWork },
  'POST /api/v1/cases/:ref/duplicates/:otherRef/decision': { permission: Permission.CaseWork, body: { decision: 'NOT_SAME' } },
  'POST /api/v1/cases/:ref/transitions': { permission: Permission.CaseWork },
  'POST /api/v1/cases/:ref/triage': { permission: Permission.CaseWork },
  'PUT /api/v1/cases/:ref/verification': { permission: Permission.CaseWork },
  'PUT /api/v1/cases/:ref/flags': { permission: Permission.CaseWork },
  'PUT /api/v1/cases/:ref/consent': { permission: Permission.CaseWork },
  'POST /api/v1/cases/:ref/notes': { permission: Permission.CaseWork },
  'GET /api/v1/cases/:ref/notes': { permission: Permission.CaseWork },
  'PUT /api/v1/cases/:ref/assignment': { permission: Permission.CaseAssign },
  'POST /api/v1/cases/:ref/break-glass': { permission: Permission.CaseBreakGlass },
  'PUT /api/v1/cases/:ref/legal-hold': { permission: Permission.CaseRetention },
  'POST /api/v1/cases/:ref/erasure': { permission: Permission.CaseRetention },
  'POST /api/v1/cases/:ref/erasure/confirmation': { permission: Permission.CaseRetention },
  'POST /api/v1/cases/:ref/erasure/withdrawal': { permission: Permission.CaseRetention },
  'POST /api/v1/cases/:ref/documents': { permission: Permission.CaseWork },
  'GET /api/v1/cases/:ref/documents': { permission: Permission.CaseWork },
  'GET /api/v1/cases/:ref/documents/:documentId/content': { permission: Permission.CaseWork },
  'PUT /api/v1/cases/:ref/documents/:documentId': { permission: Permission.CaseWork },
  'DELETE /api/v1/cases/:ref/documents/:documentId': { permission: Permission.CaseWork },
  'POST /api/v1/cases/:ref/shares': { permission: Permission.CaseWork },
  'GET /api/v1/cases/:ref/shares': { permission: Permission.CaseWork },
  'POST /api/v1/cases/:ref/shares/:shareId/revoke': { permission: Permission.CaseWork },
  'POST /api/v1/cases/:ref/check-in-requests': { permission: Permission.CaseWork },
  'GET /api/v1/cases/:ref/service-updates': { permission: Permission.CaseWork },
  'GET /api/v1/cases/:ref/journey': { permission: Permission.CaseWork },
  'POST /api/v1/cases/:ref/relocation-plans': { permission: Permission.CaseWork },
  'GET /api/v1/cases/:ref/relocation-plans': { permission: Permission.CaseWork },
  'POST /api/v1/cases/:ref/relocation-plans/:planId/approval': { permission: Permission.JourneyApprove },
  'POST /api/v1/cases/:ref/relocation-plans/:planId/withdrawal': { permission: Permission.CaseWork },
  'POST /api/v1/cases/:ref/legs': { permission: Permission.CaseWork },
  'POST /api/v1/cases/:ref/legs/:legId/departure': { permission: Permission.CaseWork },
  'POST /api/v1/cases/:ref/legs/:legId/arrival': { permission: Permission.CaseWork },
  'POST /api/v1/cases/:ref/legs/:legId/abort': { permission: Permission.CaseWork },
  'POST /api/v1/cases/:ref/stays': { permission: Permission.CaseWork },
  'POST /api/v1/cases/:ref/stays/:stayId/exit': { permission: Permission.CaseWork },
  'POST /api/v1/cases/:ref/resettlement-applications': { permission: Permission.CaseWork },
  'GET /api/v1/cases/:ref/resettlement-applications': { permission: Permission.CaseWork },
  'POST /api/v1/cases/:ref/resettlement-applications/:applicationId/submission-request': { permission: Permission.CaseWork },
  'POST /api/v1/cases/:ref/resettlement-applications/:applicationId/submission-approval': { permission: Permission.JourneyApprove },
  'POST /api/v1/cases/:ref/resettlement-applications/:applicationId/status': { permission: Permission.CaseWork, body: { status: 'INTERVIEW' } },
  'POST /api/v1/cases/:ref/resettlement-applications/:applicationId/milestones': {
    permission: Permission.CaseWork,
    body: { type: 'OTHER', date: '2026-01-01' },
  },
  'PUT /api/v1/cases/:ref/resettlement-applications/:applicationId/documents/:item': { permission: Permission.CaseWork, body: { status: 'OBTAINED' } },
  'POST /api/v1/cases/:ref/resettlement-applications/:applicationId/destination-arrival': {
    permission: Permission.CaseWork,
    body: { arrivedOn: '2026-01-01' },
  },
  'POST /api/v1/cases/:ref/resettlement-applications/:applicationId/handover': { permission: Permission.CaseWork },
  'POST /api/v1/cases/:ref/resettlement-applications/:applicationId/expedite-requests': {
    permission: Permission.ExpediteRequest,
    body: { agencyId: '6f1c1e9e-4d5b-4c2a-9a3e-1f2b3c4d5e6f', deadline: '2030-01-01T00:00:00Z', share: [] },
  },
  'GET /api/v1/cases/:ref/expedite-requests': { permission: Permission.CaseWork },
  'GET /partner/v1/expedite-requests': { permission: Permission.PartnerExpediteRespond },
  'GET /partner/v1/expedite-requests/:id/documents/:documentId/content': { permission: Permission.PartnerExpediteRespond },
  'POST /partner/v1/expedite-requests/:id/responses': { permission: Permission.PartnerExpediteRespond, body: { answer: 'ACKNOWLEDGED' } },

  'GET /api/v1/admin/stay-rules': { permission: Permission.StayRulesManage },
  'PUT /api/v1/admin/stay-rules/:nationality/:hostCountry': { permission: Permission.StayRulesManage },

  'POST /api/v1/cases/:ref/check-ins': { permission: Permission.CaseWork, body: { channel: 'CALL' } },
  'GET /api/v1/cases/:ref/schedule': { permission: Permission.CaseWork },
  'POST /api/v1/cases/:ref/escalations': { permission: Permission.CaseWork },
  'GET /api/v1/escalations': { permission: Permission.CaseWork },
  'POST /api/v1/escalations/:id/acknowledgement': { permission: Permission.CaseWork },
  'POST /api/v1/escalations/:id/resolution': { permission: Permission.CaseWork, body: { outcome: 'SAFE' } },
  'GET /api/v1/escalations/:id': { permission: Permission.CaseWork },
  'POST /api/v1/escalations/:id/reassignment': { permission: Permission.CaseAssign, body: { assigneeId: '6f1c1e9e-4d5b-4c2a-9a3e-1f2b3c4d5e6f' } },
  'PUT /api/v1/cases/:ref/checkin-pins': { permission: Permission.CaseWork, body: { safetyPin: '1234', duressPin: '5678' } },
  'POST /api/v1/cases/:ref/checkin-links': { permission: Permission.CaseWork },
  'GET /c/:token': { permission: Permission.Public },
  'POST /c/:token': { permission: Permission.Public },
  'GET /api/v1/admin/checkin-policy': { permission: Permission.CheckinPolicyManage },
  'PUT /api/v1/admin/checkin-policy': {
    permission: Permission.CheckinPolicyManage,
    body: { rules: [{ stage: 'RESETTLED', priority: 'NORMAL', intervalMinutes: 43200 }] },
  },

  'GET /api/v1/admin/lockdown': { permission: Permission.LockdownManage },
  'POST /api/v1/admin/lockdown': { permission: Permission.LockdownManage, allowedCoveredElsewhere: 'would end every session (staff-admin.e2e-spec)' },
  'POST /api/v1/admin/lockdown/lift': { permission: Permission.LockdownManage },

  'GET /partner/v1/webhooks': { permission: Permission.PartnerWebhooksManage },
  'POST /partner/v1/webhooks': { permission: Permission.PartnerWebhooksManage, body: { url: 'https://93.184.216.34/hook', eventTypes: ['case.shared'] } },
  'DELETE /partner/v1/webhooks/:id': { permission: Permission.PartnerWebhooksManage },
  'POST /partner/v1/webhooks/:id/test': { permission: Permission.PartnerWebhooksManage },
  'POST /partner/v1/webhooks/:id/enable': { permission: Permission.PartnerWebhooksManage },
  'GET /partner/v1/webhooks/:id/deliveries': { permission: Permission.PartnerWebhooksManage },
  'GET /api/v1/admin/alert-channels': { permission: Permission.OutboundManage },
  'POST /api/v1/admin/alert-channels': {
    permission: Permission.OutboundManage,
    body: { url: 'https://93.184.216.34/ops', eventTypes: ['escalation.opened'], description: 'ops chat' },
  },
  'DELETE /api/v1/admin/alert-channels/:id': { permission: Permission.OutboundManage },
  'POST /api/v1/admin/alert-channels/:id/test': { permission: Permission.OutboundManage },
  'POST /api/v1/admin/alert-channels/:id/enable': { permission: Permission.OutboundManage },
  'GET /api/v1/admin/alert-channels/:id/deliveries': { permission: Permission.OutboundManage },
  'GET /api/v1/admin/egress-allowlist': { permission: Permission.OutboundManage },
  'POST /api/v1/admin/egress-allowlist': { permission: Permission.OutboundManage, body: { host: 'matrix.example' } },
  'DELETE /api/v1/admin/egress-allowlist/:id': { permission: Permission.OutboundManage },
  'GET /metrics': { permission: Permission.MetricsScrape },
  'GET /api/v1/reports/cases': { permission: Permission.ReportsRead },
  'GET /api/v1/reports/cases/export': { permission: Permission.ReportsRead, query: 'rows=currentCountry&columns=priority' },
  'GET /partner/v1/reports/referrals': { permission: Permission.PartnerReportsRead, query: 'rows=stage&columns=priority' },
  'POST /api/v1/activations': { permission: Permission.ActivationsManage },
  'GET /api/v1/activations': { permission: Permission.ActivationsRead },
  'GET /api/v1/activations/:code': { permission: Permission.ActivationsRead },
  'GET /api/v1/activations/:code/dashboard': { permission: Permission.ActivationsRead },
  'POST /api/v1/activations/:code/stand-down': { permission: Permission.ActivationsManage },
  'PUT /api/v1/activations/:code/roster': { permission: Permission.ActivationsManage },
  'PUT /api/v1/activations/:code/overrides': { permission: Permission.ActivationsManage },
};

/** Why a coordinator opened a case outside their scope. */
export enum BreakGlassReason {
  ImmediateDanger = 'IMMEDIATE_DANGER',
  AssignedStaffUnreachable = 'ASSIGNED_STAFF_UNREACHABLE',
  EscalationResponse = 'ESCALATION_RESPONSE',
  Other = 'OTHER',
}

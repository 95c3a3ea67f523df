import type { TasksView } from './dto/tasks.view';
import type { TaskRows } from './workspace.repository';

const total = (rows: Array<{ total: number }>): number => rows[0]?.total ?? 0;

/** The action queue from its rows: complete counts, items most pressing first, seconds left from `now`. */
export function toTasksView(rows: TaskRows, now: Date, itemsPerKind: number): TasksView {
  const byLevel = rows.escalations[0]?.by_level ?? {};
  const counts = {
    relocationPlanApprovals: total(rows.plans),
    resettlementSubmissionApprovals: total(rows.submissions),
    unassignedReferrals: total(rows.unassigned),
    escalations: total(rows.escalations),
    escalationsByLevel: { level1: byLevel['1'] ?? 0, level2: byLevel['2'] ?? 0, level3: byLevel['3'] ?? 0 },
    overdueCheckins: total(rows.checkins),
    staysNearLimit: total(rows.stays),
    expediteOverdue: total(rows.expedites),
  };
  return {
    generatedAt: now.toISOString(),
    itemsPerKind,
    counts: {
      total:
        counts.relocationPlanApprovals +
        counts.resettlementSubmissionApprovals +
        counts.unassignedReferrals +
        counts.escalations +
        counts.overdueCheckins +
        counts.staysNearLimit +
        counts.expediteOverdue,
      ...counts,
    },
    relocationPlanApprovals: rows.plans.map((row) => ({
      id: row.id,
      caseId: row.case_id,
      caseReference: row.reference,
      requestedAt: row.requested_at.toISOString(),
    })),
    resettlementSubmissionApprovals: rows.submissions.map((row) => ({
      id: row.id,
      caseId: row.case_id,
      caseReference: row.reference,
      requestedAt: row.requested_at.toISOString(),
    })),
    unassignedReferrals: rows.unassigned.map((row) => ({
      caseId: row.case_id,
      caseReference: row.reference,
      priority: row.priority,
      referred: row.referred,
      createdAt: row.created_at.toISOString(),
    })),
    escalations: rows.escalations.map((row) => {
      const climbsAt = row.state === 'OPEN' ? row.climbs_at : null;
      return {
        escalationId: row.id,
        caseId: row.case_id,
        caseReference: row.reference,
        trigger: row.trigger,
        level: row.level,
        state: row.state,
        climbsAt: climbsAt?.toISOString() ?? null,
        secondsToAcknowledge: climbsAt ? Math.max(0, Math.floor((climbsAt.getTime() - now.getTime()) / 1000)) : null,
      };
    }),
    overdueCheckins: rows.checkins.map((row) => ({
      caseId: row.case_id,
      caseReference: row.reference,
      priority: row.priority,
      dueAt: row.due_at.toISOString(),
      deadlineAt: row.deadline_at?.toISOString() ?? null,
    })),
    staysNearLimit: rows.stays.map((row) => ({
      stayId: row.id,
      caseId: row.case_id,
      caseReference: row.reference,
      hostCountry: row.host_country,
      daysRemaining: row.days_remaining,
    })),
    expediteOverdue: rows.expedites.map((row) => ({
      requestId: row.id,
      caseId: row.case_id,
      caseReference: row.reference,
      agencyId: row.agency_id,
      deadlineAt: row.deadline_at.toISOString(),
    })),
  };
}

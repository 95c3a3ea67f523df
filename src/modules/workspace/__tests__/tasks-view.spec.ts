import { toTasksView } from '../tasks-view';
import type { TaskRows } from '../workspace.repository';

const empty: TaskRows = { plans: [], submissions: [], unassigned: [], escalations: [], checkins: [], stays: [], expedites: [] };
const now = new Date('2026-12-06T10:00:00.000Z');

describe('toTasksView', () => {
  it('is all zeros and empty lists when nothing waits', () => {
    const view = toTasksView(empty, now, 50);
    expect(view.counts).toEqual({
      total: 0,
      relocationPlanApprovals: 0,
      resettlementSubmissionApprovals: 0,
      unassignedReferrals: 0,
      escalations: 0,
      escalationsByLevel: { level1: 0, level2: 0, level3: 0 },
      overdueCheckins: 0,
      staysNearLimit: 0,
      expediteOverdue: 0,
    });
    expect(view.generatedAt).toBe('2026-12-06T10:00:00.000Z');
  });

  it('takes complete counts from the rows (not the number of items) and adds them up', () => {
    const view = toTasksView(
      {
        ...empty,
        plans: [{ id: 'p', case_id: 'c', reference: 'CR-1', requested_at: now, total: 7 }],
        checkins: [{ case_id: 'c', reference: 'CR-1', priority: 'URGENT', due_at: now, deadline_at: null, total: 3 }],
      },
      now,
      1,
    );
    expect(view.counts).toMatchObject({ relocationPlanApprovals: 7, overdueCheckins: 3, total: 10 });
    expect(view.relocationPlanApprovals).toEqual([{ id: 'p', caseId: 'c', caseReference: 'CR-1', requestedAt: now.toISOString() }]);
  });

  it('gives open escalations the seconds left before they climb (never negative) and none once acknowledged', () => {
    const row = { case_id: 'c', reference: 'CR-1', trigger: 'MISSED_CHECKIN', level: 1, level_changed_at: now, total: 3, by_level: { '1': 2, '3': 1 } };
    const view = toTasksView(
      {
        ...empty,
        escalations: [
          { ...row, id: 'a', state: 'OPEN', climbs_at: new Date(now.getTime() + 90_500) },
          { ...row, id: 'b', state: 'OPEN', climbs_at: new Date(now.getTime() - 5_000) },
          { ...row, id: 'c', state: 'ACKNOWLEDGED', climbs_at: new Date(now.getTime() + 60_000) },
        ],
      },
      now,
      50,
    );
    expect(view.escalations.map((item) => [item.escalationId, item.secondsToAcknowledge, item.climbsAt])).toEqual([
      ['a', 90, '2026-12-06T10:01:30.500Z'],
      ['b', 0, '2026-12-06T09:59:55.000Z'],
      ['c', null, null],
    ]);
    expect(view.counts.escalationsByLevel).toEqual({ level1: 2, level2: 0, level3: 1 });
  });
});

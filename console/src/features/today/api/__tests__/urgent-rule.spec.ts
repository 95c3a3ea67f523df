import { urgentAlertOf, type LiveNotification } from '../urgent-rule';

const event = (kind: string, details: Record<string, unknown>): LiveNotification => ({
  id: '5b2f0c1e-0000-4000-8000-000000000001',
  kind,
  subjectType: 'escalation',
  subjectId: '9b2d3c4e-5f60-4718-8293-a4b5c6d7e8f9',
  details,
  createdAt: '2026-12-07T00:00:00.000Z',
});

describe('urgent alerts from live events', () => {
  it('raises one for a level-3 escalation and for a duress escalation at any level', () => {
    expect(urgentAlertOf(event('escalation.raised', { caseReference: 'CR-7Q4X-M2K', trigger: 'MISSED_CHECKIN', level: 3 }))).toEqual({
      id: '5b2f0c1e-0000-4000-8000-000000000001',
      escalationId: '9b2d3c4e-5f60-4718-8293-a4b5c6d7e8f9',
      caseReference: 'CR-7Q4X-M2K',
      trigger: 'MISSED_CHECKIN',
      level: 3,
    });
    expect(urgentAlertOf(event('escalation.assigned', { caseReference: 'CR-7Q4X-M2K', trigger: 'DURESS', level: 1 }))).toMatchObject({
      trigger: 'DURESS',
      level: 1,
    });
  });

  it('stays quiet for lower levels and for other kinds of notice', () => {
    expect(urgentAlertOf(event('escalation.raised', { caseReference: 'CR-7Q4X-M2K', trigger: 'MISSED_CHECKIN', level: 2 }))).toBeNull();
    expect(urgentAlertOf(event('case.assigned', { level: 3, trigger: 'DURESS' }))).toBeNull();
    expect(urgentAlertOf(event('escalation.raised', {}))).toBeNull();
  });
});

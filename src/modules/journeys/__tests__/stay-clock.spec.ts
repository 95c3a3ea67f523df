import { daysBetween, daysRemaining, lastAllowedDay, utcDate } from '../domain/stay-clock';
import { MovementLegStatus, nextLegStatus } from '../domain/journey-status';

describe('stay clock', () => {
  it('counts the entry day as day one', () => {
    expect(daysRemaining({ entryDate: '2026-03-01', allowedDays: 365, exitDate: null }, '2026-03-01')).toBe(365);
    expect(daysRemaining({ entryDate: '2026-03-01', allowedDays: 90, exitDate: null }, '2026-05-29')).toBe(1);
    expect(lastAllowedDay('2026-03-01', 90)).toBe('2026-05-29');
    expect(daysRemaining({ entryDate: '2026-03-01', allowedDays: 90, exitDate: null }, '2026-05-30')).toBe(0);
  });

  it('has no clock without a rule, or after exit', () => {
    expect(daysRemaining({ entryDate: '2026-03-01', allowedDays: null, exitDate: null }, '2026-03-02')).toBeNull();
    expect(daysRemaining({ entryDate: '2026-03-01', allowedDays: 90, exitDate: '2026-03-10' }, '2026-03-12')).toBeNull();
  });

  it('works in UTC calendar days across DST and leap years', () => {
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(utcDate(new Date('2026-03-29T23:30:00-02:00'))).toBe('2026-03-30');
  });
});

describe('movement legs', () => {
  it('moves PLANNED → UNDERWAY → COMPLETED, aborts before completion, and nothing else', () => {
    expect(nextLegStatus(MovementLegStatus.PLANNED, 'depart')).toBe(MovementLegStatus.UNDERWAY);
    expect(nextLegStatus(MovementLegStatus.UNDERWAY, 'arrive')).toBe(MovementLegStatus.COMPLETED);
    expect(nextLegStatus(MovementLegStatus.UNDERWAY, 'abort')).toBe(MovementLegStatus.ABORTED);
    expect(nextLegStatus(MovementLegStatus.PLANNED, 'arrive')).toBeNull();
    expect(nextLegStatus(MovementLegStatus.COMPLETED, 'abort')).toBeNull();
    expect(nextLegStatus(MovementLegStatus.ABORTED, 'depart')).toBeNull();
  });
});

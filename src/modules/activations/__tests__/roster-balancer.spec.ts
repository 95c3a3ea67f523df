import { placeCases, type RosterSeat } from '../roster-balancer';

const cases = (n: number): string[] => Array.from({ length: n }, (_, i) => `case-${String(i).padStart(5, '0')}`);
const loadsAfter = (seats: RosterSeat[], placements: Array<{ userId: string }>): Map<string, number> => {
  const loads = new Map(seats.map((seat) => [seat.userId, seat.load]));
  for (const p of placements) loads.set(p.userId, loads.get(p.userId)! + 1);
  return loads;
};

describe('placeCases', () => {
  it('spreads cases so the most and least loaded differ by at most one where caps allow', () => {
    const seats: RosterSeat[] = [
      { userId: 'a', load: 7, cap: 100 },
      { userId: 'b', load: 0, cap: 100 },
      { userId: 'c', load: 3, cap: 100 },
    ];
    const { placements, unplaced } = placeCases(cases(50), seats);
    expect(unplaced).toEqual([]);
    const loads = [...loadsAfter(seats, placements).values()];
    expect(loads.reduce((a, b) => a + b, 0)).toBe(60);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
  });

  it('never passes a cap, balances the rest among those with room, and reports what is left', () => {
    const seats: RosterSeat[] = [
      { userId: 'a', load: 0, cap: 3 },
      { userId: 'b', load: 2, cap: 40 },
      { userId: 'c', load: 0, cap: 40 },
      { userId: 'd', load: 9, cap: 9 },
    ];
    const { placements, unplaced } = placeCases(cases(41), seats);
    const loads = loadsAfter(seats, placements);
    for (const seat of seats) expect(loads.get(seat.userId)!).toBeLessThanOrEqual(seat.cap);
    expect(loads.get('a')).toBe(3);
    expect(loads.get('d')).toBe(9);
    expect(Math.abs(loads.get('b')! - loads.get('c')!)).toBeLessThanOrEqual(1);
    expect(unplaced).toEqual([]);
    const full = placeCases(cases(100), seats);
    expect(full.placements).toHaveLength(3 + 38 + 40);
    expect(full.unplaced).toHaveLength(100 - 81);
  });

  it('places identically on a re-run (ties by user id) and places nothing without a roster', () => {
    const seats: RosterSeat[] = [
      { userId: 'b', load: 0, cap: 5 },
      { userId: 'a', load: 0, cap: 5 },
    ];
    expect(placeCases(cases(4), seats)).toEqual(placeCases(cases(4), seats));
    expect(placeCases(cases(1), seats).placements).toEqual([{ caseId: 'case-00000', userId: 'a' }]);
    expect(placeCases(cases(2), [])).toEqual({ placements: [], unplaced: cases(2) });
  });
});

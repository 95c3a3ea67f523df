/** A roster member as placement sees them: open cases held now, and the most they may hold. */
export interface RosterSeat {
  userId: string;
  load: number;
  cap: number;
}

export interface Placement {
  placements: Array<{ caseId: string; userId: string }>;
  /** Cases no one had room for: reported, never dropped. */
  unplaced: string[];
}

/**
 * Water-filling: each case goes to the least-loaded member with room (ties by user id, so a
 * re-run places identically). No one passes their cap, and among members below their cap the
 * spread of open caseload never grows beyond one case once it has reached one.
 */
export function placeCases(caseIds: readonly string[], seats: readonly RosterSeat[]): Placement {
  const open = seats.map((seat) => ({ ...seat })).sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
  const placements: Placement['placements'] = [];
  const unplaced: string[] = [];
  for (const caseId of caseIds) {
    let best: (typeof open)[number] | undefined;
    for (const seat of open) if (seat.load < seat.cap && (!best || seat.load < best.load)) best = seat;
    if (!best) {
      unplaced.push(caseId);
      continue;
    }
    best.load += 1;
    placements.push({ caseId, userId: best.userId });
  }
  return { placements, unplaced };
}

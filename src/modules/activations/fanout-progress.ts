/** A fan-out run's counters before it starts: every run (activation, stand-down, edit) begins here. */
export const ZERO_FANOUT_COUNTERS = {
  fanoutChunksTotal: 0,
  fanoutChunksDone: 0,
  fanoutTargeted: 0,
  fanoutLinked: 0,
  fanoutRescheduled: 0,
  fanoutAssigned: 0,
  fanoutUnplaced: 0,
  fanoutFailed: 0,
  fanoutReleased: 0,
} as const;

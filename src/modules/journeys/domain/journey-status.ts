/** Relocation plan lifecycle: REQUESTED → APPROVED | REJECTED (coordinator, four-eyes), or WITHDRAWN by its requester. */
export enum RelocationPlanStatus {
  REQUESTED = 'REQUESTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
}

export enum PlanDecision {
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
}

export enum MovementMode {
  AIR = 'AIR',
  LAND = 'LAND',
  SEA = 'SEA',
}

/** PLANNED → UNDERWAY → COMPLETED | ABORTED; a planned leg may also be aborted. */
export enum MovementLegStatus {
  PLANNED = 'PLANNED',
  UNDERWAY = 'UNDERWAY',
  COMPLETED = 'COMPLETED',
  ABORTED = 'ABORTED',
}

export type LegEvent = 'depart' | 'arrive' | 'abort';

const LEG_MOVES: Readonly<Record<LegEvent, { from: readonly MovementLegStatus[]; to: MovementLegStatus }>> = {
  depart: { from: [MovementLegStatus.PLANNED], to: MovementLegStatus.UNDERWAY },
  arrive: { from: [MovementLegStatus.UNDERWAY], to: MovementLegStatus.COMPLETED },
  abort: { from: [MovementLegStatus.PLANNED, MovementLegStatus.UNDERWAY], to: MovementLegStatus.ABORTED },
};

/** The status a leg moves to on `event`, or null when its current status does not allow it. */
export function nextLegStatus(current: MovementLegStatus, event: LegEvent): MovementLegStatus | null {
  const move = LEG_MOVES[event];
  return move.from.includes(current) ? move.to : null;
}

export enum AccommodationType {
  SAFE_HOUSE = 'SAFE_HOUSE',
  PARTNER_SHELTER = 'PARTNER_SHELTER',
  RENTED = 'RENTED',
  OTHER = 'OTHER',
}

import type { AccommodationType, MovementLegStatus, MovementMode, RelocationPlanStatus } from './domain/journey-status';
import { daysRemaining, lastAllowedDay } from './domain/stay-clock';
import type { MovementLegEntity, RelocationPlanEntity, SafeCountryStayEntity } from './journey-records.entity';

export interface RelocationPlanView {
  id: string;
  status: RelocationPlanStatus;
  originCountry: string;
  transitCountry: string;
  destinationCountry: string;
  plannedDepartureDate: string | null;
  estimatedCost: { amountMinor: number; currency: string } | null;
  /** Null when there are none, or the caller may not see notes. */
  notes: string | null;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
}

export interface MovementLegView {
  id: string;
  fromCountry: string;
  toCountry: string;
  mode: MovementMode;
  status: MovementLegStatus;
  plannedDepartureDate: string | null;
  plannedArrivalDate: string | null;
  departedAt: string | null;
  arrivedAt: string | null;
  abortedAt: string | null;
}

export interface StayView {
  id: string;
  hostCountry: string;
  entryDate: string;
  /** From the stay-rule table at arrival; null when no rule exists for the nationality and host. */
  allowedDays: number | null;
  stayRuleSource: string | null;
  lastAllowedDay: string | null;
  /** Derived from the Clock on every read. */
  daysRemaining: number | null;
  exitDate: string | null;
  accommodation: { type: AccommodationType | null; location: string | null } | null;
}

export interface JourneyView {
  reference: string;
  relocationPlans: RelocationPlanView[];
  legs: MovementLegView[];
  stays: StayView[];
  currentStay: StayView | null;
}

export function planView(row: RelocationPlanEntity, notes: string | null): RelocationPlanView {
  return {
    id: row.id,
    status: row.status,
    originCountry: row.originCountry,
    transitCountry: row.transitCountry,
    destinationCountry: row.destinationCountry,
    plannedDepartureDate: row.plannedDepartureDate,
    estimatedCost: row.estimatedCostMinor !== null && row.costCurrency !== null ? { amountMinor: row.estimatedCostMinor, currency: row.costCurrency } : null,
    notes,
    requestedBy: row.requestedBy,
    requestedAt: row.requestedAt.toISOString(),
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt?.toISOString() ?? null,
  };
}

export function legView(row: MovementLegEntity): MovementLegView {
  return {
    id: row.id,
    fromCountry: row.fromCountry,
    toCountry: row.toCountry,
    mode: row.mode,
    status: row.status,
    plannedDepartureDate: row.plannedDepartureDate,
    plannedArrivalDate: row.plannedArrivalDate,
    departedAt: row.departedAt?.toISOString() ?? null,
    arrivedAt: row.arrivedAt?.toISOString() ?? null,
    abortedAt: row.abortedAt?.toISOString() ?? null,
  };
}

export function stayView(row: SafeCountryStayEntity, location: string | null, today: string): StayView {
  return {
    id: row.id,
    hostCountry: row.hostCountry,
    entryDate: row.entryDate,
    allowedDays: row.allowedDays,
    stayRuleSource: row.stayRuleSource,
    lastAllowedDay: row.allowedDays !== null ? lastAllowedDay(row.entryDate, row.allowedDays) : null,
    daysRemaining: daysRemaining(row, today),
    exitDate: row.exitDate,
    accommodation: row.accommodationType !== null || location !== null ? { type: row.accommodationType, location } : null,
  };
}

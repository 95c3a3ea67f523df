import type { EntityManager } from 'typeorm';
import type { TransitionFacts } from './domain/stage-machine';

/** The part of the stage guards' facts that comes from the case's journey records. */
export type JourneyTransitionFacts = Pick<
  TransitionFacts,
  'relocationPlan' | 'departureRecorded' | 'safeCountryArrival' | 'resettlementApplications' | 'destinationArrivalRecorded' | 'handedOverToSettlementAgency'
>;

/** What a case with no journey records has: every journey guard refuses. */
export const NO_JOURNEY: JourneyTransitionFacts = {
  relocationPlan: null,
  departureRecorded: false,
  safeCountryArrival: null,
  resettlementApplications: [],
  destinationArrivalRecorded: false,
  handedOverToSettlementAgency: false,
};

/**
 * Port: the journeys module implements it, so cases depends on no journey table or entity and
 * the dependency runs journeys → cases only. Called in the transaction that writes the transition,
 * with the case row locked.
 */
export abstract class JourneyFacts {
  abstract load(tx: EntityManager, caseRow: { id: string; activationId: string | null }): Promise<JourneyTransitionFacts>;
}

import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CaseErasureParticipant, CaseErasureParticipants } from '@modules/cases/case-erasure.port';
import { JourneyFacts, type JourneyTransitionFacts } from '@modules/cases/journey-facts.port';
import { RelocationPlanStatus } from './domain/journey-status';
import { JourneysRepository } from './journeys.repository';
import { TransitPolicy } from './transit-policy';

/** The journeys side of the stage guards (the cases module's `JourneyFacts` port). */
@Injectable()
export class JourneyFactsService extends JourneyFacts {
  constructor(
    private readonly journeys: JourneysRepository,
    private readonly transit: TransitPolicy,
  ) {
    super();
  }

  async load(tx: EntityManager, caseRow: { id: string; activationId: string | null }): Promise<JourneyTransitionFacts> {
    const plan = await this.journeys.currentPlan(tx, caseRow.id);
    const departureRecorded = await this.journeys.departureRecorded(tx, caseRow.id);
    const stay = await this.journeys.openStay(tx, caseRow.id);
    const applications = await this.journeys.applications(caseRow.id, tx);
    return {
      relocationPlan: plan
        ? {
            status: plan.status,
            approvedByOtherThanRequester: plan.status === RelocationPlanStatus.APPROVED && plan.decidedBy !== null && plan.decidedBy !== plan.requestedBy,
            transitCountryAllowed: await this.transit.allows(caseRow, plan.transitCountry),
          }
        : null,
      departureRecorded,
      safeCountryArrival: stay ? { country: stay.hostCountry, entryDate: new Date(`${stay.entryDate}T00:00:00Z`) } : null,
      resettlementApplications: applications.map((application) => application.status),
      destinationArrivalRecorded: applications.some((application) => application.destinationArrivedOn !== null),
      handedOverToSettlementAgency: applications.some((application) => application.handedOverAt !== null),
    };
  }
}

/** Nulls the journey ciphertext of an erased case (the cases module's erasure port). */
@Injectable()
export class JourneyErasure extends CaseErasureParticipant implements OnModuleInit {
  constructor(
    private readonly journeys: JourneysRepository,
    private readonly participants: CaseErasureParticipants,
  ) {
    super();
  }

  onModuleInit(): void {
    this.participants.join(this);
  }

  async eraseProtected(tx: EntityManager, caseId: string): Promise<void> {
    await this.journeys.eraseProtected(tx, caseId);
  }
}

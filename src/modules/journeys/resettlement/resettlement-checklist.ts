import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { JourneysRepository } from '../journeys.repository';

/** For other modules (case documents): whether a checklist item exists on one of a case's applications. */
@Injectable()
export class ResettlementChecklist {
  constructor(private readonly journeys: JourneysRepository) {}

  async has(tx: EntityManager, caseId: string, applicationId: string, item: string): Promise<boolean> {
    const app = await this.journeys.findApplication(tx, caseId, applicationId);
    return !!app && app.documents.some((entry) => entry.item === item);
  }
}

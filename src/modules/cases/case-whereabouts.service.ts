import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '@common/clock/clock';
import { CasesRepository } from './cases.repository';

/**
 * The one way another module changes where a case's person is: the journeys module records an
 * arrival, and the case's plain `current_country` (what staff filter by) follows, in its
 * transaction. The caller journals the change that caused it.
 */
@Injectable()
export class CaseWhereabouts {
  constructor(
    private readonly cases: CasesRepository,
    private readonly clock: Clock,
  ) {}

  async setCurrentCountry(tx: EntityManager, caseId: string, country: string): Promise<void> {
    await this.cases.updateCase(tx, caseId, { currentCountry: country, updatedAt: this.clock.now() });
  }
}

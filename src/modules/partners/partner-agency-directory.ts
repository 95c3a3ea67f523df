import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AgencyDirectory, type AgencyFacts } from '@common/access/agency-directory';
import { AgencyStatus } from './partner-agency.entity';
import { PartnersRepository } from './partners.repository';

@Injectable()
export class PartnerAgencyDirectory extends AgencyDirectory {
  constructor(private readonly partners: PartnersRepository) {
    super();
  }

  async find(tx: EntityManager, agencyId: string): Promise<AgencyFacts | null> {
    const row = await this.partners.findAgency(agencyId, tx);
    return row ? { id: row.id, name: row.name, type: row.type, active: row.status === AgencyStatus.Active } : null;
  }
}

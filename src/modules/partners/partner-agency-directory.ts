import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AgencyDirectory } from '@common/access/agency-directory';
import { AgencyStatus } from './partner-agency.entity';
import { PartnersRepository } from './partners.repository';

@Injectable()
export class PartnerAgencyDirectory extends AgencyDirectory {
  constructor(private readonly repository: PartnersRepository) {
    super();
  }

  async isActive(tx: EntityManager, agencyId: string): Promise<boolean> {
    return (await this.repository.findAgency(agencyId, tx))?.status === AgencyStatus.Active;
  }
}

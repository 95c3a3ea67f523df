import type { EntityManager } from 'typeorm';
import type { AgencyType } from './roles';

/** What another module may know of a partner agency: never its contact channel. */
export interface AgencyFacts {
  id: string;
  name: string;
  type: AgencyType;
  active: boolean;
}

/**
 * Looks up partner agencies for modules that address one (shares, expedited requests to a
 * GOVERNMENT liaison) without reaching into the partners module's tables. Implemented by the
 * partners module.
 */
export abstract class AgencyDirectory {
  abstract find(tx: EntityManager, agencyId: string): Promise<AgencyFacts | null>;

  /** Whether the agency exists and may receive things (shares). */
  async isActive(tx: EntityManager, agencyId: string): Promise<boolean> {
    return (await this.find(tx, agencyId))?.active === true;
  }
}

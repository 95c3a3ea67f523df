import type { EntityManager } from 'typeorm';

/**
 * Whether a partner agency exists and may receive things (shares), for modules that must not read
 * the partners module's tables. Implemented by the partners module.
 */
export abstract class AgencyDirectory {
  abstract isActive(tx: EntityManager, agencyId: string): Promise<boolean>;
}

import type { EntityManager } from 'typeorm';
import type { StaffRole } from './roles';

/**
 * Who holds a role, for modules that must alert people (lockdown, role changes, escalations)
 * without reaching into the staff module's tables. Implemented by the staff module.
 */
export abstract class StaffDirectory {
  abstract activeIdsWithRole(tx: EntityManager, role: StaffRole, exceptUserId?: string | null): Promise<string[]>;
}

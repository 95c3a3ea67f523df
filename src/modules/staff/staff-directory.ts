import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { StaffRole } from '@common/access/roles';
import { StaffDirectory } from '@common/access/staff-directory';
import { StaffRepository } from './staff.repository';

@Injectable()
export class StaffDirectoryService extends StaffDirectory {
  constructor(private readonly staff: StaffRepository) {
    super();
  }

  activeIdsWithRole(tx: EntityManager, role: StaffRole, exceptUserId: string | null = null): Promise<string[]> {
    return this.staff.activeIdsWithRole(tx, role, exceptUserId);
  }
}

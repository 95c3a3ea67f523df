import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { StaffRole } from '@common/access/roles';
import { StaffAccountsService, type IssuedEnrolment } from './staff-accounts.service';
import { StaffRepository } from './staff.repository';

/**
 * Single-machine default: while no admin has finished enrolment, each start issues a fresh
 * one-time enrolment token for the first admin (the previous one stops working) and the operator
 * sees it on the console. No password ever exists that someone else chose.
 */
@Injectable()
export class FirstAdminBootstrap {
  constructor(
    private readonly dataSource: DataSource,
    private readonly staff: StaffRepository,
    private readonly accounts: StaffAccountsService,
  ) {}

  async ensure(email: string): Promise<IssuedEnrolment | null> {
    const admins = await this.dataSource.transaction((tx) => this.staff.activeIdsWithRole(tx, StaffRole.Admin, null));
    if (admins.length > 0) return null;
    return this.accounts.enrolFirstAdmin(email);
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { StaffRole } from '@common/access/roles';
import { StaffDirectory } from '@common/access/staff-directory';
import { CredentialEpoch } from '@common/access/credential-epoch';
import { actorOf, staffOf, type RequestContext } from '@common/access/request-context';
import { Clock } from '@common/clock/clock';
import { AuditService } from '@modules/audit/audit.service';
import { NotificationsService } from '@modules/notifications/notifications.service';
import { LockdownAlreadyActiveException, LockdownNeedsSecondAdminException, LockdownNotActiveException } from './lockdown.exception';
import { LockdownRepository } from './lockdown.repository';

export interface LockdownStatus {
  active: boolean;
  declaredAt: string | null;
  declaredBy: string | null;
  liftedAt: string | null;
  liftedBy: string | null;
}

/**
 * Lockdown cuts every credential at once: bumping the credential epoch ends all staff sessions
 * and API keys issued before (they check it on every request), and webhooks pause while it
 * lasts (delivery checks `lockdownActive`). Only admins may sign in during lockdown; a second,
 * different admin lifts it.
 */
@Injectable()
export class LockdownService extends CredentialEpoch {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: LockdownRepository,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly staff: StaffDirectory,
    private readonly clock: Clock,
  ) {
    super();
  }

  current(): Promise<number> {
    return this.repository.currentEpoch();
  }

  async isActive(): Promise<boolean> {
    return (await this.repository.read()).lockdownActive;
  }

  async status(): Promise<LockdownStatus> {
    const state = await this.repository.read();
    return {
      active: state.lockdownActive,
      declaredAt: state.lockdownDeclaredAt?.toISOString() ?? null,
      declaredBy: state.lockdownDeclaredBy,
      liftedAt: state.lockdownLiftedAt?.toISOString() ?? null,
      liftedBy: state.lockdownLiftedBy,
    };
  }

  async declare(ctx: RequestContext): Promise<LockdownStatus> {
    const adminUserId = staffOf(ctx).userId;
    await this.dataSource.transaction(async (tx) => {
      const state = await this.repository.readForUpdate(tx);
      if (state.lockdownActive) throw new LockdownAlreadyActiveException();
      const now = this.clock.now();
      await this.repository.update(tx, {
        credentialEpoch: state.credentialEpoch + 1,
        lockdownActive: true,
        lockdownDeclaredBy: adminUserId,
        lockdownDeclaredAt: now,
        lockdownLiftedBy: null,
        lockdownLiftedAt: null,
      });
      await this.audit.record(tx, {
        actor: actorOf(ctx),
        action: 'lockdown.declared',
        resourceType: 'system',
        requestId: ctx.requestId,
        details: { epoch: state.credentialEpoch + 1 },
      });
      await this.notifications.notify(tx, await this.staff.activeIdsWithRole(tx, StaffRole.Admin, adminUserId), {
        kind: 'lockdown.declared',
        subjectType: 'system',
      });
    });
    return this.status();
  }

  async lift(ctx: RequestContext): Promise<LockdownStatus> {
    const adminUserId = staffOf(ctx).userId;
    await this.dataSource.transaction(async (tx) => {
      const state = await this.repository.readForUpdate(tx);
      if (!state.lockdownActive) throw new LockdownNotActiveException();
      if (state.lockdownDeclaredBy === adminUserId) throw new LockdownNeedsSecondAdminException();
      await this.repository.update(tx, { lockdownActive: false, lockdownLiftedBy: adminUserId, lockdownLiftedAt: this.clock.now() });
      await this.audit.record(tx, { actor: actorOf(ctx), action: 'lockdown.lifted', resourceType: 'system', requestId: ctx.requestId });
      await this.notifications.notify(tx, await this.staff.activeIdsWithRole(tx, StaffRole.Admin, adminUserId), {
        kind: 'lockdown.lifted',
        subjectType: 'system',
      });
    });
    return this.status();
  }
}

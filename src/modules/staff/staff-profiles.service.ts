import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { staffOf, type RequestContext } from '@common/access/request-context';
import { StaffRole } from '@common/access/roles';
import { startAfter, toPage, type Page } from '@common/pagination/keyset';
import { AuditService } from '@modules/audit/audit.service';
import { StaffRepository } from './staff.repository';
import { StaffSecrets } from './staff-secrets';
import type { StaffLanguage } from './staff-language';
import type { StaffStatus, StaffUserEntity } from './staff-user.entity';

export interface StaffProfile {
  id: string;
  roles: StaffRole[];
  status: `${StaffStatus}`;
  /** Null until the person sets one. */
  displayName: string | null;
  preferredLanguage: StaffLanguage;
  /** Names masked in the console's lists until revealed. */
  maskNames: boolean;
}

/** The people who work cases: what a coordinator needs for rosters and assignment. */
export const DIRECTORY_ROLES = [StaffRole.Caseworker, StaffRole.Coordinator] as const;

/**
 * Staff members' own profile (display name sealed under their data key, preferred language) and
 * the directory coordinators read. Emails never leave here: the directory shows names only.
 */
@Injectable()
export class StaffProfilesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly staff: StaffRepository,
    private readonly secrets: StaffSecrets,
    private readonly audit: AuditService,
  ) {}

  async own(ctx: RequestContext): Promise<StaffProfile> {
    const userId = staffOf(ctx).userId;
    return this.dataSource.transaction(async (tx) => {
      const user = await this.staff.findById(userId, tx);
      if (!user) throw new Error('an authenticated staff member has no account row');
      return this.profileOf(tx, user);
    });
  }

  async updateOwn(ctx: RequestContext, changes: { displayName?: string; preferredLanguage?: StaffLanguage; maskNames?: boolean }): Promise<StaffProfile> {
    const principal = staffOf(ctx);
    return this.dataSource.transaction(async (tx) => {
      const user = await this.staff.findByIdForUpdate(tx, principal.userId);
      if (!user) throw new Error('an authenticated staff member has no account row');
      const update: Partial<StaffUserEntity> = {};
      if (changes.displayName !== undefined) update.displayNameSealed = await this.secrets.seal(tx, user.id, 'display_name', changes.displayName);
      if (changes.preferredLanguage !== undefined) update.preferredLanguage = changes.preferredLanguage;
      if (changes.maskNames !== undefined) update.maskNames = changes.maskNames;
      if (Object.keys(update).length > 0) {
        await this.staff.updateUser(tx, user.id, update);
        // Which fields changed, never their values.
        await this.audit.record(tx, {
          actor: principal,
          action: 'staff.profile_updated',
          resourceType: 'staff_user',
          resourceId: user.id,
          requestId: ctx.requestId,
          details: { fields: Object.keys(changes).sort() },
        });
      }
      return this.profileOf(tx, { ...user, ...update });
    });
  }

  /**
   * Caseworkers and coordinators, keyset-paged by (created_at, id), names opened. Reading names
   * is audited (one row per page: who read how many).
   */
  async directory(ctx: RequestContext, query: { cursor?: string; limit: number }): Promise<Page<StaffProfile>> {
    const principal = staffOf(ctx);
    const rows = await this.staff.pageWithAnyRole(startAfter(query.cursor), query.limit, [...DIRECTORY_ROLES]);
    const page = toPage(rows, query.limit, (user) => user);
    const items = await this.dataSource.transaction(async (tx) => {
      const profiles = await Promise.all(page.items.map((user) => this.profileOf(tx, user)));
      await this.audit.record(tx, {
        actor: principal,
        action: 'staff.directory_read',
        resourceType: 'staff_user',
        requestId: ctx.requestId,
        details: { count: profiles.length },
      });
      return profiles;
    });
    return { items, nextCursor: page.nextCursor };
  }

  private async profileOf(tx: EntityManager, user: StaffUserEntity): Promise<StaffProfile> {
    return {
      id: user.id,
      roles: user.roles,
      status: user.status,
      displayName: user.displayNameSealed ? await this.secrets.openText(tx, user.id, 'display_name', user.displayNameSealed) : null,
      preferredLanguage: user.preferredLanguage,
      maskNames: user.maskNames,
    };
  }
}

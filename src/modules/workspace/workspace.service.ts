import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PERMISSION_RULES, type Permission } from '@common/access/permission';
import { staffOf, type RequestContext } from '@common/access/request-context';
import { StaffRole } from '@common/access/roles';
import { Clock } from '@common/clock/clock';
import type { Page } from '@common/pagination/keyset';
import { CaseActivationLinks } from '@modules/cases/case-activation-links.service';
import { STAY_LIMIT_THRESHOLDS } from '@modules/journeys/stay-limit.service';
import type { StaffLanguage } from '@modules/staff/staff-language';
import { StaffProfilesService, type StaffProfile } from '@modules/staff/staff-profiles.service';
import type { MeView, StaffDirectoryEntryView } from './dto/me.view';
import type { TasksView } from './dto/tasks.view';
import { toTasksView } from './tasks-view';
import { WorkspaceRepository } from './workspace.repository';

/** The permissions a set of staff roles holds (route level; case access is decided per case). */
export function permissionsOf(roles: readonly StaffRole[]): Permission[] {
  return (Object.entries(PERMISSION_RULES) as Array<[Permission, (typeof PERMISSION_RULES)[Permission]]>)
    .filter(([, rule]) => 'staffRoles' in rule && (rule.staffRoles === 'any' || roles.some((role) => rule.staffRoles.includes(role))))
    .map(([permission]) => permission)
    .sort();
}

export const TASK_ITEMS_PER_KIND = 50;
/** The first stay-limit warning (journeys' STAY_LIMIT_THRESHOLDS[0]): a stay this close to its limit is a task. */
const STAY_WARNING_DAYS = STAY_LIMIT_THRESHOLDS[0];

/** Who I am, my profile, and the staff directory coordinators read. */
@Injectable()
export class WorkspaceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly profiles: StaffProfilesService,
    private readonly caseloads: CaseActivationLinks,
    private readonly repository: WorkspaceRepository,
    private readonly clock: Clock,
  ) {}

  /** The action queue: what waits for me now (ids and references only; names come from the case list). */
  async tasks(ctx: RequestContext): Promise<TasksView> {
    const principal = staffOf(ctx);
    const now = this.clock.now();
    const rows = await this.repository.tasks({
      userId: principal.userId,
      coordinator: principal.roles.includes(StaffRole.Coordinator),
      now,
      today: now.toISOString().slice(0, 10),
      limit: TASK_ITEMS_PER_KIND,
      stayWarningDays: STAY_WARNING_DAYS,
    });
    return toTasksView(rows, now, TASK_ITEMS_PER_KIND);
  }

  async me(ctx: RequestContext): Promise<MeView> {
    return this.meOf(ctx, await this.profiles.own(ctx));
  }

  async updateMe(ctx: RequestContext, changes: { displayName?: string; preferredLanguage?: StaffLanguage; maskNames?: boolean }): Promise<MeView> {
    return this.meOf(ctx, await this.profiles.updateOwn(ctx, changes));
  }

  async directory(ctx: RequestContext, query: { cursor?: string; limit: number }): Promise<Page<StaffDirectoryEntryView>> {
    const page = await this.profiles.directory(ctx, query);
    const loads = await this.caseloads.openCaseloads(
      this.dataSource.manager,
      page.items.map((item) => item.id),
    );
    return {
      items: page.items.map((item) => ({
        id: item.id,
        displayName: item.displayName,
        roles: item.roles,
        status: item.status,
        active: item.status === 'ACTIVE',
        openCaseload: loads.get(item.id) ?? 0,
      })),
      nextCursor: page.nextCursor,
    };
  }

  private async meOf(ctx: RequestContext, profile: StaffProfile): Promise<MeView> {
    const principal = staffOf(ctx);
    return {
      id: profile.id,
      roles: profile.roles,
      permissions: permissionsOf(profile.roles),
      displayName: profile.displayName,
      preferredLanguage: profile.preferredLanguage,
      maskNames: profile.maskNames,
      activationsCoordinated: await this.repository.activationsCoordinatedBy(principal.userId),
    };
  }
}

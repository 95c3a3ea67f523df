import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { staffOf, type RequestContext } from '@common/access/request-context';
import { StaffRole } from '@common/access/roles';
import { StaffDirectory } from '@common/access/staff-directory';
import { Clock } from '@common/clock/clock';
import { startAfter, toPage, type Page } from '@common/pagination/keyset';
import { PartnerEventPublisher, PartnerEventType } from '@common/partner-events/partner-event';
import { AuditService } from '@modules/audit/audit.service';
import { ActivationRosterEntity, ActivationStatus, FanoutKind, type ActivationEntity } from './activation.entity';
import { ActivationFanoutService } from './activation-fanout.service';
import { toOverrides, toProgress, toView, type ActivationDashboard, type ActivationView } from './activation-view';
import { ZERO_FANOUT_COUNTERS } from './fanout-progress';
import { ActivationsRepository, type DashboardFigures } from './activations.repository';
import {
  ActivationCodeTakenException,
  ActivationNotActiveException,
  ActivationNotFoundException,
  ActivationOriginOverlapException,
  FanoutRunningException,
  InvalidRosterException,
  NotInChargeException,
} from './activations.exception';
import type { ActivationListQueryDto, CreateActivationDto, OverridesDto, RosterMemberDto, UpdateRosterDto } from './dto/activations.dto';

/**
 * The dashboard's aggregates are at most this old. At 100,000 held cases they cost a few hundred
 * milliseconds of database time, so each API process recomputes them at most this often, in the
 * background, and serves the last result meanwhile (progress is always read live).
 */
export const DASHBOARD_FRESH_MS = 2_000;

interface DashboardSnapshot {
  at: number;
  figures: DashboardFigures;
  refreshing: boolean;
}

/** Rapid-response activations (spec 3.7): declared and stood down by coordinators, audited, told to partners. */
@Injectable()
export class ActivationsService {
  private readonly logger = new Logger(ActivationsService.name);
  private readonly snapshots = new Map<string, DashboardSnapshot>();
  private readonly computing = new Map<string, Promise<DashboardSnapshot>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ActivationsRepository,
    private readonly fanout: ActivationFanoutService,
    private readonly staff: StaffDirectory,
    private readonly partners: PartnerEventPublisher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Declares the activation and starts its fan-out; the request returns as soon as both are committed. */
  activate(ctx: RequestContext, dto: CreateActivationDto): Promise<ActivationView> {
    const coordinator = staffOf(ctx);
    return this.dataSource.transaction(async (tx) => {
      const now = this.clock.now();
      const coordinatorIds = [...new Set([coordinator.userId, ...(dto.coordinatorIds ?? [])])];
      await this.requireStaff(tx, coordinatorIds, StaffRole.Coordinator, '/coordinatorIds', 'must all be active coordinators');
      const roster = await this.validRoster(tx, dto.roster);
      if (await this.repository.codeTaken(tx, dto.code)) throw new ActivationCodeTakenException();
      // Serialises activations covering the same countries, so two cannot both pass the overlap check.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('activations.origin'))`);
      const overlapping = await this.repository.activeOverlapping(tx, dto.originCountries);
      if (overlapping.length > 0) throw new ActivationOriginOverlapException(overlapping);
      const row: ActivationEntity = {
        id: randomUUID(),
        code: dto.code,
        title: dto.title,
        description: dto.description ?? '',
        originCountries: [...dto.originCountries].sort(),
        transitCountries: [...(dto.transitCountries ?? [])].sort(),
        agencyIds: dto.agencyIds ?? [],
        coordinatorIds,
        overrides: toOverrides(dto.overrides),
        status: ActivationStatus.ACTIVE,
        startedAt: now,
        startedBy: coordinator.userId,
        stoodDownAt: null,
        stoodDownBy: null,
        fanoutKind: null,
        fanoutGeneration: 0,
        ...ZERO_FANOUT_COUNTERS,
        fanoutStartedAt: null,
        fanoutFinishedAt: null,
        updatedAt: now,
      };
      const members = roster.map((member) =>
        Object.assign(new ActivationRosterEntity(), { activationId: row.id, userId: member.userId, caseloadCap: member.caseloadCap, addedAt: now }),
      );
      await this.repository.insert(tx, row, members);
      await this.audit.record(tx, {
        actor: coordinator,
        action: 'activation.started',
        resourceType: 'activation',
        resourceId: row.code,
        requestId: ctx.requestId,
        details: {
          originCountries: row.originCountries,
          roster: members.length,
          coordinators: coordinatorIds.length,
          agencies: row.agencyIds.length,
          overrides: Object.keys(row.overrides),
        },
      });
      await this.partners.publish(tx, {
        agencyIds: row.agencyIds,
        type: PartnerEventType.ActivationStarted,
        data: { code: row.code, status: row.status, originCountries: row.originCountries.join(','), startedAt: now.toISOString() },
        dedupeKey: `activation:${row.id}:started`,
      });
      await this.fanout.start(tx, row, FanoutKind.LINK);
      return toView(await this.reload(tx, row.id), members);
    });
  }

  /** Removes the overrides and releases the cases (same chunked machinery); the history stays. */
  standDown(ctx: RequestContext, code: string): Promise<ActivationView> {
    const coordinator = staffOf(ctx);
    return this.dataSource.transaction(async (tx) => {
      const row = await this.lockInCharge(tx, code, coordinator.userId);
      const now = this.clock.now();
      await this.repository.update(tx, row.id, { status: ActivationStatus.STOOD_DOWN, stoodDownAt: now, stoodDownBy: coordinator.userId, updatedAt: now });
      await this.audit.record(tx, {
        actor: coordinator,
        action: 'activation.stood_down',
        resourceType: 'activation',
        resourceId: row.code,
        requestId: ctx.requestId,
        details: { linked: row.fanoutLinked, interruptedRun: row.fanoutFinishedAt === null && row.fanoutGeneration > 0 },
      });
      await this.partners.publish(tx, {
        agencyIds: row.agencyIds,
        type: PartnerEventType.ActivationStoodDown,
        data: { code: row.code, status: ActivationStatus.STOOD_DOWN, stoodDownAt: now.toISOString() },
        dedupeKey: `activation:${row.id}:stood_down`,
      });
      await this.fanout.start(tx, { ...row, status: ActivationStatus.STOOD_DOWN }, FanoutKind.RELEASE);
      return toView(await this.reload(tx, row.id), await this.repository.roster(row.id, tx));
    });
  }

  /** Replaces the roster; once the fan-out is over, held cases no one had room for are placed again. */
  updateRoster(ctx: RequestContext, code: string, dto: UpdateRosterDto): Promise<ActivationView> {
    const coordinator = staffOf(ctx);
    return this.dataSource.transaction(async (tx) => {
      const row = await this.lockInCharge(tx, code, coordinator.userId);
      const roster = await this.validRoster(tx, dto.roster);
      const now = this.clock.now();
      const members = roster.map((member) =>
        Object.assign(new ActivationRosterEntity(), { activationId: row.id, userId: member.userId, caseloadCap: member.caseloadCap, addedAt: now }),
      );
      await this.repository.replaceRoster(tx, row.id, members);
      await this.audit.record(tx, {
        actor: coordinator,
        action: 'activation.roster_changed',
        resourceType: 'activation',
        resourceId: row.code,
        requestId: ctx.requestId,
        details: { roster: members.length },
      });
      // A running link run reads the roster chunk by chunk, so it picks the new one up by itself.
      if (row.fanoutFinishedAt !== null) await this.fanout.start(tx, row, FanoutKind.RESCHEDULE);
      return toView(await this.reload(tx, row.id), members);
    });
  }

  /** New overrides, applied to every held case by a re-time run. */
  updateOverrides(ctx: RequestContext, code: string, dto: OverridesDto): Promise<ActivationView> {
    const coordinator = staffOf(ctx);
    return this.dataSource.transaction(async (tx) => {
      const row = await this.lockInCharge(tx, code, coordinator.userId);
      if (row.fanoutFinishedAt === null) throw new FanoutRunningException();
      const overrides = toOverrides(dto);
      await this.repository.update(tx, row.id, { overrides, updatedAt: this.clock.now() });
      await this.audit.record(tx, {
        actor: coordinator,
        action: 'activation.overrides_changed',
        resourceType: 'activation',
        resourceId: row.code,
        requestId: ctx.requestId,
        details: { overrides: Object.keys(overrides) },
      });
      await this.fanout.start(tx, { ...row, overrides }, FanoutKind.RESCHEDULE);
      return toView(await this.reload(tx, row.id), await this.repository.roster(row.id, tx));
    });
  }

  async get(code: string): Promise<ActivationView> {
    const row = await this.repository.findByCode(code);
    if (!row) throw new ActivationNotFoundException();
    return toView(row, await this.repository.roster(row.id));
  }

  async list(query: ActivationListQueryDto): Promise<Page<ActivationView>> {
    const rows = await this.repository.page(startAfter(query.cursor), query.limit, query.status);
    const rosters = new Map(await Promise.all(rows.slice(0, query.limit).map(async (row) => [row.id, await this.repository.roster(row.id)] as const)));
    return toPage(
      rows.map((row) => Object.assign(row, { createdAt: row.startedAt })),
      query.limit,
      (row) => toView(row, rosters.get(row.id) ?? []),
    );
  }

  async dashboard(code: string): Promise<ActivationDashboard> {
    const row = await this.repository.findByCode(code);
    if (!row) throw new ActivationNotFoundException();
    const roster = await this.repository.roster(row.id);
    const snapshot = await this.snapshot(
      row,
      roster.map((member) => member.userId),
    );
    const caps = new Map(roster.map((member) => [member.userId, member.caseloadCap]));
    return {
      code: row.code,
      status: row.status,
      generatedAt: new Date(snapshot.at).toISOString(),
      ...snapshot.figures,
      caseload: snapshot.figures.caseload.map((entry) => ({ ...entry, caseloadCap: caps.get(entry.userId) ?? 0 })),
      fanout: toProgress(row),
    };
  }

  /** The last figures when fresh enough; a stale one is served while one refresh runs; none yet is computed (once, however many ask). */
  private async snapshot(row: ActivationEntity, rosterIds: string[]): Promise<DashboardSnapshot> {
    const key = `${row.id}:${row.status}:${rosterIds.join(',')}`;
    const current = this.snapshots.get(key);
    if (!current) return this.compute(key, row, rosterIds);
    if (this.clock.now().getTime() - current.at > DASHBOARD_FRESH_MS && !current.refreshing) {
      current.refreshing = true;
      this.compute(key, row, rosterIds).catch((error: unknown) => {
        current.refreshing = false;
        this.logger.warn({ activation: row.code, error: error instanceof Error ? error.name : 'UnknownError' }, 'dashboard refresh failed');
      });
    }
    return current;
  }

  private compute(key: string, row: ActivationEntity, rosterIds: string[]): Promise<DashboardSnapshot> {
    const running = this.computing.get(key);
    if (running) return running;
    const at = this.clock.now();
    const promise = this.repository
      .dashboard(row.id, row.status === ActivationStatus.ACTIVE, rosterIds, at)
      .then((figures) => {
        const snapshot = { at: at.getTime(), figures, refreshing: false };
        // Keys carry the status and roster, so an edit starts afresh; old keys of this activation go.
        for (const old of this.snapshots.keys()) if (old.startsWith(`${row.id}:`)) this.snapshots.delete(old);
        this.snapshots.set(key, snapshot);
        return snapshot;
      })
      .finally(() => this.computing.delete(key));
    this.computing.set(key, promise);
    return promise;
  }

  private async reload(tx: EntityManager, id: string): Promise<ActivationEntity> {
    const row = await this.repository.lock(tx, id);
    if (!row) throw new ActivationNotFoundException();
    return row;
  }

  private async lockInCharge(tx: EntityManager, code: string, userId: string): Promise<ActivationEntity> {
    const row = await this.repository.lockByCode(tx, code);
    if (!row) throw new ActivationNotFoundException();
    if (row.status !== ActivationStatus.ACTIVE) throw new ActivationNotActiveException();
    if (!row.coordinatorIds.includes(userId)) throw new NotInChargeException();
    return row;
  }

  private async validRoster(tx: EntityManager, roster: RosterMemberDto[]): Promise<RosterMemberDto[]> {
    if (new Set(roster.map((member) => member.userId)).size !== roster.length) throw new InvalidRosterException('/roster', 'lists a caseworker more than once');
    await this.requireStaff(
      tx,
      roster.map((member) => member.userId),
      StaffRole.Caseworker,
      '/roster',
      'must all be active caseworkers',
    );
    return roster;
  }

  private async requireStaff(tx: EntityManager, ids: string[], role: StaffRole, pointer: string, detail: string): Promise<void> {
    if (ids.length === 0) return;
    const holders = new Set(await this.staff.activeIdsWithRole(tx, role));
    if (ids.some((id) => !holders.has(id))) throw new InvalidRosterException(pointer, detail);
  }
}

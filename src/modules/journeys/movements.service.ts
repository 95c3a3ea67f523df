import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { RecordNotFoundException } from '@common/access/access.exception';
import { actorOf, staffOf, type RequestContext } from '@common/access/request-context';
import { Clock } from '@common/clock/clock';
import { CaseFieldGroup } from '@modules/access/case-access.policy';
import { AuditService } from '@modules/audit/audit.service';
import { CaseAccessService } from '@modules/cases/case-access.service';
import { CaseJournal } from '@modules/cases/case-journal';
import { CaseSealer } from '@modules/cases/case-sealer';
import { CaseWhereabouts } from '@modules/cases/case-whereabouts.service';
import { MovementLegStatus, nextLegStatus, type LegEvent } from './domain/journey-status';
import { utcDate } from './domain/stay-clock';
import type { CreateMovementLegDto, LegEventDto, RecordStayDto, StayExitDto } from './dto/journey.dto';
import type { MovementLegEntity, SafeCountryStayEntity } from './journey-records.entity';
import { legView, planView, stayView, type JourneyView, type MovementLegView, type StayView } from './journey-view';
import { ImpossibleDateException, MovementLegStatusConflictException, StayAlreadyEndedException, StayAlreadyOpenException } from './journeys.exception';
import { JourneysRepository } from './journeys.repository';

const STAYS = 'safe_country_stays';
const PLANS = 'relocation_plans';

const LEG_EVENT: Readonly<Record<LegEvent, { kind: string; auditAction: string; column: 'departedAt' | 'arrivedAt' | 'abortedAt' }>> = {
  depart: { kind: 'DEPARTURE_RECORDED', auditAction: 'case.departure_recorded', column: 'departedAt' },
  arrive: { kind: 'LEG_ARRIVAL_RECORDED', auditAction: 'case.leg_arrival_recorded', column: 'arrivedAt' },
  abort: { kind: 'LEG_ABORTED', auditAction: 'case.leg_aborted', column: 'abortedAt' },
};

/** Movement legs, safe-country stays, and the journey as a whole. */
@Injectable()
export class MovementsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly journeys: JourneysRepository,
    private readonly access: CaseAccessService,
    private readonly sealer: CaseSealer,
    private readonly journal: CaseJournal,
    private readonly whereabouts: CaseWhereabouts,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  createLeg(ctx: RequestContext, reference: string, dto: CreateMovementLegDto): Promise<MovementLegView> {
    const staff = staffOf(ctx);
    return this.dataSource.transaction(async (tx) => {
      const found = await this.access.require(tx, ctx, reference, 'write', { forUpdate: true });
      const now = this.clock.now();
      const row: MovementLegEntity = {
        id: randomUUID(),
        caseId: found.row.id,
        fromCountry: dto.fromCountry,
        toCountry: dto.toCountry,
        mode: dto.mode,
        status: MovementLegStatus.PLANNED,
        plannedDepartureDate: dto.plannedDepartureDate ?? null,
        plannedArrivalDate: dto.plannedArrivalDate ?? null,
        departedAt: null,
        arrivedAt: null,
        abortedAt: null,
        createdBy: staff.userId,
        createdAt: now,
        updatedAt: now,
      };
      await this.journeys.insertLeg(tx, row);
      await this.journal.record(tx, staff, ctx.requestId, found.row, {
        kind: 'LEG_PLANNED',
        auditAction: 'case.leg_planned',
        details: { legId: row.id, mode: dto.mode },
      });
      return legView(row);
    });
  }

  /** Departure (UNDERWAY) is what the RELOCATION_PLANNED → IN_TRANSIT guard asks for. */
  recordLegEvent(ctx: RequestContext, reference: string, legId: string, event: LegEvent, dto: LegEventDto): Promise<MovementLegView> {
    const staff = staffOf(ctx);
    return this.dataSource.transaction(async (tx) => {
      const found = await this.access.require(tx, ctx, reference, 'write', { forUpdate: true });
      const leg = await this.journeys.findLeg(tx, found.row.id, legId);
      if (!leg) throw new RecordNotFoundException('movement leg');
      const status = nextLegStatus(leg.status, event);
      if (!status) throw new MovementLegStatusConflictException(leg.status, event);
      const now = this.clock.now();
      const at = dto.occurredAt ? new Date(dto.occurredAt) : now;
      if (at.getTime() > now.getTime()) throw new ImpossibleDateException('/occurredAt', 'is in the future');
      if (event === 'arrive' && leg.departedAt && at.getTime() < leg.departedAt.getTime())
        throw new ImpossibleDateException('/occurredAt', 'is before the departure');
      const spec = LEG_EVENT[event];
      const changes = { status, [spec.column]: at, updatedAt: now };
      await this.journeys.updateLeg(tx, leg.id, changes);
      await this.journal.record(tx, staff, ctx.requestId, found.row, { kind: spec.kind, auditAction: spec.auditAction, details: { legId: leg.id, status } });
      return legView({ ...leg, ...changes });
    });
  }

  /** Arrival in a safe country: starts the stay clock and moves the case's current country. */
  recordStay(ctx: RequestContext, reference: string, dto: RecordStayDto): Promise<StayView> {
    const staff = staffOf(ctx);
    return this.dataSource.transaction(async (tx) => {
      const found = await this.access.require(tx, ctx, reference, 'write', { forUpdate: true });
      const now = this.clock.now();
      const today = utcDate(now);
      if (dto.entryDate > today) throw new ImpossibleDateException('/entryDate', 'is in the future');
      if (await this.journeys.openStay(tx, found.row.id)) throw new StayAlreadyOpenException();
      // The person's nationality is taken as the case's origin country.
      const rule = await this.journeys.stayRule(tx, found.row.originCountry, dto.hostCountry);
      const id = randomUUID();
      const row: SafeCountryStayEntity = {
        id,
        caseId: found.row.id,
        hostCountry: dto.hostCountry,
        entryDate: dto.entryDate,
        allowedDays: rule?.allowedDays ?? null,
        stayRuleSource: rule ? `${rule.source} (checked ${rule.checkedOn})` : null,
        exitDate: null,
        accommodationType: dto.accommodationType ?? null,
        accommodationLocationSealed: dto.accommodationLocation
          ? this.sealer.sealText(await this.sealer.key(tx, found.row.id), found.row.id, STAYS, 'accommodation_location', id, dto.accommodationLocation)
          : null,
        recordedBy: staff.userId,
        createdAt: now,
        updatedAt: now,
      };
      await this.journeys.insertStay(tx, row);
      await this.whereabouts.setCurrentCountry(tx, found.row.id, dto.hostCountry);
      await this.journal.record(tx, staff, ctx.requestId, found.row, {
        kind: 'SAFE_COUNTRY_ARRIVAL',
        auditAction: 'case.safe_country_arrival_recorded',
        details: { stayId: id, hostCountry: dto.hostCountry, allowedDays: row.allowedDays, stayRuleFound: rule !== null },
      });
      return stayView(row, dto.accommodationLocation ?? null, today);
    });
  }

  recordStayExit(ctx: RequestContext, reference: string, stayId: string, dto: StayExitDto): Promise<StayView> {
    const staff = staffOf(ctx);
    return this.dataSource.transaction(async (tx) => {
      const found = await this.access.require(tx, ctx, reference, 'write', { forUpdate: true });
      const stay = await this.journeys.findStay(tx, found.row.id, stayId);
      if (!stay) throw new RecordNotFoundException('stay');
      if (stay.exitDate !== null) throw new StayAlreadyEndedException();
      const now = this.clock.now();
      if (dto.exitDate > utcDate(now)) throw new ImpossibleDateException('/exitDate', 'is in the future');
      if (dto.exitDate < stay.entryDate) throw new ImpossibleDateException('/exitDate', 'is before the entry date');
      const changes = { exitDate: dto.exitDate, updatedAt: now };
      await this.journeys.updateStay(tx, stay.id, changes);
      await this.journal.record(tx, staff, ctx.requestId, found.row, {
        kind: 'SAFE_COUNTRY_EXIT',
        auditAction: 'case.safe_country_exit_recorded',
        details: { stayId: stay.id },
      });
      return stayView({ ...stay, ...changes }, null, utcDate(now));
    });
  }

  /** Plans, legs and stays with the derived stay clock; reading it is audited. */
  journey(ctx: RequestContext, reference: string): Promise<JourneyView> {
    return this.dataSource.transaction(async (tx) => {
      const found = await this.access.require(tx, ctx, reference, 'read');
      const caseId = found.row.id;
      const plans = await this.journeys.plans(caseId, tx);
      const legs = await this.journeys.legs(caseId, tx);
      const stays = await this.journeys.stays(caseId, tx);
      const showNotes = found.fieldGroups.has(CaseFieldGroup.Notes);
      const showLocation = found.fieldGroups.has(CaseFieldGroup.Location);
      const needsKey = (showNotes && plans.some((p) => p.notesSealed)) || (showLocation && stays.some((s) => s.accommodationLocationSealed));
      const dek = needsKey ? await this.sealer.key(tx, caseId) : null;
      const open = (sealed: Buffer | null, show: boolean, table: string, field: string, rowId: string): string | null =>
        dek && show && sealed ? this.sealer.openText(dek, caseId, table, field, rowId, sealed) : null;
      const today = utcDate(this.clock.now());
      const stayViews = stays.map((s) => stayView(s, open(s.accommodationLocationSealed, showLocation, STAYS, 'accommodation_location', s.id), today));
      await this.auditRead(tx, ctx, reference, caseId, { plans: plans.length, legs: legs.length, stays: stays.length, sealedShown: dek !== null });
      return {
        reference: found.row.reference,
        relocationPlans: plans.map((p) => planView(p, open(p.notesSealed, showNotes, PLANS, 'notes', p.id))),
        legs: legs.map(legView),
        stays: stayViews,
        currentStay: [...stayViews].reverse().find((s) => s.exitDate === null) ?? null,
      };
    });
  }

  private auditRead(tx: EntityManager, ctx: RequestContext, reference: string, caseId: string, details: Record<string, number | boolean>): Promise<void> {
    return this.audit.record(tx, {
      actor: actorOf(ctx),
      action: 'case.journey_read',
      resourceType: 'case',
      resourceId: reference,
      caseId,
      requestId: ctx.requestId,
      details,
    });
  }
}

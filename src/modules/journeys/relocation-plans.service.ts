import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RecordNotFoundException } from '@common/access/access.exception';
import { actorOf, staffOf, type RequestContext } from '@common/access/request-context';
import { StaffRole } from '@common/access/roles';
import { Clock } from '@common/clock/clock';
import { CaseFieldGroup } from '@modules/access/case-access.policy';
import { AuditService } from '@modules/audit/audit.service';
import { CaseAccessService } from '@modules/cases/case-access.service';
import { CaseJournal } from '@modules/cases/case-journal';
import { CaseSealer } from '@modules/cases/case-sealer';
import { PlanDecision, RelocationPlanStatus } from './domain/journey-status';
import type { CreateRelocationPlanDto, PlanDecisionDto } from './dto/journey.dto';
import { planView, type RelocationPlanView } from './journey-view';
import {
  CoordinatorRequiredException,
  FourEyesApprovalRequiredException,
  RelocationPlanNotPendingException,
  TransitCountryNotAllowedException,
  WithdrawalByRequesterOnlyException,
} from './journeys.exception';
import { JourneysRepository } from './journeys.repository';
import { TransitPolicy } from './transit-policy';
import { ApprovalNotices } from './approval-notices';

const TABLE = 'relocation_plans';

/** Relocation plans: requested by case staff, decided by another coordinator (four-eyes). */
@Injectable()
export class RelocationPlansService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly journeys: JourneysRepository,
    private readonly access: CaseAccessService,
    private readonly sealer: CaseSealer,
    private readonly journal: CaseJournal,
    private readonly audit: AuditService,
    private readonly transit: TransitPolicy,
    private readonly clock: Clock,
    private readonly approvals: ApprovalNotices,
  ) {}

  create(ctx: RequestContext, reference: string, dto: CreateRelocationPlanDto): Promise<RelocationPlanView> {
    const staff = staffOf(ctx);
    return this.dataSource.transaction(async (tx) => {
      const found = await this.access.require(tx, ctx, reference, 'write', { forUpdate: true });
      const allowed = await this.transit.allowedTransitCountries(found.row);
      if (!allowed.includes(dto.transitCountry)) throw new TransitCountryNotAllowedException(allowed);
      const id = randomUUID();
      const now = this.clock.now();
      const hasCost = dto.estimatedCostMinor !== undefined;
      const row = {
        id,
        caseId: found.row.id,
        status: RelocationPlanStatus.REQUESTED,
        originCountry: dto.originCountry,
        transitCountry: dto.transitCountry,
        destinationCountry: dto.destinationCountry,
        plannedDepartureDate: dto.plannedDepartureDate ?? null,
        estimatedCostMinor: dto.estimatedCostMinor ?? null,
        // A cost without a currency means nothing; default to none rather than guess one.
        costCurrency: hasCost ? (dto.currency ?? null) : null,
        notesSealed: dto.notes ? this.sealer.sealText(await this.sealer.key(tx, found.row.id), found.row.id, TABLE, 'notes', id, dto.notes) : null,
        requestedBy: staff.userId,
        requestedAt: now,
        decidedBy: null,
        decidedAt: null,
        updatedAt: now,
      };
      await this.journeys.insertPlan(tx, row);
      await this.journal.record(tx, staff, ctx.requestId, found.row, {
        kind: 'RELOCATION_PLAN_REQUESTED',
        auditAction: 'case.relocation_plan_requested',
        details: { planId: id, transitCountry: dto.transitCountry, destinationCountry: dto.destinationCountry },
      });
      await this.approvals.waiting(tx, {
        caseReference: found.row.reference,
        activationId: found.row.activationId,
        requestedBy: staff.userId,
        subjectType: 'relocation_plan',
        subjectId: id,
      });
      return planView(row, dto.notes ?? null);
    });
  }

  list(ctx: RequestContext, reference: string): Promise<RelocationPlanView[]> {
    return this.dataSource.transaction(async (tx) => {
      const found = await this.access.require(tx, ctx, reference, 'read');
      const rows = await this.journeys.plans(found.row.id, tx);
      const canSeeNotes = found.fieldGroups.has(CaseFieldGroup.Notes);
      const dek = canSeeNotes && rows.some((row) => row.notesSealed) ? await this.sealer.key(tx, found.row.id) : null;
      const views = rows.map((row) =>
        planView(row, dek && row.notesSealed ? this.sealer.openText(dek, found.row.id, TABLE, 'notes', row.id, row.notesSealed) : null),
      );
      await this.audit.record(tx, {
        actor: actorOf(ctx),
        action: 'case.relocation_plans_read',
        resourceType: 'case',
        resourceId: reference,
        caseId: found.row.id,
        requestId: ctx.requestId,
        details: { plans: views.length, notesShown: dek !== null },
      });
      return views;
    });
  }

  decide(ctx: RequestContext, reference: string, planId: string, dto: PlanDecisionDto): Promise<RelocationPlanView> {
    const staff = staffOf(ctx);
    // The route's permission already demands a coordinator; the service does not rely on that alone.
    if (!staff.roles.includes(StaffRole.Coordinator)) throw new CoordinatorRequiredException();
    return this.dataSource.transaction(async (tx) => {
      const found = await this.access.require(tx, ctx, reference, 'write', { forUpdate: true });
      const plan = await this.journeys.findPlan(tx, found.row.id, planId);
      if (!plan) throw new RecordNotFoundException('relocation plan');
      if (plan.status !== RelocationPlanStatus.REQUESTED) throw new RelocationPlanNotPendingException(plan.status);
      if (plan.requestedBy === staff.userId) throw new FourEyesApprovalRequiredException();
      const approve = dto.decision === PlanDecision.APPROVE;
      // The list may have changed since the request; an approval must hold against today's list.
      if (approve && !(await this.transit.allows(found.row, plan.transitCountry)))
        throw new TransitCountryNotAllowedException(await this.transit.allowedTransitCountries(found.row));
      const now = this.clock.now();
      const changes = {
        status: approve ? RelocationPlanStatus.APPROVED : RelocationPlanStatus.REJECTED,
        decidedBy: staff.userId,
        decidedAt: now,
        updatedAt: now,
      };
      await this.journeys.updatePlan(tx, plan.id, changes);
      await this.journal.record(tx, staff, ctx.requestId, found.row, {
        kind: approve ? 'RELOCATION_PLAN_APPROVED' : 'RELOCATION_PLAN_REJECTED',
        auditAction: approve ? 'case.relocation_plan_approved' : 'case.relocation_plan_rejected',
        details: { planId: plan.id, requestedBy: plan.requestedBy },
      });
      return planView({ ...plan, ...changes }, null);
    });
  }

  withdraw(ctx: RequestContext, reference: string, planId: string): Promise<RelocationPlanView> {
    const staff = staffOf(ctx);
    return this.dataSource.transaction(async (tx) => {
      const found = await this.access.require(tx, ctx, reference, 'write', { forUpdate: true });
      const plan = await this.journeys.findPlan(tx, found.row.id, planId);
      if (!plan) throw new RecordNotFoundException('relocation plan');
      if (plan.status !== RelocationPlanStatus.REQUESTED) throw new RelocationPlanNotPendingException(plan.status);
      if (plan.requestedBy !== staff.userId) throw new WithdrawalByRequesterOnlyException();
      const now = this.clock.now();
      const changes = { status: RelocationPlanStatus.WITHDRAWN, updatedAt: now };
      await this.journeys.updatePlan(tx, plan.id, changes);
      await this.journal.record(tx, staff, ctx.requestId, found.row, {
        kind: 'RELOCATION_PLAN_WITHDRAWN',
        auditAction: 'case.relocation_plan_withdrawn',
        details: { planId: plan.id },
      });
      return planView({ ...plan, ...changes }, null);
    });
  }
}

import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { RecordNotFoundException } from '@common/access/access.exception';
import { actorOf, staffOf, type RequestContext } from '@common/access/request-context';
import { StaffRole } from '@common/access/roles';
import { Clock } from '@common/clock/clock';
import { JourneysConfig } from '@config/journeys.config';
import { CaseFieldGroup } from '@modules/access/case-access.policy';
import { AuditService } from '@modules/audit/audit.service';
import { CaseAccessService } from '@modules/cases/case-access.service';
import { CaseJournal } from '@modules/cases/case-journal';
import { CaseSealer } from '@modules/cases/case-sealer';
import { ApprovalNotices } from '../approval-notices';
import { decideStatusChange, DocumentStatus, ResettlementStatus } from './domain/resettlement';
import { utcDate } from '../domain/stay-clock';
import type {
  CreateMilestoneDto,
  CreateResettlementApplicationDto,
  DestinationArrivalDto,
  DocumentStatusDto,
  HandoverDto,
  ResettlementStatusDto,
  SubmissionApprovalDto,
} from './dto/resettlement.dto';
import {
  CoordinatorRequiredException,
  FourEyesApprovalRequiredException,
  ImpossibleDateException,
  NextStepException,
  ResettlementConsentRequiredException,
  ResettlementStatusConflictException,
} from '../journeys.exception';
import { JourneysRepository } from '../journeys.repository';
import type { ResettlementApplicationEntity } from './resettlement.entity';
import { applicationView, milestoneView, type MilestoneView, type ResettlementApplicationView } from './resettlement-view';

const APPLICATIONS = 'resettlement_applications';
const MILESTONES = 'resettlement_milestones';
type CaseAccess = Awaited<ReturnType<CaseAccessService['require']>>;

/** Resettlement applications: lifecycle, four-eyes submission behind the consent gate, milestones, checklist, arrival and handover. */
@Injectable()
export class ResettlementService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly journeys: JourneysRepository,
    private readonly access: CaseAccessService,
    private readonly sealer: CaseSealer,
    private readonly journal: CaseJournal,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(JourneysConfig) private readonly config: JourneysConfig,
    private readonly approvals: ApprovalNotices,
  ) {}

  create(ctx: RequestContext, reference: string, dto: CreateResettlementApplicationDto): Promise<ResettlementApplicationView> {
    const staff = staffOf(ctx);
    return this.dataSource.transaction(async (tx) => {
      const found = await this.access.require(tx, ctx, reference, 'write', { forUpdate: true });
      const now = this.clock.now();
      const row: ResettlementApplicationEntity = {
        id: randomUUID(),
        caseId: found.row.id,
        destinationCountry: dto.destinationCountry,
        pathway: dto.pathway,
        sponsoringBody: dto.sponsoringBody ?? null,
        status: ResettlementStatus.PREPARING,
        nextStep: null,
        documents: this.config.resettlementDocuments.map((item) => ({ item, status: DocumentStatus.PENDING })),
        submissionRequestedBy: null,
        submissionRequestedAt: null,
        submissionApprovedBy: null,
        submissionApprovedAt: null,
        consentOverridden: false,
        consentOverrideReasonSealed: null,
        destinationArrivedOn: null,
        handedOverAt: null,
        settlementAgencyId: null,
        createdBy: staff.userId,
        createdAt: now,
        updatedAt: now,
      };
      await this.journeys.insertApplication(tx, row);
      await this.journal.record(tx, staff, ctx.requestId, found.row, {
        kind: 'RESETTLEMENT_APPLICATION_CREATED',
        auditAction: 'case.resettlement_application_created',
        details: { applicationId: row.id, pathway: row.pathway, destinationCountry: row.destinationCountry },
      });
      return applicationView(row, []);
    });
  }

  list(ctx: RequestContext, reference: string): Promise<ResettlementApplicationView[]> {
    return this.dataSource.transaction(async (tx) => {
      const found = await this.access.require(tx, ctx, reference, 'read');
      const rows = await this.journeys.applications(found.row.id, tx);
      const milestones = await this.journeys.milestones(found.row.id, tx);
      const canSeeNotes = found.fieldGroups.has(CaseFieldGroup.Notes);
      const dek = canSeeNotes && milestones.some((m) => m.noteSealed) ? await this.sealer.key(tx, found.row.id) : null;
      const byApplication = new Map<string, MilestoneView[]>();
      for (const m of milestones) {
        const note = dek && m.noteSealed ? this.sealer.openText(dek, found.row.id, MILESTONES, 'note', m.id, m.noteSealed) : null;
        byApplication.set(m.applicationId, [...(byApplication.get(m.applicationId) ?? []), milestoneView(m, note)]);
      }
      const views = rows.map((row) => applicationView(row, byApplication.get(row.id) ?? []));
      await this.audit.record(tx, {
        actor: actorOf(ctx),
        action: 'case.resettlement_applications_read',
        resourceType: 'case',
        resourceId: reference,
        caseId: found.row.id,
        requestId: ctx.requestId,
        details: { applications: views.length, notesShown: dek !== null },
      });
      return views;
    });
  }

  /** Anyone working the case asks for the submission; a different coordinator approves it. */
  requestSubmission(ctx: RequestContext, reference: string, applicationId: string): Promise<ResettlementApplicationView> {
    const staff = staffOf(ctx);
    return this.withApplication(ctx, reference, applicationId, async (tx, found, app) => {
      if (app.status !== ResettlementStatus.PREPARING || app.submissionRequestedBy !== null) {
        throw new ResettlementStatusConflictException(
          'submission-not-requestable',
          app.status,
          `Only a PREPARING application without a pending request can be put up for submission; it is ${app.status}.`,
        );
      }
      const now = this.clock.now();
      const changes = { submissionRequestedBy: staff.userId, submissionRequestedAt: now, updatedAt: now };
      await this.journeys.updateApplication(tx, app.id, changes);
      await this.journal.record(tx, staff, ctx.requestId, found.row, {
        kind: 'RESETTLEMENT_SUBMISSION_REQUESTED',
        auditAction: 'case.resettlement_submission_requested',
        details: { applicationId: app.id },
      });
      await this.approvals.waiting(tx, {
        caseReference: found.row.reference,
        activationId: found.row.activationId,
        requestedBy: staff.userId,
        subjectType: 'resettlement_application',
        subjectId: app.id,
      });
      return { ...app, ...changes };
    });
  }

  approveSubmission(ctx: RequestContext, reference: string, applicationId: string, dto: SubmissionApprovalDto): Promise<ResettlementApplicationView> {
    const staff = staffOf(ctx);
    if (!staff.roles.includes(StaffRole.Coordinator)) throw new CoordinatorRequiredException();
    return this.withApplication(ctx, reference, applicationId, async (tx, found, app) => {
      if (app.status !== ResettlementStatus.PREPARING || app.submissionRequestedBy === null) {
        throw new ResettlementStatusConflictException(
          'submission-not-requested',
          app.status,
          'Only a PREPARING application whose submission was requested can be approved for submission.',
        );
      }
      if (app.submissionRequestedBy === staff.userId) throw new FourEyesApprovalRequiredException('A resettlement submission');
      const decision = decideStatusChange(app.status, ResettlementStatus.SUBMITTED, { viaApprovedSubmission: true, nextStep: null });
      if (!decision.ok) throw new ResettlementStatusConflictException(decision.refusal, app.status, `The application cannot be submitted from ${app.status}.`);
      const override = !found.row.consentResettlement;
      if (override && dto.consentOverrideReason === undefined) throw new ResettlementConsentRequiredException();
      const now = this.clock.now();
      const changes = {
        status: ResettlementStatus.SUBMITTED,
        submissionApprovedBy: staff.userId,
        submissionApprovedAt: now,
        consentOverridden: override,
        consentOverrideReasonSealed:
          override && dto.consentOverrideReason !== undefined
            ? this.sealer.sealText(
                await this.sealer.key(tx, found.row.id),
                found.row.id,
                APPLICATIONS,
                'consent_override_reason',
                app.id,
                dto.consentOverrideReason,
              )
            : null,
        updatedAt: now,
      };
      await this.journeys.updateApplication(tx, app.id, changes);
      if (override) {
        await this.audit.record(tx, {
          actor: actorOf(ctx),
          action: 'resettlement.consent_overridden',
          resourceType: 'case',
          resourceId: reference,
          caseId: found.row.id,
          requestId: ctx.requestId,
          details: { applicationId: app.id, pathway: app.pathway },
        });
      }
      await this.journal.record(tx, staff, ctx.requestId, found.row, {
        kind: 'RESETTLEMENT_SUBMITTED',
        auditAction: 'case.resettlement_submitted',
        details: { applicationId: app.id, requestedBy: app.submissionRequestedBy, consentOverridden: override },
      });
      return { ...app, ...changes };
    });
  }

  changeStatus(ctx: RequestContext, reference: string, applicationId: string, dto: ResettlementStatusDto): Promise<ResettlementApplicationView> {
    const staff = staffOf(ctx);
    return this.withApplication(ctx, reference, applicationId, async (tx, found, app) => {
      const nextStep = dto.nextStep ?? null;
      const decision = decideStatusChange(app.status, dto.status, { viaApprovedSubmission: false, nextStep });
      if (!decision.ok) {
        if (decision.refusal === 'next-step-required') throw new NextStepException('is required for DENIED and DEFERRED');
        if (decision.refusal === 'next-step-not-applicable') throw new NextStepException('is only for DENIED and DEFERRED');
        const detail =
          decision.refusal === 'submission-approval-required'
            ? 'An application is SUBMITTED only through a submission approved by a coordinator other than its requester.'
            : `An application cannot move from ${app.status} to ${dto.status}.`;
        throw new ResettlementStatusConflictException(decision.refusal, app.status, detail);
      }
      const changes = { status: dto.status, nextStep, updatedAt: this.clock.now() };
      await this.journeys.updateApplication(tx, app.id, changes);
      await this.journal.record(tx, staff, ctx.requestId, found.row, {
        kind: 'RESETTLEMENT_STATUS_CHANGED',
        auditAction: 'case.resettlement_status_changed',
        details: { applicationId: app.id, from: app.status, to: dto.status, nextStep },
      });
      return { ...app, ...changes };
    });
  }

  addMilestone(ctx: RequestContext, reference: string, applicationId: string, dto: CreateMilestoneDto): Promise<ResettlementApplicationView> {
    const staff = staffOf(ctx);
    return this.withApplication(ctx, reference, applicationId, async (tx, found, app) => {
      const id = randomUUID();
      await this.journeys.insertMilestone(tx, {
        id,
        applicationId: app.id,
        caseId: found.row.id,
        type: dto.type,
        occurredOn: dto.date,
        noteSealed: dto.note ? this.sealer.sealText(await this.sealer.key(tx, found.row.id), found.row.id, MILESTONES, 'note', id, dto.note) : null,
        recordedBy: staff.userId,
        createdAt: this.clock.now(),
      });
      await this.journal.record(tx, staff, ctx.requestId, found.row, {
        kind: 'RESETTLEMENT_MILESTONE_RECORDED',
        auditAction: 'case.resettlement_milestone_recorded',
        details: { applicationId: app.id, milestoneId: id, type: dto.type },
      });
      return app;
    });
  }

  setDocument(ctx: RequestContext, reference: string, applicationId: string, item: string, dto: DocumentStatusDto): Promise<ResettlementApplicationView> {
    const staff = staffOf(ctx);
    return this.withApplication(ctx, reference, applicationId, async (tx, found, app) => {
      if (!app.documents.some((entry) => entry.item === item)) throw new RecordNotFoundException('checklist item');
      const documents = app.documents.map((entry) => (entry.item === item ? { item, status: dto.status } : entry));
      const changes = { documents, updatedAt: this.clock.now() };
      await this.journeys.updateApplication(tx, app.id, changes);
      await this.journal.record(tx, staff, ctx.requestId, found.row, {
        kind: 'RESETTLEMENT_DOCUMENT_UPDATED',
        auditAction: 'case.resettlement_document_updated',
        details: { applicationId: app.id, item, status: dto.status },
      });
      return { ...app, ...changes };
    });
  }

  /** Arrival in the destination country; only after the departure was arranged. */
  recordDestinationArrival(ctx: RequestContext, reference: string, applicationId: string, dto: DestinationArrivalDto): Promise<ResettlementApplicationView> {
    const staff = staffOf(ctx);
    return this.withApplication(ctx, reference, applicationId, async (tx, found, app) => {
      if (app.status !== ResettlementStatus.DEPARTURE_ARRANGED) {
        throw new ResettlementStatusConflictException(
          'departure-not-arranged',
          app.status,
          `Arrival is recorded on an application whose departure was arranged; it is ${app.status}.`,
        );
      }
      if (dto.arrivedOn > utcDate(this.clock.now())) throw new ImpossibleDateException('/arrivedOn', 'is in the future');
      const changes = { destinationArrivedOn: dto.arrivedOn, updatedAt: this.clock.now() };
      await this.journeys.updateApplication(tx, app.id, changes);
      await this.journal.record(tx, staff, ctx.requestId, found.row, {
        kind: 'DESTINATION_ARRIVAL_RECORDED',
        auditAction: 'case.destination_arrival_recorded',
        details: { applicationId: app.id, destinationCountry: app.destinationCountry },
      });
      return { ...app, ...changes };
    });
  }

  recordHandover(ctx: RequestContext, reference: string, applicationId: string, dto: HandoverDto): Promise<ResettlementApplicationView> {
    const staff = staffOf(ctx);
    return this.withApplication(ctx, reference, applicationId, async (tx, found, app) => {
      if (app.destinationArrivedOn === null) {
        throw new ResettlementStatusConflictException(
          'destination-arrival-required',
          app.status,
          'Record the arrival in the destination country before the handover.',
        );
      }
      const now = this.clock.now();
      const changes = { handedOverAt: now, settlementAgencyId: dto.agencyId ?? null, updatedAt: now };
      await this.journeys.updateApplication(tx, app.id, changes);
      await this.journal.record(tx, staff, ctx.requestId, found.row, {
        kind: 'SETTLEMENT_HANDOVER_RECORDED',
        auditAction: 'case.settlement_handover_recorded',
        details: { applicationId: app.id, agencyId: dto.agencyId ?? null },
      });
      return { ...app, ...changes };
    });
  }

  /** Write access to the case, the application scoped by it (404 otherwise), and the view after `work`. */
  private withApplication(
    ctx: RequestContext,
    reference: string,
    applicationId: string,
    work: (tx: EntityManager, found: CaseAccess, app: ResettlementApplicationEntity) => Promise<ResettlementApplicationEntity>,
  ): Promise<ResettlementApplicationView> {
    return this.dataSource.transaction(async (tx) => {
      const found = await this.access.require(tx, ctx, reference, 'write', { forUpdate: true });
      const app = await this.journeys.findApplication(tx, found.row.id, applicationId);
      if (!app) throw new RecordNotFoundException('resettlement application');
      const updated = await work(tx, found, app);
      const milestones = (await this.journeys.milestones(found.row.id, tx)).filter((m) => m.applicationId === app.id).map((m) => milestoneView(m, null));
      return applicationView(updated, milestones);
    });
  }
}

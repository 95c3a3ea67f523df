import { randomUUID } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { RecordNotFoundException } from '@common/access/access.exception';
import { AgencyDirectory } from '@common/access/agency-directory';
import { systemActor } from '@common/access/principal';
import { actorOf, partnerOf, staffOf, type RequestContext } from '@common/access/request-context';
import { AgencyType } from '@common/access/roles';
import { Clock } from '@common/clock/clock';
import { JobName } from '@common/jobs/job-name';
import { startAfter, toPage, type Page } from '@common/pagination/keyset';
import { PartnerEventPublisher, PartnerEventType } from '@common/partner-events/partner-event';
import type { DataKey } from '@infra/crypto/data-key';
import { OutboxService } from '@infra/outbox/outbox.service';
import { JobHandler, type JobContext } from '@infra/queue/job-handler.decorator';
import { TickScheduler } from '@infra/scheduling/tick-scheduler';
import { CaseFieldGroup } from '@modules/access/case-access.policy';
import { AuditOutcome } from '@modules/audit/audit-outcome';
import { AuditService } from '@modules/audit/audit.service';
import { CaseAccessService } from '@modules/cases/case-access.service';
import type { CaseProtectedContent } from '@modules/cases/case-content';
import { CaseFactsService } from '@modules/cases/case-facts.service';
import { CaseJournal } from '@modules/cases/case-journal';
import { CaseSealer } from '@modules/cases/case-sealer';
import { CasePriority } from '@modules/cases/domain/case-stage';
import { EscalationLevel, EscalationTrigger } from '@modules/checkins/domain/escalation';
import { EscalationsService } from '@modules/checkins/escalations.service';
import { DocumentsService, type DocumentDownload } from '@modules/documents/documents.service';
import { MetricsService } from '@modules/metrics/metrics.service';
import { NotificationsService } from '@modules/notifications/notifications.service';
import { EXPEDITABLE_STATUSES, ExpediteAnswer, ExpediteShareField, isFinal, type ExpeditePersonShare, type GrantedDocument } from './domain/expedite';
import type { CreateExpediteRequestDto, ExpediteRequestView, ExpediteResponseDto, ExpediteResponseView, PartnerExpediteQueryDto, PartnerExpediteRequestView } from './dto/expedite.dto';
import type { ExpediteRequestEntity, ExpediteResponseEntity } from './expedite.entity';
import { ExpediteRepository } from './expedite.repository';
import {
  ExpediteAgencyNotGovernmentException,
  ExpediteAlreadyDecidedException,
  ExpediteApplicationClosedException,
  ExpediteDeadlineException,
  ExpediteDocumentNotApplicableException,
  ExpediteRequestPendingException,
  ExpediteRequiresEmergencyException,
  ExpediteShareUnavailableException,
  SharingConsentRequiredException,
} from './journeys.exception';
import { JourneysRepository } from './journeys.repository';
import { storeIdempotentAnswer } from '@infra/http/idempotency/idempotent-answer';

const REQUESTS = 'expedite_requests';
const RESPONSES = 'expedite_responses';
const DAY_MS = 86_400_000;
const MAX_DEADLINE_MS = 30 * DAY_MS;
export const EXPEDITE_OVERDUE_TICK = 'journeys.expedite_overdue';
/**
 * Spec 3.6: escalations fire within seconds of the deadline. One indexed query every few seconds
 * (the partial index holds only undecided, unmarked requests), like the outbox reconciliation.
 */
const TICK_MS = 5_000;
const BATCH = 500;

/**
 * Expedited protection requests (spec 3.4): an EMERGENCY case's application put before a
 * receiving state's liaison with a deadline. The liaison sees only the fields the coordinator
 * chose, opened for that agency alone and audited on every read. A tick marks undecided requests
 * past their deadline overdue within seconds (once: the marking is the claim) and records `expedite.overdue`,
 * whose handler opens an EXPEDITE_OVERDUE escalation to coordinators. Only GRANTED or REFUSED
 * stops the clock; an acknowledgement does not.
 */
@Injectable()
export class ExpediteService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly expedite: ExpediteRepository,
    private readonly journeys: JourneysRepository,
    private readonly access: CaseAccessService,
    private readonly sealer: CaseSealer,
    private readonly journal: CaseJournal,
    private readonly audit: AuditService,
    private readonly agencies: AgencyDirectory,
    private readonly partnerEvents: PartnerEventPublisher,
    private readonly outbox: OutboxService,
    private readonly ticks: TickScheduler,
    private readonly cases: CaseFactsService,
    private readonly escalations: EscalationsService,
    private readonly notifications: NotificationsService,
    private readonly metrics: MetricsService,
    private readonly clock: Clock,
    private readonly documents: DocumentsService,
  ) {}

  onModuleInit(): void {
    this.ticks.declare(EXPEDITE_OVERDUE_TICK, TICK_MS, (tx) => this.markOverdue(tx));
  }

  create(ctx: RequestContext, reference: string, applicationId: string, dto: CreateExpediteRequestDto): Promise<ExpediteRequestView> {
    const staff = staffOf(ctx);
    return this.dataSource.transaction(async (tx) => {
      const found = await this.access.require(tx, ctx, reference, 'write', { forUpdate: true });
      const app = await this.journeys.findApplication(tx, found.row.id, applicationId);
      if (!app) throw new RecordNotFoundException('resettlement application');
      if (found.row.priority !== CasePriority.EMERGENCY) throw new ExpediteRequiresEmergencyException(found.row.priority);
      if (!(EXPEDITABLE_STATUSES as readonly string[]).includes(app.status)) throw new ExpediteApplicationClosedException(app.status);
      const now = this.clock.now();
      const deadline = new Date(dto.deadline);
      if (deadline.getTime() <= now.getTime()) throw new ExpediteDeadlineException('is not in the future');
      if (deadline.getTime() - now.getTime() > MAX_DEADLINE_MS) throw new ExpediteDeadlineException('is more than 30 days ahead');
      const agency = await this.agencies.find(tx, dto.agencyId);
      if (!agency) throw new ExpediteAgencyNotGovernmentException('no such agency');
      if (agency.type !== AgencyType.Government) throw new ExpediteAgencyNotGovernmentException(`this agency is of type ${agency.type}`);
      if (!agency.active) throw new ExpediteAgencyNotGovernmentException('this agency is suspended');
      const override = (dto.share.length > 0 || (dto.documentIds ?? []).length > 0) && !found.row.consentSharing;
      if (override && dto.consentOverrideReason === undefined) throw new SharingConsentRequiredException();

      const id = randomUUID();
      const dek = dto.share.length > 0 ? await this.sealer.key(tx, found.row.id) : null;
      const share = dek ? pickShare(this.sealer.open(dek, found.row, found.fieldGroups), dto.share) : null;
      const row: ExpediteRequestEntity = {
        id,
        caseId: found.row.id,
        caseReference: found.row.reference,
        applicationId: app.id,
        agencyId: agency.id,
        destinationCountry: app.destinationCountry,
        pathway: app.pathway,
        deadlineAt: deadline,
        status: 'PENDING',
        sharedFields: [...dto.share].sort(),
        personShareSealed: dek && share ? this.sealer.sealText(dek, found.row.id, REQUESTS, 'person_share', id, JSON.stringify(share)) : null,
        consentOverrideReasonSealed: dek && override && dto.consentOverrideReason ? this.sealer.sealText(dek, found.row.id, REQUESTS, 'consent_override_reason', id, dto.consentOverrideReason) : null,
        requestedBy: staff.userId,
        createdAt: now,
        decidedAt: null,
        overdueAt: null,
        updatedAt: now,
      };
      if (!(await this.expedite.insertRequest(tx, row))) throw new ExpediteRequestPendingException();
      const documentIds = await this.documents.grant(tx, 'expedite', id, found.row.id, dto.documentIds ?? []);
      if (override) {
        await this.audit.record(tx, {
          actor: staff,
          action: 'expedite.sharing_consent_overridden',
          resourceType: 'case',
          resourceId: reference,
          caseId: found.row.id,
          requestId: ctx.requestId,
          details: { expediteRequestId: id, agencyId: agency.id, sharedFields: row.sharedFields },
        });
      }
      await this.journal.record(tx, staff, ctx.requestId, found.row, {
        kind: 'EXPEDITE_REQUESTED',
        auditAction: 'case.expedite_requested',
        details: { expediteRequestId: id, applicationId: app.id, agencyId: agency.id, deadlineAt: deadline.toISOString(), sharedFields: row.sharedFields, documentIds },
      });
      await this.partnerEvents.publish(tx, {
        agencyIds: [agency.id],
        type: PartnerEventType.ExpediteRequested,
        data: { expediteRequestId: id, deadlineAt: deadline.toISOString() },
        dedupeKey: `expedite:${id}:requested`,
      });
      return requestView(row, []);
    });
  }

  /** The case's requests and answers; messages and granted documents only for staff who may see notes and documents. */
  listForCase(ctx: RequestContext, reference: string): Promise<ExpediteRequestView[]> {
    return this.dataSource.transaction(async (tx) => {
      const found = await this.access.require(tx, ctx, reference, 'read');
      const rows = await this.expedite.forCase(tx, found.row.id);
      const responses = await this.expedite.responsesOf(
        tx,
        rows.map((row) => row.id),
      );
      const seeMessages = found.fieldGroups.has(CaseFieldGroup.Notes);
      const seeDocuments = found.fieldGroups.has(CaseFieldGroup.Documents);
      const needsKey = responses.some((r) => (seeMessages && r.messageSealed) || (seeDocuments && r.documentSealed));
      const dek = needsKey ? await this.sealer.key(tx, found.row.id) : null;
      const views = rows.map((row) =>
        requestView(
          row,
          responses.filter((r) => r.requestId === row.id).map((r) => this.responseView(r, seeMessages ? dek : null, seeDocuments ? dek : null)),
        ),
      );
      await this.audit.record(tx, {
        actor: actorOf(ctx),
        action: 'case.expedite_requests_read',
        resourceType: 'case',
        resourceId: reference,
        caseId: found.row.id,
        requestId: ctx.requestId,
        details: { requests: views.length, messagesShown: seeMessages && dek !== null, documentsShown: seeDocuments && dek !== null },
      });
      return views;
    });
  }

  /** The requests addressed to the caller's agency; each one read is audited against its case. */
  partnerList(ctx: RequestContext, query: PartnerExpediteQueryDto): Promise<Page<PartnerExpediteRequestView>> {
    const partner = partnerOf(ctx);
    const after = startAfter(query.cursor);
    // Only a GOVERNMENT agency is ever addressed; any other answers with nothing.
    if (partner.agencyType !== AgencyType.Government) return Promise.resolve({ items: [], nextCursor: null });
    return this.dataSource.transaction(async (tx) => {
      const rows = await this.expedite.pageForAgency(tx, partner.agencyId, after, query.limit);
      const shown = rows.slice(0, query.limit);
      const responses = await this.expedite.responsesOf(
        tx,
        shown.map((row) => row.id),
      );
      const keys = new Map<string, DataKey>();
      const views = new Map<string, PartnerExpediteRequestView>();
      const granted = await this.documents.grantedTo(tx, 'expedite', shown.map((row) => row.id));
      for (const row of shown) {
        let person: ExpeditePersonShare = {};
        if (row.personShareSealed) {
          const dek = keys.get(row.caseId) ?? (await this.sealer.key(tx, row.caseId));
          keys.set(row.caseId, dek);
          person = JSON.parse(this.sealer.openText(dek, row.caseId, REQUESTS, 'person_share', row.id, row.personShareSealed)) as ExpeditePersonShare;
        }
        views.set(row.id, {
          id: row.id,
          caseReference: row.caseReference,
          destinationCountry: row.destinationCountry,
          pathway: row.pathway,
          deadlineAt: row.deadlineAt.toISOString(),
          status: row.status,
          createdAt: row.createdAt.toISOString(),
          person,
          responses: responses.filter((r) => r.requestId === row.id).map((r) => ({ id: r.id, answer: r.answer, late: r.late, respondedAt: r.respondedAt.toISOString() })),
          documentIds: granted.get(row.id) ?? [],
        });
        await this.audit.record(tx, {
          actor: partner,
          action: 'expedite.partner_read',
          resourceType: 'expedite_request',
          resourceId: row.id,
          caseId: row.caseId,
          requestId: ctx.requestId,
          details: { sharedFields: row.sharedFields, personShown: row.personShareSealed !== null },
        });
      }
      return toPage(rows, query.limit, (row) => views.get(row.id) as PartnerExpediteRequestView);
    });
  }

  /** The liaison downloads a document sent with a request addressed to it (audited before a byte leaves). */
  async partnerDocument(ctx: RequestContext, id: string, documentId: string): Promise<DocumentDownload> {
    const partner = partnerOf(ctx);
    const opened = await this.dataSource.transaction(async (tx) => {
      const row = partner.agencyType === AgencyType.Government ? await this.expedite.findForAgency(tx, id, partner.agencyId) : null;
      const facts = row ? await this.cases.find(tx, row.caseId) : null;
      const granted = row && facts && !facts.erased ? await this.documents.openGranted(tx, 'expedite', row.id, row.caseId, documentId) : null;
      if (!row || !granted) {
        await this.audit.record(tx, { actor: partner, action: 'expedite.access_denied', resourceType: 'expedite_request', resourceId: id, caseId: null, outcome: AuditOutcome.Denied, requestId: ctx.requestId, details: { action: 'document' } });
        return null;
      }
      await this.audit.record(tx, { actor: partner, action: 'expedite.partner_document_downloaded', resourceType: 'case_document', resourceId: documentId, caseId: row.caseId, requestId: ctx.requestId, details: { expediteRequestId: row.id } });
      return granted;
    });
    if (!opened) throw new RecordNotFoundException('document');
    return this.documents.downloadOf(opened.row, opened.blob, opened.dek);
  }

  /** The liaison answers. A decision is final; an answer after the deadline is recorded all the same, marked late. */
  respond(ctx: RequestContext, id: string, dto: ExpediteResponseDto): Promise<ExpediteResponseView> {
    const partner = partnerOf(ctx);
    if (dto.document !== undefined && dto.answer !== ExpediteAnswer.GRANTED) throw new ExpediteDocumentNotApplicableException();
    return this.dataSource.transaction(async (tx) => {
      const row = partner.agencyType === AgencyType.Government ? await this.expedite.lockForAgency(tx, id, partner.agencyId) : null;
      const facts = row ? await this.cases.find(tx, row.caseId) : null;
      if (!row || !facts || facts.erased) {
        await this.audit.recordAlone({
          actor: partner,
          action: 'expedite.access_denied',
          resourceType: 'expedite_request',
          resourceId: id,
          caseId: null,
          outcome: AuditOutcome.Denied,
          requestId: ctx.requestId,
          details: { action: 'respond' },
        });
        throw new RecordNotFoundException('expedite request');
      }
      if (row.decidedAt) throw new ExpediteAlreadyDecidedException(row.status);
      const now = this.clock.now();
      const responseId = randomUUID();
      const dek = dto.message !== undefined || dto.document !== undefined ? await this.sealer.key(tx, row.caseId) : null;
      const document: GrantedDocument | undefined = dto.document && { type: dto.document.type, number: dto.document.number, validUntil: dto.document.validUntil };
      const response: ExpediteResponseEntity = {
        id: responseId,
        requestId: row.id,
        caseId: row.caseId,
        agencyId: partner.agencyId,
        apiKeyId: partner.apiKeyId,
        answer: dto.answer,
        late: now.getTime() > row.deadlineAt.getTime(),
        messageSealed: dek && dto.message !== undefined ? this.sealer.sealText(dek, row.caseId, RESPONSES, 'message', responseId, dto.message) : null,
        documentSealed: dek && document ? this.sealer.sealText(dek, row.caseId, RESPONSES, 'document', responseId, JSON.stringify(document)) : null,
        respondedAt: now,
      };
      await this.expedite.insertResponse(tx, response);
      await this.expedite.updateRequest(tx, row.id, { status: dto.answer, decidedAt: isFinal(dto.answer) ? now : null, updatedAt: now });
      await this.journal.record(tx, partner, ctx.requestId, { id: row.caseId, reference: row.caseReference }, {
        kind: 'EXPEDITE_ANSWERED',
        auditAction: 'case.expedite_answered',
        details: { expediteRequestId: row.id, answer: dto.answer, late: response.late, overdue: row.overdueAt !== null },
      });
      await this.notifications.notify(tx, [row.requestedBy], {
        kind: 'expedite.answered',
        subjectType: 'case',
        subjectId: row.caseReference,
        details: { expediteRequestId: row.id, answer: dto.answer, late: response.late },
      });
      // Under an Idempotency-Key the answer (without the sealed message and document) commits with it.
      return storeIdempotentAnswer(tx, this.responseView(response, null, null));
    });
  }

  /**
   * The tick: each undecided request past its deadline is marked overdue exactly once (the
   * UPDATE is the claim), journaled on its case, and handed to `expedite.overdue` with a
   * deterministic dedupe key.
   */
  private async markOverdue(tx: EntityManager): Promise<void> {
    const now = this.clock.now();
    for (const { id, caseId } of await this.expedite.markOverdue(tx, now, BATCH)) {
      const facts = await this.cases.find(tx, caseId);
      if (!facts || facts.erased) continue;
      await this.journal.record(tx, systemActor('expedite'), null, facts, { kind: 'EXPEDITE_OVERDUE', auditAction: 'case.expedite_overdue', details: { expediteRequestId: id } });
      await this.outbox.record(tx, { job: JobName.ExpediteOverdue, payload: { expediteRequestId: id, caseId }, dedupeKey: `expedite.overdue:${id}` });
    }
  }

  /**
   * Opens EXPEDITE_OVERDUE at the coordinator level (spec 3.4: silence escalates to
   * coordinators). One open per case however many requests lapse; a decision that arrived
   * after the marking makes the escalation moot.
   */
  @JobHandler(JobName.ExpediteOverdue)
  async overdue({ tx, payload }: JobContext): Promise<void> {
    const row = await this.expedite.lock(tx, String(payload.expediteRequestId));
    if (!row || row.overdueAt === null || row.decidedAt !== null) return;
    const facts = await this.cases.find(tx, row.caseId);
    if (!facts || facts.erased) return;
    const opened = await this.escalations.open(tx, {
      caseId: facts.id,
      reference: facts.reference,
      priority: facts.priority,
      trigger: EscalationTrigger.EXPEDITE_OVERDUE,
      level: EscalationLevel.COORDINATOR,
      actor: systemActor('expedite'),
    });
    if (opened) void this.metrics.escalationOpened(opened.trigger, row.deadlineAt, opened.openedAt);
  }

  private responseView(row: ExpediteResponseEntity, messageKey: DataKey | null, documentKey: DataKey | null): ExpediteResponseView {
    return {
      id: row.id,
      answer: row.answer,
      late: row.late,
      respondedAt: row.respondedAt.toISOString(),
      message: messageKey && row.messageSealed ? this.sealer.openText(messageKey, row.caseId, RESPONSES, 'message', row.id, row.messageSealed) : null,
      document: documentKey && row.documentSealed ? (JSON.parse(this.sealer.openText(documentKey, row.caseId, RESPONSES, 'document', row.id, row.documentSealed)) as GrantedDocument) : null,
    };
  }
}

/** The chosen fields from the case file; a chosen field the file lacks (or the caller cannot see) is refused, not silently dropped. */
function pickShare(content: CaseProtectedContent, fields: readonly ExpediteShareField[]): ExpeditePersonShare {
  const person = content[CaseFieldGroup.Identity];
  const share: ExpeditePersonShare = {};
  const need = <T>(field: ExpediteShareField, value: T | undefined): T => {
    if (value === undefined || value === null || value === '') throw new ExpediteShareUnavailableException(field);
    return value;
  };
  for (const field of fields) {
    switch (field) {
      case ExpediteShareField.GIVEN_NAME:
        share.givenName = need(field, person?.givenName);
        break;
      case ExpediteShareField.FAMILY_NAME:
        share.familyName = need(field, person?.familyName);
        break;
      case ExpediteShareField.PATRONYMIC:
        share.patronymic = need(field, person?.patronymic);
        break;
      case ExpediteShareField.DATE_OF_BIRTH:
        share.dateOfBirth = need(field, person?.dateOfBirth);
        break;
      case ExpediteShareField.TRAVEL_DOCUMENT: {
        const passport = need(field, content[CaseFieldGroup.Documents]?.find((d) => d.type.toUpperCase() === 'PASSPORT'));
        share.travelDocument = { type: passport.type, number: passport.number, issuingCountry: passport.issuingCountry, expiresOn: passport.expiresOn };
        break;
      }
    }
  }
  return share;
}

function requestView(row: ExpediteRequestEntity, responses: ExpediteResponseView[]): ExpediteRequestView {
  return {
    id: row.id,
    applicationId: row.applicationId,
    agencyId: row.agencyId,
    destinationCountry: row.destinationCountry,
    pathway: row.pathway,
    deadlineAt: row.deadlineAt.toISOString(),
    status: row.status,
    sharedFields: row.sharedFields,
    consentOverridden: row.consentOverrideReasonSealed !== null,
    requestedBy: row.requestedBy,
    createdAt: row.createdAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    overdueAt: row.overdueAt?.toISOString() ?? null,
    responses,
  };
}

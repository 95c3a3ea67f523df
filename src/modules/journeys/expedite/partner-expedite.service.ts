import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RecordNotFoundException } from '@common/access/access.exception';
import { partnerOf, type RequestContext } from '@common/access/request-context';
import { AgencyType } from '@common/access/roles';
import { Clock } from '@common/clock/clock';
import { startAfter, toPage, type Page } from '@common/pagination/keyset';
import type { DataKey } from '@infra/crypto/data-key';
import { AuditOutcome } from '@modules/audit/audit-outcome';
import { AuditService } from '@modules/audit/audit.service';
import { CaseFactsService } from '@modules/cases/case-facts.service';
import { CaseJournal } from '@modules/cases/case-journal';
import { CaseSealer } from '@modules/cases/case-sealer';
import { DocumentsService, type DocumentDownload } from '@modules/documents/documents.service';
import { NotificationsService } from '@modules/notifications/notifications.service';
import { ExpediteAnswer, isFinal, type ExpeditePersonShare, type GrantedDocument } from './domain/expedite';
import type { ExpediteResponseDto, ExpediteResponseView, PartnerExpediteQueryDto, PartnerExpediteRequestView } from './dto/expedite.dto';
import type { ExpediteResponseEntity } from './expedite.entity';
import { ExpediteRepository } from './expedite.repository';
import { REQUESTS, RESPONSES, responseView } from './expedite-view';
import { ExpediteAlreadyDecidedException, ExpediteDocumentNotApplicableException } from '../journeys.exception';
import { storeIdempotentAnswer } from '@infra/http/idempotency/idempotent-answer';

/** The receiving state's liaison (partner API): the requests addressed to its agency, their documents, the answer. */
@Injectable()
export class PartnerExpediteService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly expedite: ExpediteRepository,
    private readonly cases: CaseFactsService,
    private readonly sealer: CaseSealer,
    private readonly documents: DocumentsService,
    private readonly journal: CaseJournal,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

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
      const granted = await this.documents.grantedTo(
        tx,
        'expedite',
        shown.map((row) => row.id),
      );
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
          responses: responses
            .filter((r) => r.requestId === row.id)
            .map((r) => ({ id: r.id, answer: r.answer, late: r.late, respondedAt: r.respondedAt.toISOString() })),
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
        await this.audit.record(tx, {
          actor: partner,
          action: 'expedite.access_denied',
          resourceType: 'expedite_request',
          resourceId: id,
          caseId: null,
          outcome: AuditOutcome.Denied,
          requestId: ctx.requestId,
          details: { action: 'document' },
        });
        return null;
      }
      await this.audit.record(tx, {
        actor: partner,
        action: 'expedite.partner_document_downloaded',
        resourceType: 'case_document',
        resourceId: documentId,
        caseId: row.caseId,
        requestId: ctx.requestId,
        details: { expediteRequestId: row.id },
      });
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
      const document: GrantedDocument | undefined = dto.document && {
        type: dto.document.type,
        number: dto.document.number,
        validUntil: dto.document.validUntil,
      };
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
      await this.journal.record(
        tx,
        partner,
        ctx.requestId,
        { id: row.caseId, reference: row.caseReference },
        {
          kind: 'EXPEDITE_ANSWERED',
          auditAction: 'case.expedite_answered',
          details: { expediteRequestId: row.id, answer: dto.answer, late: response.late, overdue: row.overdueAt !== null },
        },
      );
      await this.notifications.notify(tx, [row.requestedBy], {
        kind: 'expedite.answered',
        subjectType: 'case',
        subjectId: row.caseReference,
        details: { expediteRequestId: row.id, answer: dto.answer, late: response.late },
      });
      // Under an Idempotency-Key the answer (without the sealed message and document) commits with it.
      return storeIdempotentAnswer(tx, responseView(this.sealer, response, null, null));
    });
  }
}

import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { actorOf, staffOf, type RequestContext } from '@common/access/request-context';
import { PartnerEventPublisher, PartnerEventType } from '@common/partner-events/partner-event';
import { CaseFieldGroup } from '@modules/access/case-access.policy';
import { AuditService } from '@modules/audit/audit.service';
import { CaseAccessService } from '@modules/cases/case-access.service';
import type { CaseProtectedContent } from '@modules/cases/case-content';
import { CaseJournal } from '@modules/cases/case-journal';
import { CaseSealer } from '@modules/cases/case-sealer';
import { DocumentsService } from '@modules/documents/documents.service';
import { ExpediteShareField, type ExpeditePersonShare } from './domain/expedite';
import type { CreateExpediteRequestDto, ExpediteRequestView } from './dto/expedite.dto';
import type { ExpediteRequestEntity } from './expedite.entity';
import { ExpediteEligibility } from './expedite-eligibility';
import { ExpediteRepository } from './expedite.repository';
import { REQUESTS, requestView, responseView } from './expedite-view';
import { ExpediteRequestPendingException, ExpediteShareUnavailableException } from '../journeys.exception';

/**
 * Expedited protection requests (spec 3.4): an EMERGENCY case's application put before a
 * receiving state's liaison with a deadline. The liaison sees only the fields the coordinator
 * chose, opened for that agency alone and audited on every read. A tick marks undecided requests
 * past their deadline overdue within seconds (once: the marking is the claim) and records `expedite.overdue`,
 * whose handler (ExpediteOverdueHandler) opens an EXPEDITE_OVERDUE escalation to coordinators.
 * This service is the staff side; PartnerExpediteService the liaison's. Only GRANTED or REFUSED
 * stops the clock; an acknowledgement does not.
 */
@Injectable()
export class ExpediteService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly expedite: ExpediteRepository,
    private readonly access: CaseAccessService,
    private readonly eligibility: ExpediteEligibility,
    private readonly sealer: CaseSealer,
    private readonly journal: CaseJournal,
    private readonly audit: AuditService,
    private readonly partnerEvents: PartnerEventPublisher,
    private readonly documents: DocumentsService,
  ) {}

  create(ctx: RequestContext, reference: string, applicationId: string, dto: CreateExpediteRequestDto): Promise<ExpediteRequestView> {
    const staff = staffOf(ctx);
    return this.dataSource.transaction(async (tx) => {
      const found = await this.access.require(tx, ctx, reference, 'write', { forUpdate: true });
      const { app, agency, now, deadline, override } = await this.eligibility.check(tx, found.row, applicationId, dto);

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
        consentOverrideReasonSealed:
          dek && override && dto.consentOverrideReason
            ? this.sealer.sealText(dek, found.row.id, REQUESTS, 'consent_override_reason', id, dto.consentOverrideReason)
            : null,
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
        details: {
          expediteRequestId: id,
          applicationId: app.id,
          agencyId: agency.id,
          deadlineAt: deadline.toISOString(),
          sharedFields: row.sharedFields,
          documentIds,
        },
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
          responses.filter((r) => r.requestId === row.id).map((r) => responseView(this.sealer, r, seeMessages ? dek : null, seeDocuments ? dek : null)),
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
        const passport = need(
          field,
          content[CaseFieldGroup.Documents]?.find((d) => d.type.toUpperCase() === 'PASSPORT'),
        );
        share.travelDocument = { type: passport.type, number: passport.number, issuingCountry: passport.issuingCountry, expiresOn: passport.expiresOn };
        break;
      }
    }
  }
  return share;
}

import type { DataKey } from '@infra/crypto/data-key';
import type { CaseSealer } from '@modules/cases/case-sealer';
import type { GrantedDocument } from './domain/expedite';
import type { ExpediteRequestView, ExpediteResponseView } from './dto/expedite.dto';
import type { ExpediteRequestEntity, ExpediteResponseEntity } from './expedite.entity';

export const REQUESTS = 'expedite_requests';
export const RESPONSES = 'expedite_responses';

/** A response as staff or the liaison see it: the message and document opened only with a key. */
export function responseView(sealer: CaseSealer, row: ExpediteResponseEntity, messageKey: DataKey | null, documentKey: DataKey | null): ExpediteResponseView {
  return {
    id: row.id,
    answer: row.answer,
    late: row.late,
    respondedAt: row.respondedAt.toISOString(),
    message: messageKey && row.messageSealed ? sealer.openText(messageKey, row.caseId, RESPONSES, 'message', row.id, row.messageSealed) : null,
    document:
      documentKey && row.documentSealed
        ? (JSON.parse(sealer.openText(documentKey, row.caseId, RESPONSES, 'document', row.id, row.documentSealed)) as GrantedDocument)
        : null,
  };
}

export function requestView(row: ExpediteRequestEntity, responses: ExpediteResponseView[]): ExpediteRequestView {
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

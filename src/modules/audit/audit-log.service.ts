import { Injectable } from '@nestjs/common';
import { actorOf, type RequestContext } from '@common/access/request-context';
import { TransactionRunner } from '@infra/database/transaction';
import { AuditOutcome } from './audit-outcome';
import { decodeAuditCursor, encodeAuditCursor } from './audit-cursor';
import { AuditVerifier } from './audit-verifier';
import { InvalidAuditQueryException } from './audit.exception';
import { AuditRepository, type AuditEventFilter, type SealedAuditEvent } from './audit.repository';
import { AuditService } from './audit.service';
import type { AuditEventPage, AuditEventView } from './dto/audit-event.view';
import type { AuditVerificationView } from './dto/audit-verification.view';
import { AUDIT_PAGE_DEFAULT, type ListAuditEventsQuery } from './dto/list-audit-events.query';

const FILTER_NAMES = ['actorType', 'actorId', 'action', 'resourceType', 'resourceId', 'caseId', 'outcome', 'from', 'to'] as const;

/**
 * What auditors read: the sealed log and its verification. Each read is itself audited, in the
 * transaction that reads (so the entry is committed before the page leaves): the log shows
 * which cases are active and who works on them, which is worth knowing about when an auditor's
 * account is misused. The entry names the filters used, not their values (free text from a
 * client never enters the log), except a case id, which goes in its own column.
 */
@Injectable()
export class AuditLogService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly repository: AuditRepository,
    private readonly audit: AuditService,
    private readonly verifier: AuditVerifier,
  ) {}

  async list(query: ListAuditEventsQuery, context: RequestContext): Promise<AuditEventPage> {
    const filter = toFilter(query);
    const beforeSeq = query.cursor ? decodeAuditCursor(query.cursor) : null;
    const limit = query.limit ?? AUDIT_PAGE_DEFAULT;
    return this.transactions.run(async (tx) => {
      // One extra row says whether another page exists.
      const rows = await this.repository.listSealed(tx, filter, beforeSeq, limit + 1);
      const items = rows.slice(0, limit);
      await this.audit.record(tx, {
        actor: actorOf(context),
        action: 'audit.read',
        resourceType: 'audit_log',
        caseId: query.caseId ?? null,
        requestId: context.requestId,
        details: { returned: items.length, filters: FILTER_NAMES.filter((name) => query[name] !== undefined), paged: beforeSeq !== null },
      });
      const last = items[items.length - 1];
      return { items: items.map(toView), nextCursor: rows.length > limit && last ? encodeAuditCursor(last.seq) : null };
    });
  }

  /** Incremental: bounded work per call; `audit:verify` walks the whole chain. */
  async verification(context: RequestContext): Promise<AuditVerificationView> {
    const result = await this.verifier.verifyIncremental();
    await this.audit.recordAlone({
      actor: actorOf(context),
      action: 'audit.verify',
      resourceType: 'audit_log',
      outcome: AuditOutcome.Success,
      requestId: context.requestId,
      details: { status: result.ok ? 'ok' : 'broken', checked: result.checked, verifiedThroughSeq: result.verifiedThroughSeq },
    });
    return {
      status: result.ok ? 'ok' : 'broken',
      mode: 'incremental',
      sealedCount: result.head.seq,
      headHash: result.head.hash,
      verifiedThroughSeq: result.verifiedThroughSeq,
      complete: result.complete,
      checkedNow: result.checked,
      brokenAt: result.broken,
      unsealedCount: result.unsealed.count,
      oldestUnsealedAt: result.unsealed.oldestOccurredAt?.toISOString() ?? null,
    };
  }
}

function toFilter(query: ListAuditEventsQuery): AuditEventFilter {
  const from = query.from ? new Date(query.from) : undefined;
  const to = query.to ? new Date(query.to) : undefined;
  if (from && to && from.getTime() > to.getTime()) throw new InvalidAuditQueryException('/from', 'from is after to');
  return {
    actorType: query.actorType,
    actorId: query.actorId,
    action: query.action,
    resourceType: query.resourceType,
    resourceId: query.resourceId,
    caseId: query.caseId,
    outcome: query.outcome,
    from,
    to,
  };
}

function toView(event: SealedAuditEvent): AuditEventView {
  return { ...event, occurredAt: event.occurredAt.toISOString(), sealedAt: event.sealedAt.toISOString() };
}

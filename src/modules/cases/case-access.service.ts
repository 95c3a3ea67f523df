import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RecordNotFoundException } from '@common/access/access.exception';
import type { Principal } from '@common/access/principal';
import type { RequestContext } from '@common/access/request-context';
import { Clock } from '@common/clock/clock';
import type { StoredDataKey } from '@infra/crypto/data-key.service';
import { decideCaseAccess, type CaseAccessBasis, type CaseAction, type CaseFieldGroup } from '@modules/access/case-access.policy';
import { BreakGlassService } from '@modules/access/break-glass.service';
import { AuditOutcome } from '@modules/audit/audit-outcome';
import { AuditService } from '@modules/audit/audit.service';
import type { CaseEntity } from './case.entity';
import { CasesRepository } from './cases.repository';
import { isCaseReference } from './domain/case-reference';

export interface AccessibleCase {
  row: CaseEntity;
  assignedCaseworkerIds: string[];
  basis: CaseAccessBasis[];
  fieldGroups: ReadonlySet<CaseFieldGroup>;
}

export interface ReadableCase extends AccessibleCase {
  storedKey: StoredDataKey | null;
  duplicateCandidates: Array<{ reference: string; reasons: string[] }>;
}

/**
 * Loads a case by reference and asks the access policy whether this principal may act on it.
 * Out of scope answers exactly like missing (404), and the denial is audited — in its own
 * transaction, so it survives the caller's rollback.
 */
@Injectable()
export class CaseAccessService {
  constructor(
    private readonly cases: CasesRepository,
    private readonly breakGlass: BreakGlassService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async require(tx: EntityManager, ctx: RequestContext, reference: string, action: CaseAction, options: { forUpdate?: boolean; allowErased?: boolean } = {}): Promise<AccessibleCase> {
    const principal = ctx.principal;
    const row = isCaseReference(reference) ? await this.cases.findByReference(reference, tx, options.forUpdate) : null;
    if (!row || !principal || (row.erasedAt && !options.allowErased)) {
      if (principal) await this.deny(ctx, reference, row?.id ?? null, action, row ? 'erased' : 'unknown-reference');
      throw new RecordNotFoundException('case');
    }
    const assignedCaseworkerIds = await this.cases.assignedCaseworkerIds(row.id, tx);
    const breakGlassUntil = principal.kind === 'staff' ? await this.breakGlass.activeUntil(principal.userId, row.id, tx) : null;
    return this.decide(ctx, principal, reference, action, row, assignedCaseworkerIds, breakGlassUntil);
  }

  /**
   * The audited read's path: the same policy and the same audited 404 as `require`, with the
   * facts (and the case's wrapped key and duplicate candidates) loaded by one statement outside
   * any transaction — the read writes nothing but its audit row.
   */
  async requireForRead(ctx: RequestContext, reference: string): Promise<ReadableCase> {
    const principal = ctx.principal;
    const facts = principal && isCaseReference(reference) ? await this.cases.findForRead(reference, principal.kind === 'staff' ? principal.userId : null, this.clock.now()) : null;
    if (!facts || !principal) {
      if (principal) await this.deny(ctx, reference, null, 'read', 'unknown-reference');
      throw new RecordNotFoundException('case');
    }
    const allowed = await this.decide(ctx, principal, reference, 'read', facts.row, facts.assignedCaseworkerIds, principal.kind === 'staff' ? facts.breakGlassUntil : null);
    return { ...allowed, storedKey: facts.storedKey, duplicateCandidates: facts.duplicateCandidates };
  }

  private async decide(ctx: RequestContext, principal: Principal, reference: string, action: CaseAction, row: CaseEntity, assignedCaseworkerIds: string[], breakGlassUntil: Date | null): Promise<AccessibleCase> {
    const decision = decideCaseAccess(
      principal,
      // Activation coordinators arrive with the activations module; until then any coordinator.
      { caseId: row.id, assignedCaseworkerIds, activationCoordinatorIds: null },
      // Partner shares arrive with the partner API.
      { breakGlassUntil, share: null },
      action,
      this.clock.now(),
    );
    if (!decision.allowed) {
      await this.deny(ctx, reference, row.id, action, decision.reason);
      throw new RecordNotFoundException('case');
    }
    return { row, assignedCaseworkerIds, basis: decision.basis, fieldGroups: decision.fieldGroups };
  }

  private deny(ctx: RequestContext, reference: string, caseId: string | null, action: CaseAction, reason: string): Promise<void> {
    return this.audit.recordAlone({
      actor: ctx.principal ?? { kind: 'anonymous' },
      action: 'case.access_denied',
      resourceType: 'case',
      resourceId: reference.slice(0, 100),
      caseId,
      outcome: AuditOutcome.Denied,
      requestId: ctx.requestId,
      details: { action, reason },
    });
  }
}

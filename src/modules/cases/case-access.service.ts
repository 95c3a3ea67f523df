import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RecordNotFoundException } from '@common/access/access.exception';
import type { RequestContext } from '@common/access/request-context';
import { Clock } from '@common/clock/clock';
import { decideCaseAccess, type CaseAccessBasis, type CaseAction, type CaseFieldGroup } from '@modules/access/case-access.policy';
import { BreakGlassService } from '@modules/access/break-glass.service';
import { AuditOutcome } from '@modules/audit/audit-outcome';
import { AuditService } from '@modules/audit/audit.service';
import { ActivationPolicy } from './activation-policy.port';
import type { CaseEntity } from './case.entity';
import { CasesRepository } from './cases.repository';
import { isCaseReference } from './domain/case-reference';

export interface AccessibleCase {
  row: CaseEntity;
  assignedCaseworkerIds: string[];
  basis: CaseAccessBasis[];
  fieldGroups: ReadonlySet<CaseFieldGroup>;
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
    private readonly activations: ActivationPolicy,
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
    // A case held by an active activation is in the scope of its coordinators only.
    const activationCoordinatorIds = row.activationId ? await this.activations.coordinatorIds(tx, row.activationId) : null;
    const decision = decideCaseAccess(
      principal,
      { caseId: row.id, assignedCaseworkerIds, activationCoordinatorIds },
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

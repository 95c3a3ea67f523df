import { Injectable, Optional } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { RecordNotFoundException } from '@common/access/access.exception';
import type { Principal } from '@common/access/principal';
import type { RequestContext } from '@common/access/request-context';
import { Clock } from '@common/clock/clock';
import type { StoredDataKey } from '@infra/crypto/data-key.service';
import { decideCaseAccess, type CaseAccessBasis, type CaseAction, type CaseFieldGroup } from '@modules/access/case-access.policy';
import { AuditOutcome } from '@modules/audit/audit-outcome';
import { AuditService } from '@modules/audit/audit.service';
import { CaseShares } from './case-shares.port';
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

export interface ReadableCase extends AccessibleCase {
  storedKey: StoredDataKey | null;
  duplicateCandidates: Array<{ reference: string; reasons: string[] }>;
  hasTriageAssessment: boolean;
  duplicateOf: string | null;
}

/** Break-glass grants are staff's: anyone else's facts carry none. */
const staffIdOf = (principal: Principal): string | null => (principal.kind === 'staff' ? principal.userId : null);

/**
 * Loads a case by reference and asks the access policy whether this principal may act on it.
 * Out of scope answers exactly like missing (404), and the denial is audited — in its own
 * transaction, so it survives the caller's rollback.
 */
@Injectable()
export class CaseAccessService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CasesRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly activations: ActivationPolicy,
    // Optional so the cases module stands alone; without shares no partner reaches a case.
    @Optional() private readonly shares?: CaseShares,
  ) {}

  async require(
    tx: EntityManager,
    ctx: RequestContext,
    reference: string,
    action: CaseAction,
    options: { forUpdate?: boolean; allowErased?: boolean } = {},
  ): Promise<AccessibleCase> {
    const principal = ctx.principal;
    const now = this.clock.now();
    const facts =
      principal && isCaseReference(reference) ? await this.cases.findAccessFacts(tx, reference, staffIdOf(principal), now, options.forUpdate) : null;
    const row = facts?.row;
    if (!facts || !row || !principal || (row.erasedAt && !options.allowErased)) {
      if (principal) await this.deny(ctx, reference, row?.id ?? null, action, row ? 'erased' : 'unknown-reference');
      throw new RecordNotFoundException('case');
    }
    const { assignedCaseworkerIds, breakGlassUntil } = facts;
    // Read in this transaction at this instant: a revoked or expired share answers 404 at once, and
    // so does every share of a case whose consent to sharing was withdrawn.
    const share = principal.kind === 'partner' && row.consentSharing ? ((await this.shares?.activeGrant(tx, row.id, principal.agencyId, now)) ?? null) : null;
    // A case held by an active activation is in the scope of its coordinators only.
    const activationCoordinatorIds = row.activationId ? await this.activations.coordinatorIds(tx, row.activationId) : null;
    return this.decide(ctx, principal, reference, action, row, { assignedCaseworkerIds, activationCoordinatorIds }, { breakGlassUntil, share }, now);
  }

  /**
   * The audited read's path: the same policy and the same audited 404 as `require`, with the
   * facts (and the case's wrapped key and duplicate candidates) loaded by one statement outside
   * any transaction — the read writes nothing but its audit row. Staff only: partners read the
   * shared view through their own routes, so no share is looked up here (a partner is refused).
   */
  async requireForRead(ctx: RequestContext, reference: string): Promise<ReadableCase> {
    const principal = ctx.principal;
    const now = this.clock.now();
    const facts = principal && isCaseReference(reference) ? await this.cases.findForRead(reference, staffIdOf(principal), now) : null;
    if (!facts || !principal) {
      if (principal) await this.deny(ctx, reference, null, 'read', 'unknown-reference');
      throw new RecordNotFoundException('case');
    }
    const breakGlassUntil = facts.breakGlassUntil;
    // Only a case held by an activation costs a second statement (its coordinators).
    const activationCoordinatorIds = facts.row.activationId ? await this.activations.coordinatorIds(this.dataSource.manager, facts.row.activationId) : null;
    const allowed = await this.decide(
      ctx,
      principal,
      reference,
      'read',
      facts.row,
      { assignedCaseworkerIds: facts.assignedCaseworkerIds, activationCoordinatorIds },
      { breakGlassUntil, share: null },
      now,
    );
    return {
      ...allowed,
      storedKey: facts.storedKey,
      duplicateCandidates: facts.duplicateCandidates,
      hasTriageAssessment: facts.hasTriageAssessment,
      duplicateOf: facts.duplicateOf,
    };
  }

  private async decide(
    ctx: RequestContext,
    principal: Principal,
    reference: string,
    action: CaseAction,
    row: CaseEntity,
    relationships: { assignedCaseworkerIds: string[]; activationCoordinatorIds: string[] | null },
    grants: { breakGlassUntil: Date | null; share: { fieldGroups: readonly CaseFieldGroup[] } | null },
    now: Date,
  ): Promise<AccessibleCase> {
    const decision = decideCaseAccess(principal, { caseId: row.id, ...relationships }, grants, action, now);
    if (!decision.allowed) {
      await this.deny(ctx, reference, row.id, action, decision.reason);
      throw new RecordNotFoundException('case');
    }
    return { row, assignedCaseworkerIds: relationships.assignedCaseworkerIds, basis: decision.basis, fieldGroups: decision.fieldGroups };
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

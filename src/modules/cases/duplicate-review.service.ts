import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { RecordNotFoundException } from '@common/access/access.exception';
import { staffOf, type RequestContext } from '@common/access/request-context';
import { StaffRole } from '@common/access/roles';
import { Clock } from '@common/clock/clock';
import { CaseFieldGroup } from '@modules/access/case-access.policy';
import { AuditService } from '@modules/audit/audit.service';
import { CaseAccessService, type AccessibleCase } from './case-access.service';
import { CaseJournal } from './case-journal';
import { DuplicateDecision } from './case-records.entity';
import { CaseSealer } from './case-sealer';
import type { CaseEntity } from './case.entity';
import { CasesRepository } from './cases.repository';
import { DuplicateAlreadyDecidedException, DuplicateCloseReferenceException } from './cases.exception';
import { CaseStage, ClosureReason } from './domain/case-stage';
import { decideTransition, StageTransitionRefusedException, type TransitionFacts } from './domain/stage-machine';
import type { DuplicateDecisionDto, DuplicateDecisionView, DuplicatePairView, DuplicateSideView } from './dto/duplicate-review.dto';
import { NO_JOURNEY } from './journey-facts.port';
import { caseHeadline } from './case-view';

/** What a reviewer needs to tell two people apart, as far as their role lets them see. */
const REVIEW_GROUPS: readonly CaseFieldGroup[] = [CaseFieldGroup.Identity, CaseFieldGroup.Contact, CaseFieldGroup.Documents, CaseFieldGroup.Dependants];

/**
 * Duplicate review (PRODUCT.md §7): a reviewer who may act on both cases of a flagged pair — an
 * assigned caseworker of both, or a coordinator — sees them side by side and decides once.
 * SAME_PERSON closes one case as DUPLICATE of the other through the stage machine (history,
 * audit, outbox, schedule) and links them; nothing is merged. NOT_SAME dismisses the pair for
 * good. Either way the flags follow the pairs still open.
 */
@Injectable()
export class DuplicateReviewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CasesRepository,
    private readonly access: CaseAccessService,
    private readonly sealer: CaseSealer,
    private readonly journal: CaseJournal,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Both cases, the groups the reader may see of each; both reads audited before the answer. */
  review(ctx: RequestContext, reference: string, otherReference: string): Promise<DuplicatePairView> {
    const staff = staffOf(ctx);
    return this.dataSource.transaction(async (tx) => {
      const { a, b } = await this.both(tx, ctx, reference, otherReference, 'read');
      const pair = await this.cases.lockDuplicatePair(tx, a.row.id, b.row.id, false);
      if (!pair || pair.resolvedAt) throw new RecordNotFoundException('duplicate candidate');
      const sides = [await this.side(tx, a), await this.side(tx, b)];
      await this.audit.recordMany(
        tx,
        sides.map((side, i) => ({
          actor: staff,
          action: 'case.read',
          resourceType: 'case',
          resourceId: side.reference,
          caseId: (i === 0 ? a : b).row.id,
          requestId: ctx.requestId,
          details: { fieldGroups: side.fieldGroups, via: 'duplicate-review', basis: (i === 0 ? a : b).basis },
        })),
      );
      return { reasons: pair.reasons, flaggedAt: pair.flaggedAt.toISOString(), cases: sides };
    });
  }

  decide(ctx: RequestContext, reference: string, otherReference: string, dto: DuplicateDecisionDto): Promise<DuplicateDecisionView> {
    const staff = staffOf(ctx);
    return this.dataSource.transaction(async (tx) => {
      const { a, b } = await this.both(tx, ctx, reference, otherReference, 'write');
      const pair = await this.cases.lockDuplicatePair(tx, a.row.id, b.row.id, true);
      if (!pair) throw new RecordNotFoundException('duplicate candidate');
      if (pair.resolvedAt) throw new DuplicateAlreadyDecidedException();
      const now = this.clock.now();
      let closed: AccessibleCase | null = null;
      let kept: AccessibleCase | null = null;
      if (dto.decision === DuplicateDecision.SAME_PERSON) {
        if (dto.closeReference !== a.row.reference && dto.closeReference !== b.row.reference) throw new DuplicateCloseReferenceException();
        [closed, kept] = dto.closeReference === a.row.reference ? [a, b] : [b, a];
        await this.closeAsDuplicate(tx, ctx, closed, kept, staff.roles.includes(StaffRole.Coordinator), now);
        await this.cases.decideDuplicatePair(tx, pair, DuplicateDecision.SAME_PERSON, staff.userId, now, closed.row.id);
        await this.journal.record(tx, staff, ctx.requestId, kept.row, {
          kind: 'DUPLICATE_CONFIRMED',
          auditAction: 'case.duplicate_confirmed',
          details: { duplicate: closed.row.reference },
        });
      } else {
        await this.cases.decideDuplicatePair(tx, pair, DuplicateDecision.NOT_SAME, staff.userId, now, null);
        for (const [self, other] of [
          [a, b],
          [b, a],
        ] as const) {
          await this.journal.record(tx, staff, ctx.requestId, self.row, {
            kind: 'DUPLICATE_DISMISSED',
            auditAction: 'case.duplicate_dismissed',
            details: { other: other.row.reference },
          });
        }
      }
      await this.cases.refreshPossibleDuplicate(tx, [a.row.id, b.row.id]);
      const after = await Promise.all([a, b].map((side) => this.cases.findById(side.row.id, tx)));
      return {
        decision: dto.decision,
        closedReference: closed?.row.reference ?? null,
        keptReference: kept?.row.reference ?? null,
        cases: after
          .filter((row): row is CaseEntity => row !== null)
          .map((row) => ({ reference: row.reference, stage: row.stage, closureReason: row.closureReason, possibleDuplicate: row.possibleDuplicate })),
      };
    });
  }

  /** Both cases through the access policy (404, audited, for either out of scope), locked in reference order. */
  private async both(
    tx: EntityManager,
    ctx: RequestContext,
    reference: string,
    otherReference: string,
    action: 'read' | 'write',
  ): Promise<{ a: AccessibleCase; b: AccessibleCase }> {
    if (reference === otherReference) throw new RecordNotFoundException('duplicate candidate');
    const lock = (ref: string) => this.access.require(tx, ctx, ref, action, { forUpdate: action === 'write' });
    if (reference < otherReference) {
      const a = await lock(reference);
      return { a, b: await lock(otherReference) };
    }
    const b = await lock(otherReference);
    return { a: await lock(reference), b };
  }

  private async side(tx: EntityManager, found: AccessibleCase): Promise<DuplicateSideView> {
    const groups = new Set(REVIEW_GROUPS.filter((group) => found.fieldGroups.has(group)));
    const content = groups.size > 0 ? this.sealer.open(await this.sealer.key(tx, found.row.id), found.row, groups) : {};
    const row = found.row;
    return {
      ...caseHeadline(row),
      createdAt: row.createdAt.toISOString(),
      assignedCaseworkerIds: found.assignedCaseworkerIds,
      fieldGroups: Object.keys(content).sort(),
      protected: content,
    };
  }

  /** The stage machine's own close edge (reason DUPLICATE): an already closed case is refused with 409. */
  private async closeAsDuplicate(
    tx: EntityManager,
    ctx: RequestContext,
    closed: AccessibleCase,
    kept: AccessibleCase,
    actorIsCoordinator: boolean,
    now: Date,
  ): Promise<void> {
    const staff = staffOf(ctx);
    const row = closed.row;
    const facts: TransitionFacts = {
      stage: row.stage,
      previousStage: row.previousStage,
      assignedCaseworkerCount: closed.assignedCaseworkerIds.length,
      verification: row.verification as TransitionFacts['verification'],
      hasTriageAssessment: false,
      ...NO_JOURNEY,
    };
    const decision = decideTransition(facts, { to: CaseStage.CLOSED, closureReason: ClosureReason.DUPLICATE, actorIsCoordinator });
    if (!decision.ok) throw StageTransitionRefusedException.from(decision);
    await this.cases.updateCase(tx, row.id, {
      stage: CaseStage.CLOSED,
      previousStage: row.stage,
      closureReason: ClosureReason.DUPLICATE,
      closedAt: now,
      updatedAt: now,
    });
    await this.journal.record(tx, staff, ctx.requestId, row, {
      kind: 'CLOSED',
      fromStage: row.stage,
      toStage: CaseStage.CLOSED,
      auditAction: 'case.stage_changed',
      details: { closureReason: ClosureReason.DUPLICATE, duplicateOf: kept.row.reference },
    });
  }
}

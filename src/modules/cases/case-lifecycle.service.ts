import { randomUUID } from 'node:crypto';
import { Injectable, Optional } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { staffOf, type RequestContext } from '@common/access/request-context';
import { StaffRole } from '@common/access/roles';
import { Clock } from '@common/clock/clock';
import { AuditOutcome } from '@modules/audit/audit-outcome';
import { AuditService } from '@modules/audit/audit.service';
import { CaseAccessService, type AccessibleCase } from './case-access.service';
import { CaseJournal, type CaseChange } from './case-journal';
import { CaseSealer } from './case-sealer';
import type { CaseEntity } from './case.entity';
import { CasesRepository } from './cases.repository';
import { CaseStage, type CasePriority } from './domain/case-stage';
import {
  decideTransition,
  describeGuard,
  JOURNEY_GUARD_CODES,
  STAGE_EDGES,
  StageTransitionRefusedException,
  transitionOptions,
  unmetFor,
  type EdgeGuardCode,
  type TransitionFacts,
  type TransitionOption,
  type UnmetGuard,
} from './domain/stage-machine';
import { resolvePriority, scoreTriage } from './domain/triage';
import { JourneyFacts, NO_JOURNEY } from './journey-facts.port';
import type { ConsentUpdateDto, FlagsDto, LegalHoldDto, TransitionDto, TriageDto, VerificationDto } from './dto/case-commands.dto';

export interface CaseStateView {
  reference: string;
  stage: string;
  priority: string;
  flags: string[];
  verification: string;
  updatedAt: string;
}

export interface TriageResult extends CaseStateView {
  score: number;
  suggestedPriority: CasePriority;
  overridden: boolean;
}

/** Stage transitions and the other changes that move a case along. */
@Injectable()
export class CaseLifecycleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CasesRepository,
    private readonly access: CaseAccessService,
    private readonly sealer: CaseSealer,
    private readonly journal: CaseJournal,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    // Optional so the cases module stands alone; without journeys every journey guard refuses.
    @Optional() private readonly journeys?: JourneyFacts,
  ) {}

  async transition(ctx: RequestContext, reference: string, dto: TransitionDto): Promise<CaseStateView> {
    const staff = staffOf(ctx);
    const outcome = await this.dataSource.transaction(async (tx) => {
      const found = await this.access.require(tx, ctx, reference, 'write', { forUpdate: true });
      const facts = await this.facts(tx, found);
      const request = {
        to: dto.to,
        closureReason: dto.closureReason,
        reopenReason: dto.reopenReason,
        actorIsCoordinator: staff.roles.includes(StaffRole.Coordinator),
      };
      const decision = decideTransition(facts, request);
      if (!decision.ok) {
        // Off the machine: the refusal itself is the one unmet rule; on it: every guard still failing.
        const unmet: UnmetGuard[] =
          decision.guard === 'transition-not-allowed'
            ? [{ guard: decision.guard, description: describeGuard(decision.guard), detail: decision.detail }]
            : unmetFor(facts, request);
        return { refused: decision, context: { unmet, transitions: transitionOptions(facts, request) }, row: found.row };
      }
      const now = this.clock.now();
      const row = found.row;
      const closing = dto.to === CaseStage.CLOSED;
      const reopening = row.stage === CaseStage.CLOSED;
      const changes: Partial<CaseEntity> = {
        stage: dto.to,
        previousStage: closing ? row.stage : null,
        closureReason: closing ? (dto.closureReason ?? null) : null,
        closedAt: closing ? now : null,
        updatedAt: now,
      };
      await this.cases.updateCase(tx, row.id, changes);
      await this.journal.record(tx, staff, ctx.requestId, row, {
        kind: reopening ? 'REOPENED' : closing ? 'CLOSED' : 'STAGE_CHANGED',
        fromStage: row.stage,
        toStage: dto.to,
        auditAction: reopening ? 'case.reopened' : 'case.stage_changed',
        details: closing ? { closureReason: dto.closureReason ?? null } : reopening ? { reopenReasonGiven: true } : {},
      });
      return { refused: null, context: undefined, row: { ...row, ...changes } };
    });
    if (outcome.refused) {
      await this.audit.recordAlone({
        actor: staff,
        action: 'case.transition_refused',
        resourceType: 'case',
        resourceId: reference,
        caseId: outcome.row.id,
        outcome: AuditOutcome.Failure,
        requestId: ctx.requestId,
        details: { from: outcome.row.stage, to: dto.to, guard: outcome.refused.guard },
      });
      throw StageTransitionRefusedException.from(outcome.refused, outcome.context);
    }
    return stateOf(outcome.row);
  }

  triage(ctx: RequestContext, reference: string, dto: TriageDto): Promise<TriageResult> {
    const staff = staffOf(ctx);
    return this.dataSource.transaction(async (tx) => {
      const found = await this.access.require(tx, ctx, reference, 'write', { forUpdate: true });
      const scored = scoreTriage(dto.factors);
      const { priority, overridden } = resolvePriority(
        scored.suggestedPriority,
        dto.overridePriority ? { priority: dto.overridePriority, reason: dto.overrideReason ?? '' } : undefined,
      );
      const now = this.clock.now();
      const id = randomUUID();
      const dek = await this.sealer.key(tx, found.row.id);
      const factors = [...dto.factors].sort();
      await this.cases.insertTriage(tx, {
        id,
        caseId: found.row.id,
        // The codes (OUTED, IN_HIDING…) can out the person: sealed under the case key, like the reason.
        factors: null,
        factorsSealed: this.sealer.sealJson(dek, found.row.id, 'triage_assessments', 'factors', id, factors),
        score: scored.score,
        suggestedPriority: scored.suggestedPriority,
        priority,
        // The reason may describe the person: sealed under the case key.
        overrideReasonSealed:
          overridden && dto.overrideReason ? this.sealer.sealText(dek, found.row.id, 'triage_assessments', 'override_reason', id, dto.overrideReason) : null,
        assessedBy: staff.userId,
        assessedAt: now,
      });
      await this.cases.updateCase(tx, found.row.id, { priority, triagedAt: now, updatedAt: now });
      await this.journal.record(tx, staff, ctx.requestId, found.row, {
        kind: 'TRIAGED',
        auditAction: overridden ? 'case.triage_overridden' : 'case.triaged',
        reschedule: true,
        // The score narrows down the factors (5 is OUTED or IN_HIDING): sealed with them; the audit log gets neither.
        details: { assessmentId: id, suggestedPriority: scored.suggestedPriority, priority },
        sealedDetails: { factors, score: scored.score },
      });
      return { ...stateOf({ ...found.row, priority, updatedAt: now }), score: scored.score, suggestedPriority: scored.suggestedPriority, overridden };
    });
  }

  verify(ctx: RequestContext, reference: string, dto: VerificationDto): Promise<CaseStateView> {
    return this.change(
      ctx,
      reference,
      () => ({ verification: dto.outcome }),
      (row) => ({ kind: 'VERIFICATION_RECORDED', auditAction: 'case.verification_recorded', details: { from: row.verification, outcome: dto.outcome } }),
    );
  }

  flags(ctx: RequestContext, reference: string, dto: FlagsDto): Promise<CaseStateView> {
    const flags = [...new Set(dto.flags)].sort();
    // DETAINED, IN_HIDING… in the history are sealed; the audit log records only that the flags changed.
    return this.change(
      ctx,
      reference,
      () => ({ flags }),
      (row) => ({ kind: 'FLAGS_CHANGED', auditAction: 'case.flags_changed', details: {}, sealedDetails: { before: row.flags, after: flags } }),
    );
  }

  consent(ctx: RequestContext, reference: string, dto: ConsentUpdateDto): Promise<CaseStateView> {
    const staff = staffOf(ctx);
    const now = this.clock.now();
    return this.change(
      ctx,
      reference,
      () => ({
        consentServices: dto.services,
        consentSharing: dto.sharing,
        consentResettlement: dto.resettlement,
        consentMethod: dto.method,
        consentObtainedAt: new Date(dto.obtainedAt),
        consentRecordedBy: staff.userId,
        consentRecordedAt: now,
      }),
      () => ({
        kind: 'CONSENT_CHANGED',
        auditAction: 'case.consent_changed',
        details: { services: dto.services, sharing: dto.sharing, resettlement: dto.resettlement, method: dto.method },
      }),
    );
  }

  legalHold(ctx: RequestContext, reference: string, dto: LegalHoldDto): Promise<CaseStateView> {
    return this.change(
      ctx,
      reference,
      () => ({ legalHold: dto.legalHold }),
      () => ({ kind: 'LEGAL_HOLD_CHANGED', auditAction: 'case.legal_hold_changed', details: { legalHold: dto.legalHold } }),
    );
  }

  /** A plain-field change with its history and audit entry. */
  private change(
    ctx: RequestContext,
    reference: string,
    changes: (row: CaseEntity) => Partial<CaseEntity>,
    entry: (row: CaseEntity) => Pick<CaseChange, 'kind' | 'auditAction' | 'details' | 'sealedDetails'>,
  ): Promise<CaseStateView> {
    const staff = staffOf(ctx);
    return this.dataSource.transaction(async (tx) => {
      const found = await this.access.require(tx, ctx, reference, 'write', { forUpdate: true });
      const now = this.clock.now();
      const update = { ...changes(found.row), updatedAt: now };
      await this.cases.updateCase(tx, found.row.id, update);
      await this.journal.record(tx, staff, ctx.requestId, found.row, entry(found.row));
      return stateOf({ ...found.row, ...update });
    });
  }

  /** Everything the stage guards need, from this case's records. */
  private async facts(tx: EntityManager, found: AccessibleCase): Promise<TransitionFacts> {
    return {
      stage: found.row.stage,
      previousStage: found.row.previousStage,
      assignedCaseworkerCount: found.assignedCaseworkerIds.length,
      verification: found.row.verification as TransitionFacts['verification'],
      hasTriageAssessment: await this.cases.hasTriage(found.row.id, tx),
      ...(this.journeys ? await this.journeys.load(tx, found.row) : NO_JOURNEY),
    };
  }

  /**
   * The moves open from the case's stage with their unmet guards, for the case read. The journey
   * facts (several statements) are loaded only when an edge out of this stage has a journey
   * guard, so reading a case in INTAKE or VERIFICATION costs nothing more.
   */
  async transitionsFor(
    manager: EntityManager,
    found: { row: CaseEntity; assignedCaseworkerIds: string[]; hasTriageAssessment: boolean },
    actor: { actorIsCoordinator: boolean },
  ): Promise<TransitionOption[]> {
    const { row } = found;
    const needsJourney = STAGE_EDGES.some((edge) => edge.from === row.stage && edge.guards.some((guard) => JOURNEY_GUARDS.has(guard)));
    const facts: TransitionFacts = {
      stage: row.stage,
      previousStage: row.previousStage,
      assignedCaseworkerCount: found.assignedCaseworkerIds.length,
      verification: row.verification as TransitionFacts['verification'],
      hasTriageAssessment: found.hasTriageAssessment,
      ...(needsJourney && this.journeys ? await this.journeys.load(manager, row) : NO_JOURNEY),
    };
    return transitionOptions(facts, actor);
  }
}

/** Guards whose facts come from the journeys module (JourneyFacts). */
const JOURNEY_GUARDS: ReadonlySet<EdgeGuardCode> = new Set<EdgeGuardCode>(JOURNEY_GUARD_CODES);

function stateOf(row: CaseEntity): CaseStateView {
  return {
    reference: row.reference,
    stage: row.stage,
    priority: row.priority,
    flags: row.flags,
    verification: row.verification,
    updatedAt: row.updatedAt.toISOString(),
  };
}

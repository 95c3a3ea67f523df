import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { UnauthenticatedException } from '@common/access/access.exception';
import { actorOf, staffOf, type RequestContext } from '@common/access/request-context';
import { StaffRole } from '@common/access/roles';
import { Clock } from '@common/clock/clock';
import { ProcessConfig } from '@config/process.config';
import { startAfter, toPage, type Page } from '@common/pagination/keyset';
import { AuditService } from '@modules/audit/audit.service';
import { CaseFieldGroup } from '@modules/access/case-access.policy';
import { ActivationLinker } from './activation-linker.port';
import { CaseAccessService } from './case-access.service';
import type { CaseProtectedContent } from './case-content';
import { CaseJournal } from './case-journal';
import { CaseLifecycleService } from './case-lifecycle.service';
import { CaseMatchingService } from './case-matching.service';
import { CaseSealer } from './case-sealer';
import { toDetail, toHistoryView, type CaseDetail, type CaseHistoryView } from './case-view';
import type { CaseEntity } from './case.entity';
import { CasesRepository } from './cases.repository';
import { ConsentToServicesRequiredException } from './cases.exception';
import { CasePriority, CaseStage } from './domain/case-stage';
import { generateCaseReference } from './domain/case-reference';
import { triageDeadline } from './domain/triage';
import type { IntakeDto } from './dto/case-commands.dto';
import type { PageQueryDto } from '@common/pagination/page-query.dto';

export interface IntakeResult {
  reference: string;
  stage: string;
  priority: string;
  triageDueAt: string;
  possibleDuplicate: boolean;
  /** References only; a caseworker may open them if their own access allows. */
  duplicateCandidates: string[];
}

/**
 * What intake takes: the staff intake body, plus what a partner referral adds. `activationCode` is
 * carried for the activations module, which links the case to its activation in this same path.
 */
export type IntakeInput = IntakeDto & {
  /** The partner agency that referred the case. */
  referringAgencyId?: string | null;
  activationCode?: string;
};

/** Opening, reading and listing case files. */
@Injectable()
export class CasesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CasesRepository,
    private readonly access: CaseAccessService,
    private readonly sealer: CaseSealer,
    private readonly matching: CaseMatchingService,
    private readonly journal: CaseJournal,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly processConfig: ProcessConfig,
    private readonly activations: ActivationLinker,
    private readonly lifecycle: CaseLifecycleService,
  ) {}

  /** Intake by staff: the file is sealed, duplicates are looked for by blind index, and history starts. */
  async intake(ctx: RequestContext, dto: IntakeDto): Promise<IntakeResult> {
    staffOf(ctx);
    const opened = await this.dataSource.transaction((tx) => this.open(tx, ctx, dto));
    return opened.result;
  }

  /**
   * The one intake path, for staff and for partner referrals alike, in the caller's transaction:
   * data key, sealed groups, blind-index duplicate detection, triage deadline, and the journal
   * (history, audit, outbox, check-in schedule). Only a caseworker who opens a case is assigned
   * to it; consent is recorded as given by whoever submits it (staff member or agency).
   */
  async open(tx: EntityManager, ctx: RequestContext, input: IntakeInput): Promise<{ caseId: string; result: IntakeResult }> {
    // The one consent check of every intake (staff and partner referrals): nothing is written without it.
    if (!input.consent.services) throw new ConsentToServicesRequiredException();
    const principal = ctx.principal;
    if (!principal) throw new UnauthenticatedException();
    const recordedBy = principal.kind === 'staff' ? principal.userId : principal.agencyId;
    const now = this.clock.now();
    const id = randomUUID();
    const priority = input.priority ?? CasePriority.URGENT;
    const content: CaseProtectedContent = {
      [CaseFieldGroup.Identity]: input.person,
      [CaseFieldGroup.Contact]: input.contact,
      [CaseFieldGroup.Location]: input.location,
      [CaseFieldGroup.Narrative]: input.narrative,
      [CaseFieldGroup.Sogiesc]: input.sogiesc,
      [CaseFieldGroup.Health]: input.healthNeeds,
      [CaseFieldGroup.Documents]: input.documents,
      [CaseFieldGroup.Dependants]: input.dependants,
    };
    const dek = await this.sealer.createKey(tx, id);
    // During an activation the case is linked before its deadlines are set, so they carry its overrides.
    const activation = await this.activations.match(tx, { originCountry: input.originCountry, activationCode: input.activationCode });
    const triageDueAt = triageDeadline(now, priority, activation?.triageSlaHours, this.processConfig.drillTimeCompression);
    const row: CaseEntity = {
      id,
      reference: generateCaseReference(),
      stage: CaseStage.INTAKE,
      previousStage: null,
      priority,
      flags: [],
      originCountry: input.originCountry,
      currentCountry: input.currentCountry ?? null,
      activationId: activation?.activationId ?? null,
      referringAgencyId: input.referringAgencyId ?? null,
      consentServices: input.consent.services,
      consentSharing: input.consent.sharing,
      consentResettlement: input.consent.resettlement,
      consentMethod: input.consent.method,
      consentObtainedAt: new Date(input.consent.obtainedAt),
      consentRecordedBy: recordedBy,
      consentRecordedAt: now,
      verification: 'NONE',
      triageDueAt,
      triagedAt: null,
      possibleDuplicate: false,
      dependantsCount: input.dependants?.length ?? 0,
      closureReason: null,
      closedAt: null,
      legalHold: false,
      erasedAt: null,
      createdAt: now,
      updatedAt: now,
      personSealed: null,
      contactSealed: null,
      locationSealed: null,
      narrativeSealed: null,
      sogiescSealed: null,
      healthSealed: null,
      documentsSealed: null,
      dependantsSealed: null,
      ...this.sealer.seal(dek, id, content),
    };
    // A caseworker who opens a case keeps it; coordinators assign (partner referrals included).
    const selfAssigned = principal.kind === 'staff' && principal.roles.includes(StaffRole.Caseworker);
    const assignee = selfAssigned ? { userId: principal.userId, assignedAt: now } : undefined;
    // 40 random bits: a clash is rare, and the unique index is the word on it (no look-up first).
    while (!(await this.cases.insertCaseUnlessReferenceTaken(tx, row, assignee))) row.reference = generateCaseReference();
    const reference = row.reference;
    if (activation)
      await this.activations.attach(tx, {
        activationId: activation.activationId,
        caseId: id,
        reference,
        assigned: selfAssigned,
        actor: principal,
        requestId: ctx.requestId,
      });
    const duplicates = await this.matching.record(tx, id, this.matching.digests(input.person, input.contact, input.originCountry));
    // Both cases of every pair are flagged: the older one may be the one a caseworker opens next.
    if (duplicates.possibleDuplicate) await this.cases.flagPossibleDuplicates(tx, [id, ...duplicates.candidates.map((candidate) => candidate.caseId)]);
    await this.journal.record(tx, principal, ctx.requestId, row, {
      kind: 'CREATED',
      toStage: CaseStage.INTAKE,
      auditAction: 'case.created',
      opened: { priority, triageDueAt, activationOverrides: activation?.overrides ?? null },
      details: {
        priority,
        possibleDuplicate: duplicates.possibleDuplicate,
        groups: Object.keys(content).filter((group) => content[group as keyof CaseProtectedContent] !== undefined),
        ...(input.referringAgencyId ? { referred: true } : {}),
      },
    });
    return {
      caseId: id,
      result: {
        reference,
        stage: row.stage,
        priority,
        triageDueAt: triageDueAt.toISOString(),
        possibleDuplicate: duplicates.possibleDuplicate,
        duplicateCandidates: duplicates.candidates.map((candidate) => candidate.reference),
      },
    };
  }

  /**
   * An audited read: the audit row is committed before the data leaves. Reading writes nothing
   * else, so no transaction is opened: one statement loads the facts, the INSERT of the audit row
   * commits on its own, and only then is the answer returned (a failed insert answers 500 and
   * returns nothing). Three round trips in all, with the session lookup (docs/PERFORMANCE.md).
   */
  async read(ctx: RequestContext, reference: string): Promise<CaseDetail> {
    // An erased case still reads — as a tombstone, with no protected content.
    const found = await this.access.requireForRead(ctx, reference);
    const groups = found.row.erasedAt ? new Set<CaseFieldGroup>() : found.fieldGroups;
    const content = groups.size > 0 ? this.sealer.open(this.sealer.keyFromStored(found.row.id, found.storedKey), found.row, groups) : {};
    await this.audit.recordAlone({
      actor: actorOf(ctx),
      action: 'case.read',
      resourceType: 'case',
      resourceId: reference,
      caseId: found.row.id,
      requestId: ctx.requestId,
      details: { fieldGroups: Object.keys(content).sort(), basis: found.basis },
    });
    const staff = ctx.principal?.kind === 'staff' ? ctx.principal : null;
    const transitions = found.row.erasedAt
      ? []
      : await this.lifecycle.transitionsFor(this.dataSource.manager, found, { actorIsCoordinator: staff?.roles.includes(StaffRole.Coordinator) ?? false });
    return toDetail(found.row, {
      assignedCaseworkerIds: found.assignedCaseworkerIds,
      duplicateCandidates: found.duplicateCandidates,
      duplicateOf: found.duplicateOf,
      protected: content,
      access: { basis: found.basis, fieldGroups: [...found.fieldGroups].sort() },
      transitions,
    });
  }

  history(ctx: RequestContext, reference: string, query: PageQueryDto): Promise<Page<CaseHistoryView>> {
    return this.dataSource.transaction(async (tx) => {
      const found = await this.access.require(tx, ctx, reference, 'read', { allowErased: true });
      const rows = await this.cases.history(found.row.id, startAfter(query.cursor), query.limit);
      // Sealed codes (risk factors, flags) are opened for those who see the narrative, where the
      // reported factors also are; others see the entry without them.
      const dek = found.fieldGroups.has(CaseFieldGroup.Narrative) && rows.some((row) => row.detailsSealed) ? await this.sealer.key(tx, found.row.id) : null;
      for (const row of rows) {
        if (dek && row.detailsSealed) row.details = { ...row.details, ...this.sealer.openHistoryDetails(dek, found.row.id, row.id, row.detailsSealed) };
      }
      return toPage(
        rows.map((row) => Object.assign(row, { createdAt: row.occurredAt })),
        query.limit,
        toHistoryView,
      );
    });
  }
}

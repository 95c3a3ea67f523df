import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { staffOf, type RequestContext } from '@common/access/request-context';
import { StaffRole } from '@common/access/roles';
import { Clock } from '@common/clock/clock';
import { encodeCursor, startAfter, type Page } from '@common/pagination/keyset';
import { CaseFieldGroup, decideCaseAccess } from '@modules/access/case-access.policy';
import { AuditService, type AuditEventInput } from '@modules/audit/audit.service';
import { ActivationPolicy } from './activation-policy.port';
import { CaseMatchingService } from './case-matching.service';
import { CaseSealer } from './case-sealer';
import { CasesRepository, type CaseListFilter, type CaseListRow } from './cases.repository';
import { SearchNameTooShortException } from './cases.exception';
import type { CaseListQueryDto, CaseSearchDto } from './dto/case-list-query.dto';
import type { CaseListItemView, CaseNameView } from './dto/case-list.view';
import { caseHeadline } from './case-view';

/**
 * Case lists people can read: the cases in the reader's scope, with the caseload columns and,
 * where the access policy gives the reader the identity group, the name — opened on the server
 * from the one sealed group, under a key read with the row (one unwrap per case, no extra round
 * trip). Every case whose name leaves gets its `case.read` audit row: one set-based INSERT,
 * committed (autocommit) before the answer; if it fails, nothing is returned.
 */
@Injectable()
export class CaseListService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CasesRepository,
    private readonly sealer: CaseSealer,
    private readonly matching: CaseMatchingService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly activations: ActivationPolicy,
  ) {}

  list(ctx: RequestContext, query: CaseListQueryDto): Promise<Page<CaseListItemView>> {
    return this.page(ctx, query, undefined);
  }

  /**
   * Name search through the blind indexes intake stores (`case_match_keys`, kind `name`): the
   * term is folded and HMACed here and dropped; it is never stored, logged or audited — the
   * audit row says that a search ran and how many cases it found.
   */
  search(ctx: RequestContext, body: CaseSearchDto): Promise<Page<CaseListItemView>> {
    const digests = this.matching.nameSearchDigests(body.name);
    if (digests.length === 0) throw new SearchNameTooShortException();
    return this.page(ctx, body, digests);
  }

  private async page(ctx: RequestContext, query: CaseListQueryDto, nameDigests: string[] | undefined): Promise<Page<CaseListItemView>> {
    const staff = staffOf(ctx);
    const now = this.clock.now();
    const coordinator = staff.roles.includes(StaffRole.Coordinator);
    const coordinated = coordinator ? await this.activations.coordinatedBy(staff.userId) : [];
    const withNames = query.names !== false;
    const filter: CaseListFilter = {
      ...(coordinator ? { coordinatorId: staff.userId, coordinatedActivationIds: coordinated } : { assignedTo: staff.userId }),
      assignee: query.mine ? staff.userId : query.assignee,
      stage: query.stage,
      priority: query.priority,
      flag: query.flag,
      originCountry: query.originCountry,
      currentCountry: query.currentCountry,
      activationId: query.activationId,
      possibleDuplicate: query.possibleDuplicate,
      triageOverdueAt: query.overdue ? now : undefined,
      checkinOverdueAt: query.checkinOverdue ? now : undefined,
      nameDigests,
      includeClosed: query.includeClosed ?? false,
      withNames,
    };
    // A caller asking for "mine" and another assignee at once gets the intersection: nothing.
    if (query.mine && query.assignee && query.assignee !== staff.userId) return { items: [], nextCursor: null };
    const rows = await this.cases.listPage(filter, startAfter(query.cursor), query.limit, now);
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    const via = nameDigests ? 'search' : 'list';
    const audits: AuditEventInput[] = [];
    const items = page.map((row) => {
      const shown = withNames ? this.name(staff, row, coordinated, now) : null;
      if (shown) {
        audits.push({
          actor: staff,
          action: 'case.read',
          resourceType: 'case',
          resourceId: row.reference,
          caseId: row.id,
          requestId: ctx.requestId,
          details: { fieldGroups: [CaseFieldGroup.Identity], fields: ['name', 'aliases'], via, basis: shown.basis },
        });
      }
      return view(row, shown?.name ?? null, now);
    });
    if (nameDigests) {
      audits.push({
        actor: staff,
        action: 'case.searched',
        resourceType: 'case',
        requestId: ctx.requestId,
        details: { by: 'name', found: items.length, namesShown: audits.length },
      });
    }
    // One INSERT for the whole page, committed before anything leaves.
    await this.audit.recordMany(this.dataSource.manager, audits);
    return { items, nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
  }

  /** The name, if the policy gives this reader the identity group of this case (null otherwise). */
  private name(staff: ReturnType<typeof staffOf>, row: CaseListRow, coordinated: string[], now: Date): { name: CaseNameView; basis: string[] } | null {
    if (!row.personSealed || !row.storedKey) return null;
    const decision = decideCaseAccess(
      staff,
      {
        caseId: row.id,
        assignedCaseworkerIds: row.assignedCaseworkerIds,
        // The list's scope already holds only activations this coordinator coordinates.
        activationCoordinatorIds: row.activationId ? (coordinated.includes(row.activationId) ? [staff.userId] : []) : null,
      },
      // Break-glass is for opening one case, not for browsing: a list never uses it.
      { breakGlassUntil: null, share: null },
      'read',
      now,
    );
    if (!decision.allowed || !decision.fieldGroups.has(CaseFieldGroup.Identity)) return null;
    const person = this.sealer.openGroup(this.sealer.keyFromStored(row.id, row.storedKey), row.id, CaseFieldGroup.Identity, row.personSealed);
    return {
      name: { givenName: person.givenName, familyName: person.familyName, patronymic: person.patronymic ?? null, aliases: person.aliases ?? [] },
      basis: decision.basis,
    };
  }
}

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

function view(row: CaseListRow, name: CaseNameView | null, now: Date): CaseListItemView {
  return {
    ...caseHeadline(row),
    activationId: row.activationId,
    possibleDuplicate: row.possibleDuplicate,
    triageDueAt: iso(row.triageDueAt),
    triagedAt: iso(row.triagedAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    erased: false,
    name,
    assignedCaseworkerIds: row.assignedCaseworkerIds,
    nextCheckin: row.checkinDueAt
      ? { dueAt: row.checkinDueAt.toISOString(), deadlineAt: iso(row.checkinDeadlineAt), overdue: row.checkinDueAt.getTime() < now.getTime() }
      : null,
    openEscalations: row.openEscalations,
    stay: row.stay,
  };
}

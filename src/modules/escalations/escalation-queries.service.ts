import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { staffOf, type RequestContext } from '@common/access/request-context';
import { StaffRole } from '@common/access/roles';
import { startAfter, toPage, type Page } from '@common/pagination/keyset';
import { ActivationPolicy } from '@modules/cases/activation-policy.port';
import { CaseFactsService } from '@modules/cases/case-facts.service';
import { EscalationsRepository } from './escalations.repository';
import { EscalationScope } from './escalation-scope';
import { EscalationTimeline } from './escalation-timeline';
import { toView, type EscalationDetailView, type EscalationView } from './escalation-view';
import type { EscalationListQueryDto } from './dto/escalations.dto';

/** The escalation lists and detail staff read. */
@Injectable()
export class EscalationQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: EscalationsRepository,
    private readonly cases: CaseFactsService,
    private readonly activations: ActivationPolicy,
    private readonly scope: EscalationScope,
    private readonly timeline: EscalationTimeline,
  ) {}

  async list(ctx: RequestContext, query: EscalationListQueryDto): Promise<Page<EscalationView>> {
    const staff = staffOf(ctx);
    // Coordinators: cases with no activation, or of an active activation they coordinate (as for case access).
    const coordinator = staff.roles.includes(StaffRole.Coordinator);
    const caseIds = coordinator ? null : await this.cases.caseIdsAssignedTo(this.dataSource.manager, staff.userId);
    if (caseIds && caseIds.length === 0) return { items: [], nextCursor: null };
    const coordinatedActivationIds = coordinator ? await this.activations.coordinatedBy(staff.userId) : undefined;
    const rows = await this.repository.page(
      {
        caseIds,
        coordinatedActivationIds,
        level: query.level,
        trigger: query.trigger,
        state: query.state,
        activationId: query.activationId,
        caseReference: query.caseReference,
      },
      startAfter(query.cursor),
      query.limit,
    );
    return toPage(
      rows.map((row) => ({ ...row, createdAt: row.openedAt })),
      query.limit,
      toView,
    );
  }

  /** The escalation with its timeline: opened, each climb, acknowledgement, reassignment, resolution. */
  detail(ctx: RequestContext, id: string): Promise<EscalationDetailView> {
    return this.dataSource.transaction(async (tx) => {
      const row = await this.scope.lock(tx, ctx, id, 'read');
      return { ...toView(row), timeline: await this.timeline.of(tx, row.id) };
    });
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { staffOf, type RequestContext } from '@common/access/request-context';
import { Clock } from '@common/clock/clock';
import { AuditService } from '@modules/audit/audit.service';
import { CasePriority } from '@modules/cases/domain/case-stage';
import { CheckinsRepository } from './checkins.repository';
import { GRACE_FRACTION, SCHEDULED_STAGES, type CheckinPolicy } from './domain/checkin-policy';
import type { UpdateCheckinPolicyDto } from './dto/checkins.dto';

export interface CheckinPolicyView {
  gracePercent: number;
  rules: Array<{ stage: string; priority: string; intervalMinutes: number }>;
}

/** The editable interval table (admins). Changes apply from each case's next recompute. */
@Injectable()
export class CheckinPolicyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: CheckinsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async get(): Promise<CheckinPolicyView> {
    return toView(await this.repository.policy());
  }

  update(ctx: RequestContext, dto: UpdateCheckinPolicyDto): Promise<CheckinPolicyView> {
    const admin = staffOf(ctx);
    return this.dataSource.transaction(async (tx) => {
      const before = await this.repository.policy(tx);
      const now = this.clock.now();
      const changed = dto.rules.filter((rule) => before[rule.stage][rule.priority] !== rule.intervalMinutes);
      await this.repository.savePolicyRows(
        tx,
        changed.map((rule) => ({ stage: rule.stage, priority: rule.priority, intervalMinutes: rule.intervalMinutes, updatedAt: now, updatedBy: admin.userId })),
      );
      await this.audit.record(tx, {
        actor: admin,
        action: 'checkin_policy.changed',
        resourceType: 'checkin_policy',
        requestId: ctx.requestId,
        details: { changed: changed.map((rule) => `${rule.stage}:${rule.priority}:${before[rule.stage][rule.priority]}->${rule.intervalMinutes}`) },
      });
      return toView(await this.repository.policy(tx));
    });
  }
}

function toView(policy: CheckinPolicy): CheckinPolicyView {
  return {
    gracePercent: GRACE_FRACTION * 100,
    rules: SCHEDULED_STAGES.flatMap((stage) => Object.values(CasePriority).map((priority) => ({ stage, priority, intervalMinutes: policy[stage][priority] }))),
  };
}

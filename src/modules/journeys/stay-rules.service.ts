import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { actorOf, staffOf, type RequestContext } from '@common/access/request-context';
import { Clock } from '@common/clock/clock';
import { AuditService } from '@modules/audit/audit.service';
import type { StayRuleView, UpsertStayRuleDto } from './dto/stay-rule.dto';
import type { StayRuleEntity } from './journey-records.entity';
import { JourneysRepository } from './journeys.repository';

/** The stay-rule table admins keep current; every change is audited with its before and after. */
@Injectable()
export class StayRulesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly journeys: JourneysRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<StayRuleView[]> {
    return (await this.journeys.stayRules()).map(view);
  }

  upsert(ctx: RequestContext, nationality: string, hostCountry: string, dto: UpsertStayRuleDto): Promise<StayRuleView> {
    const admin = staffOf(ctx);
    return this.dataSource.transaction(async (tx) => {
      const before = await this.journeys.stayRule(tx, nationality, hostCountry);
      const row: StayRuleEntity = {
        nationality,
        hostCountry,
        allowedDays: dto.allowedDays,
        source: dto.source,
        checkedOn: dto.checkedOn,
        updatedBy: admin.userId,
        updatedAt: this.clock.now(),
      };
      await this.journeys.upsertStayRule(tx, row);
      await this.audit.record(tx, {
        actor: actorOf(ctx),
        action: before ? 'stay_rule.updated' : 'stay_rule.created',
        resourceType: 'stay_rule',
        resourceId: `${nationality}:${hostCountry}`,
        requestId: ctx.requestId,
        details: { allowedDays: dto.allowedDays, ...(before ? { previousAllowedDays: before.allowedDays } : {}), checkedOn: dto.checkedOn },
      });
      return view(row);
    });
  }
}

function view(row: StayRuleEntity): StayRuleView {
  return {
    nationality: row.nationality,
    hostCountry: row.hostCountry,
    allowedDays: row.allowedDays,
    source: row.source,
    checkedOn: row.checkedOn,
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt.toISOString(),
  };
}

import { Injectable } from '@nestjs/common';
import { systemActor } from '@common/access/principal';
import { JobName } from '@common/jobs/job-name';
import { JobHandler, type JobContext } from '@infra/queue/job-handler.decorator';
import { CaseFactsService } from '@modules/cases/case-facts.service';
import { EscalationLevel, EscalationTrigger } from '@modules/escalations/domain/escalation';
import { EscalationsService } from '@modules/escalations/escalations.service';
import { NotificationsService } from '@modules/notifications/notifications.service';

/** `stay.limit_approaching`, recorded by the stay clock's daily tick (StayLimitService). */
@Injectable()
export class StayLimitHandler {
  constructor(
    private readonly cases: CaseFactsService,
    private readonly notifications: NotificationsService,
    private readonly escalations: EscalationsService,
  ) {}

  /**
   * The case's caseworkers hear it in-app (reference, stay id and threshold only), and a
   * STAY_LIMIT escalation opens: level 1 at 21 days, level 2 at 7 (spec 3.4). If one is still
   * unresolved it is already on the ladder, climbing by its windows, and is left as it is.
   */
  @JobHandler(JobName.StayLimitApproaching)
  async limitApproaching({ tx, payload }: JobContext): Promise<void> {
    const found = await this.cases.find(tx, String(payload.caseId));
    if (!found || found.erased) return;
    const threshold = Number(payload.threshold);
    await this.escalations.open(tx, {
      caseId: found.id,
      reference: found.reference,
      priority: found.priority,
      trigger: EscalationTrigger.STAY_LIMIT,
      level: threshold <= 7 ? EscalationLevel.COORDINATOR : EscalationLevel.CASEWORKER,
      actor: systemActor('stay-clock'),
    });
    await this.notifications.notify(tx, await this.cases.assignedCaseworkerIds(tx, found.id), {
      kind: 'stay.limit_approaching',
      subjectType: 'case',
      subjectId: found.reference,
      details: { stayId: String(payload.stayId), threshold },
    });
  }
}

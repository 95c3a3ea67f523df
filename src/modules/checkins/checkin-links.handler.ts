import { Injectable } from '@nestjs/common';
import { systemActor } from '@common/access/principal';
import { JobName } from '@common/jobs/job-name';
import { JobHandler, type JobContext } from '@infra/queue/job-handler.decorator';
import { CaseFactsService } from '@modules/cases/case-facts.service';
import { EscalationLevel, EscalationTrigger } from '@modules/escalations/domain/escalation';
import { EscalationsService } from '@modules/escalations/escalations.service';

const COMPONENT = 'checkin-links';

/** `checkin.link_used`, recorded by CheckinPageService after the person has had their answer. */
@Injectable()
export class CheckinLinksHandler {
  constructor(
    private readonly cases: CaseFactsService,
    private readonly escalations: EscalationsService,
  ) {}

  /** Opens the DURESS escalation at the top level, after the person has had their answer. */
  @JobHandler(JobName.CheckinLinkUsed)
  async linkUsed({ tx, payload }: JobContext): Promise<void> {
    if (payload.duress !== true) return;
    const facts = await this.cases.find(tx, String(payload.caseId));
    if (!facts || facts.erased) return;
    await this.escalations.open(tx, {
      caseId: facts.id,
      reference: facts.reference,
      priority: facts.priority,
      trigger: EscalationTrigger.DURESS,
      level: EscalationLevel.FIELD_PARTNER,
      actor: systemActor(COMPONENT),
    });
  }
}

import { Injectable } from '@nestjs/common';
import { JobName } from '@common/jobs/job-name';
import { JobHandler, type JobContext } from '@infra/queue/job-handler.decorator';
import { NotificationsService } from '@modules/notifications/notifications.service';
import { CasesRepository } from './cases.repository';

/** Side effects of case events, run from the outbox. */
@Injectable()
export class CaseEventsHandler {
  constructor(
    private readonly cases: CasesRepository,
    private readonly notifications: NotificationsService,
  ) {}

  /** The case's caseworkers hear of a stage change they did not make (reference and stages only). */
  @JobHandler(JobName.CaseStageChanged)
  async stageChanged({ tx, payload }: JobContext): Promise<void> {
    const caseId = String(payload.caseId);
    const recipients = (await this.cases.assignedCaseworkerIds(caseId, tx)).filter((id) => id !== payload.actorId);
    await this.notifications.notify(tx, recipients, {
      kind: 'case.stage_changed',
      subjectType: 'case',
      subjectId: typeof payload.reference === 'string' ? payload.reference : '',
      details: { from: typeof payload.from === 'string' ? payload.from : '', to: typeof payload.to === 'string' ? payload.to : '' },
    });
  }
}

import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Clock } from '@common/clock/clock';
import { JobName } from '@common/jobs/job-name';
import { OutboxService } from '@infra/outbox/outbox.service';
import { JobHandler, type JobContext } from '@infra/queue/job-handler.decorator';
import { TickScheduler } from '@infra/scheduling/tick-scheduler';
import { systemActor } from '@common/access/principal';
import { CaseFactsService } from '@modules/cases/case-facts.service';
import { EscalationLevel, EscalationTrigger } from '@modules/escalations/domain/escalation';
import { EscalationsService } from '@modules/escalations/escalations.service';
import { NotificationsService } from '@modules/notifications/notifications.service';
import { utcDate } from './domain/stay-clock';
import { JourneysRepository } from './journeys.repository';

const DAY_MS = 86_400_000;
/** Days remaining at which caseworkers hear the stay limit approaching (spec 3.4). */
export const STAY_LIMIT_THRESHOLDS = [21, 7] as const;
const BATCH = 1000;

/**
 * The stay clock's events. A daily tick (advisory-locked, once per period across replicas) records
 * `stay.limit_approaching` for every open stay at or under a threshold; the dedupe key makes it
 * exactly once per stay and threshold however often the tick runs. Days remaining come from the
 * allowed days copied at arrival, so a later stay-rule edit changes only future stays.
 */
@Injectable()
export class StayLimitService implements OnModuleInit {
  constructor(
    private readonly journeys: JourneysRepository,
    private readonly outbox: OutboxService,
    private readonly ticks: TickScheduler,
    private readonly clock: Clock,
    private readonly cases: CaseFactsService,
    private readonly notifications: NotificationsService,
    private readonly escalations: EscalationsService,
  ) {}

  onModuleInit(): void {
    this.ticks.declare('journeys.stay_clock', DAY_MS, async (tx) => {
      const today = utcDate(this.clock.now());
      for (const threshold of STAY_LIMIT_THRESHOLDS) {
        for (const stay of await this.journeys.staysWithinDays(tx, today, threshold, BATCH)) {
          await this.outbox.record(tx, {
            job: JobName.StayLimitApproaching,
            payload: { caseId: stay.caseId, stayId: stay.id, threshold, daysRemaining: stay.daysRemaining },
            dedupeKey: `stay.limit:${stay.id}:${threshold}`,
          });
        }
      }
    });
  }

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

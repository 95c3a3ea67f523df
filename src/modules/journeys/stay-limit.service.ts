import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Clock } from '@common/clock/clock';
import { JobName } from '@common/jobs/job-name';
import { OutboxService } from '@infra/outbox/outbox.service';
import { TickScheduler } from '@infra/scheduling/tick-scheduler';
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
}

import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Clock } from '@common/clock/clock';
import { JobName } from '@common/jobs/job-name';
import { CasesConfig } from '@config/cases.config';
import { OutboxService } from '@infra/outbox/outbox.service';
import { JobHandler, type JobContext } from '@infra/queue/job-handler.decorator';
import { TickScheduler } from '@infra/scheduling/tick-scheduler';
import { CaseShredder } from './case-shredder';
import { CasesRepository } from './cases.repository';
import { CaseStage } from './domain/case-stage';

const DAY_MS = 86_400_000;
const RETENTION_BATCH = 500;

/** Retention: a daily tick records `case.retention_erase` for each closed case past the retention period; the job shreds it. */
@Injectable()
export class CaseRetentionHandler implements OnModuleInit {
  constructor(
    private readonly cases: CasesRepository,
    private readonly shredder: CaseShredder,
    private readonly outbox: OutboxService,
    private readonly ticks: TickScheduler,
    private readonly clock: Clock,
    @Inject(CasesConfig) private readonly config: CasesConfig,
  ) {}

  onModuleInit(): void {
    // The daily tick only enqueues; each erasure runs as its own idempotent job.
    this.ticks.declare('cases.retention', DAY_MS, async (tx) => {
      const before = new Date(this.clock.nowMs() - this.config.retentionDays * DAY_MS);
      for (const caseId of await this.cases.dueForRetention(before, RETENTION_BATCH)) {
        await this.outbox.record(tx, { job: JobName.CaseRetentionErase, payload: { caseId }, dedupeKey: `case.retention_erase:${caseId}` });
      }
    });
  }

  @JobHandler(JobName.CaseRetentionErase)
  async eraseForRetention({ tx, payload }: JobContext): Promise<void> {
    const row = await this.cases.findById(String(payload.caseId), tx);
    // Reopened, put on hold or already erased since the tick: nothing to do.
    if (!row || row.erasedAt || row.legalHold || row.stage !== CaseStage.CLOSED) return;
    await this.shredder.shred(tx, row, { kind: 'system', component: 'retention' }, null, 'RETENTION');
  }
}

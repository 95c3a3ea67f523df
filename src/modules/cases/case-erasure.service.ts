import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '@common/access/principal';
import { staffOf, type RequestContext } from '@common/access/request-context';
import { Clock } from '@common/clock/clock';
import { JobName } from '@common/jobs/job-name';
import { CasesConfig } from '@config/cases.config';
import { OutboxService } from '@infra/outbox/outbox.service';
import { JobHandler, type JobContext } from '@infra/queue/job-handler.decorator';
import { TickScheduler } from '@infra/scheduling/tick-scheduler';
import { CaseAccessService } from './case-access.service';
import { CaseErasureParticipants } from './case-erasure.port';
import { CaseJournal } from './case-journal';
import { CaseSealer } from './case-sealer';
import type { CaseEntity } from './case.entity';
import { CasesRepository } from './cases.repository';
import { EraseConfirmationMismatchException } from './cases.exception';
import { CaseStage, ClosureReason } from './domain/case-stage';
import type { EraseDto } from './dto/case-commands.dto';

const DAY_MS = 86_400_000;
const RETENTION_BATCH = 500;

/**
 * Crypto-shredding: the case's data key is deleted and every protected value nulled, so nothing
 * is recoverable, even with the master key; the row stays as a tombstone (reference, dates,
 * closure reason) so counts and the audit chain stay whole.
 */
@Injectable()
export class CaseErasureService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CasesRepository,
    private readonly access: CaseAccessService,
    private readonly sealer: CaseSealer,
    private readonly journal: CaseJournal,
    private readonly outbox: OutboxService,
    private readonly ticks: TickScheduler,
    private readonly clock: Clock,
    @Inject(CasesConfig) private readonly config: CasesConfig,
    private readonly participants: CaseErasureParticipants,
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

  erase(ctx: RequestContext, reference: string, dto: EraseDto): Promise<{ reference: string; erasedAt: string }> {
    if (dto.confirmReference !== reference) throw new EraseConfirmationMismatchException();
    const coordinator = staffOf(ctx);
    return this.dataSource.transaction(async (tx) => {
      const found = await this.access.require(tx, ctx, reference, 'write', { forUpdate: true });
      const erasedAt = await this.shred(tx, found.row, coordinator, ctx.requestId, dto.reason);
      return { reference, erasedAt: erasedAt.toISOString() };
    });
  }

  @JobHandler(JobName.CaseRetentionErase)
  async eraseForRetention({ tx, payload }: JobContext): Promise<void> {
    const row = await this.cases.findById(String(payload.caseId), tx);
    // Reopened, put on hold or already erased since the tick: nothing to do.
    if (!row || row.erasedAt || row.legalHold || row.stage !== CaseStage.CLOSED) return;
    await this.shred(tx, row, { kind: 'system', component: 'retention' }, null, 'RETENTION');
  }

  private async shred(tx: EntityManager, row: CaseEntity, actor: Actor, requestId: string | null, reason: string): Promise<Date> {
    const now = this.clock.now();
    await this.sealer.shred(tx, row.id);
    await this.cases.eraseProtected(tx, row.id, now);
    await this.participants.eraseProtected(tx, row.id);
    const closing = row.stage !== CaseStage.CLOSED;
    if (closing) await this.cases.updateCase(tx, row.id, { stage: CaseStage.CLOSED, previousStage: row.stage, closureReason: ClosureReason.WITHDRAWN, closedAt: now });
    await this.journal.record(tx, actor, requestId, row, {
      kind: 'ERASED',
      fromStage: closing ? row.stage : null,
      toStage: closing ? CaseStage.CLOSED : null,
      auditAction: 'case.erased',
      details: { reason },
    });
    return now;
  }
}

import { randomUUID } from 'node:crypto';
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
import { StaffRole } from '@common/access/roles';
import { StaffDirectory } from '@common/access/staff-directory';
import { NotificationsService } from '@modules/notifications/notifications.service';
import { ActivationPolicy } from './activation-policy.port';
import { CaseAccessService } from './case-access.service';
import { CaseErasureParticipants } from './case-erasure.port';
import { CaseJournal } from './case-journal';
import { CaseSealer } from './case-sealer';
import type { CaseEntity } from './case.entity';
import { CasesRepository } from './cases.repository';
import {
  EraseConfirmationMismatchException,
  ErasureAlreadyRequestedException,
  ErasureNeedsSecondPersonException,
  ErasureNotRequestedException,
  ErasureRequestExpiredException,
} from './cases.exception';
import { CaseStage, ClosureReason } from './domain/case-stage';
import type { EraseConfirmationDto, EraseDto } from './dto/case-commands.dto';
import type { CaseErasureRequestEntity } from './case-records.entity';

const DAY_MS = 86_400_000;
const RETENTION_BATCH = 500;
/** A request not confirmed within a week lapses: a stale "yes" must not be picked up later. */
export const ERASURE_REQUEST_TTL_MS = 7 * DAY_MS;

export interface ErasureRequestView {
  reference: string;
  status: 'REQUESTED' | 'WITHDRAWN';
  reason: string;
  requestedBy: string;
  requestedAt: string;
}

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
    private readonly activations: ActivationPolicy,
    private readonly staffDirectory: StaffDirectory,
    private readonly notifications: NotificationsService,
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

  /**
   * Erasure on request, step one of two: a coordinator on the case asks, with a reason code. Nothing
   * is erased until another coordinator confirms (`confirm`). Both steps need write access to the
   * case, which a break-glass grant never gives.
   */
  request(ctx: RequestContext, reference: string, dto: EraseDto): Promise<ErasureRequestView> {
    if (dto.confirmReference !== reference) throw new EraseConfirmationMismatchException();
    const coordinator = staffOf(ctx);
    return this.dataSource.transaction(async (tx) => {
      const found = await this.access.require(tx, ctx, reference, 'write', { forUpdate: true });
      const now = this.clock.now();
      const pending = await this.cases.pendingErasureRequest(tx, found.row.id);
      if (pending && !this.lapsed(pending, now)) throw new ErasureAlreadyRequestedException();
      if (pending) await this.cases.closeErasureRequest(tx, pending.id, 'EXPIRED', null, now);
      const row: CaseErasureRequestEntity = { id: randomUUID(), caseId: found.row.id, status: 'REQUESTED', reason: dto.reason, requestedBy: coordinator.userId, requestedAt: now, decidedBy: null, decidedAt: null };
      await this.cases.insertErasureRequest(tx, row);
      await this.journal.record(tx, coordinator, ctx.requestId, found.row, { kind: 'ERASURE_REQUESTED', auditAction: 'case.erasure_requested', details: { requestId: row.id, reason: dto.reason } });
      // The coordinators who could confirm (those in scope), so the second pair of eyes knows.
      const inScope = found.row.activationId ? await this.activations.coordinatorIds(tx, found.row.activationId) : null;
      const confirmers = (inScope ?? (await this.staffDirectory.activeIdsWithRole(tx, StaffRole.Coordinator))).filter((id) => id !== coordinator.userId);
      await this.notifications.notify(tx, confirmers, { kind: 'case.erasure_requested', subjectType: 'case', subjectId: reference, details: { by: coordinator.userId } });
      return { reference, status: 'REQUESTED', reason: dto.reason, requestedBy: coordinator.userId, requestedAt: now.toISOString() };
    });
  }

  /** Step two: a different coordinator confirms, and the case is crypto-shredded at once. */
  confirm(ctx: RequestContext, reference: string, dto: EraseConfirmationDto): Promise<{ reference: string; erasedAt: string }> {
    if (dto.confirmReference !== reference) throw new EraseConfirmationMismatchException();
    const coordinator = staffOf(ctx);
    return this.dataSource.transaction(async (tx) => {
      const found = await this.access.require(tx, ctx, reference, 'write', { forUpdate: true });
      const pending = await this.cases.pendingErasureRequest(tx, found.row.id);
      if (!pending) throw new ErasureNotRequestedException();
      if (pending.requestedBy === coordinator.userId) throw new ErasureNeedsSecondPersonException();
      const now = this.clock.now();
      if (this.lapsed(pending, now)) throw new ErasureRequestExpiredException();
      await this.cases.closeErasureRequest(tx, pending.id, 'CONFIRMED', coordinator.userId, now);
      const erasedAt = await this.shred(tx, found.row, coordinator, ctx.requestId, pending.reason, { requestId: pending.id, requestedBy: pending.requestedBy });
      return { reference, erasedAt: erasedAt.toISOString() };
    });
  }

  /** Any coordinator on the case may withdraw a pending request (keeping a case is never irreversible). */
  withdraw(ctx: RequestContext, reference: string): Promise<ErasureRequestView> {
    const coordinator = staffOf(ctx);
    return this.dataSource.transaction(async (tx) => {
      const found = await this.access.require(tx, ctx, reference, 'write', { forUpdate: true });
      const pending = await this.cases.pendingErasureRequest(tx, found.row.id);
      if (!pending) throw new ErasureNotRequestedException();
      const now = this.clock.now();
      await this.cases.closeErasureRequest(tx, pending.id, 'WITHDRAWN', coordinator.userId, now);
      await this.journal.record(tx, coordinator, ctx.requestId, found.row, { kind: 'ERASURE_WITHDRAWN', auditAction: 'case.erasure_withdrawn', details: { requestId: pending.id } });
      return { reference, status: 'WITHDRAWN', reason: pending.reason, requestedBy: pending.requestedBy, requestedAt: pending.requestedAt.toISOString() };
    });
  }

  private lapsed(request: CaseErasureRequestEntity, now: Date): boolean {
    return now.getTime() - request.requestedAt.getTime() > ERASURE_REQUEST_TTL_MS;
  }

  @JobHandler(JobName.CaseRetentionErase)
  async eraseForRetention({ tx, payload }: JobContext): Promise<void> {
    const row = await this.cases.findById(String(payload.caseId), tx);
    // Reopened, put on hold or already erased since the tick: nothing to do.
    if (!row || row.erasedAt || row.legalHold || row.stage !== CaseStage.CLOSED) return;
    await this.shred(tx, row, { kind: 'system', component: 'retention' }, null, 'RETENTION');
  }

  private async shred(tx: EntityManager, row: CaseEntity, actor: Actor, requestId: string | null, reason: string, request: { requestId: string; requestedBy: string } | null = null): Promise<Date> {
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
      details: { reason, ...(request ?? {}) },
    });
    return now;
  }
}

import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { staffOf, type RequestContext } from '@common/access/request-context';
import { Clock } from '@common/clock/clock';
import { StaffRole } from '@common/access/roles';
import { StaffDirectory } from '@common/access/staff-directory';
import { NotificationsService } from '@modules/notifications/notifications.service';
import { ActivationPolicy } from './activation-policy.port';
import { CaseAccessService } from './case-access.service';
import { CaseJournal } from './case-journal';
import { CasesRepository } from './cases.repository';
import { CaseShredder } from './case-shredder';
import {
  EraseConfirmationMismatchException,
  ErasureAlreadyRequestedException,
  ErasureNeedsSecondPersonException,
  ErasureNotRequestedException,
  ErasureRequestExpiredException,
} from './cases.exception';
import type { EraseConfirmationDto, EraseDto } from './dto/case-commands.dto';
import type { CaseErasureRequestEntity } from './case-records.entity';

const DAY_MS = 86_400_000;
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
export class CaseErasureService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CasesRepository,
    private readonly access: CaseAccessService,
    private readonly journal: CaseJournal,
    private readonly clock: Clock,
    private readonly activations: ActivationPolicy,
    private readonly staffDirectory: StaffDirectory,
    private readonly notifications: NotificationsService,
    private readonly shredder: CaseShredder,
  ) {}

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
      const row: CaseErasureRequestEntity = {
        id: randomUUID(),
        caseId: found.row.id,
        status: 'REQUESTED',
        reason: dto.reason,
        requestedBy: coordinator.userId,
        requestedAt: now,
        decidedBy: null,
        decidedAt: null,
      };
      await this.cases.insertErasureRequest(tx, row);
      await this.journal.record(tx, coordinator, ctx.requestId, found.row, {
        kind: 'ERASURE_REQUESTED',
        auditAction: 'case.erasure_requested',
        details: { requestId: row.id, reason: dto.reason },
      });
      // The coordinators who could confirm (those in scope), so the second pair of eyes knows.
      const inScope = found.row.activationId ? await this.activations.coordinatorIds(tx, found.row.activationId) : null;
      const confirmers = (inScope ?? (await this.staffDirectory.activeIdsWithRole(tx, StaffRole.Coordinator))).filter((id) => id !== coordinator.userId);
      await this.notifications.notify(tx, confirmers, {
        kind: 'case.erasure_requested',
        subjectType: 'case',
        subjectId: reference,
        details: { by: coordinator.userId },
      });
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
      const erasedAt = await this.shredder.shred(tx, found.row, coordinator, ctx.requestId, pending.reason, {
        requestId: pending.id,
        requestedBy: pending.requestedBy,
      });
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
      await this.journal.record(tx, coordinator, ctx.requestId, found.row, {
        kind: 'ERASURE_WITHDRAWN',
        auditAction: 'case.erasure_withdrawn',
        details: { requestId: pending.id },
      });
      return { reference, status: 'WITHDRAWN', reason: pending.reason, requestedBy: pending.requestedBy, requestedAt: pending.requestedAt.toISOString() };
    });
  }

  private lapsed(request: CaseErasureRequestEntity, now: Date): boolean {
    return now.getTime() - request.requestedAt.getTime() > ERASURE_REQUEST_TTL_MS;
  }
}

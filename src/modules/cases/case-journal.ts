import { randomUUID } from 'node:crypto';
import { Injectable, Optional } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { actorRecord, type Actor } from '@common/access/principal';
import { Clock } from '@common/clock/clock';
import { JobName } from '@common/jobs/job-name';
import { OutboxService } from '@infra/outbox/outbox.service';
import { AuditService } from '@modules/audit/audit.service';
import type { ActivationOverrides } from './activation-policy.port';
import { CaseStageObserver } from './case-stage-observer.port';
import { CaseSealer } from './case-sealer';
import { CasesRepository } from './cases.repository';
import { CheckinScheduler } from './checkin-scheduler.port';
import type { CasePriority, CaseStage } from './domain/case-stage';

export interface CaseChange {
  kind: string;
  fromStage?: string | null;
  toStage?: string | null;
  /** Codes, ids, field names and counts only; copied to the audit log. */
  details?: Record<string, string | number | boolean | string[] | null>;
  /**
   * Codes that can out or endanger the person (risk factors, flags such as IN_HIDING): sealed
   * under the case key in the history entry, never in the audit log.
   */
  sealedDetails?: Record<string, string | number | boolean | string[] | null>;
  auditAction: string;
  /** The change affects the check-in schedule although the stage did not move (priority). */
  reschedule?: boolean;
  /**
   * Intake only: the case was created in this transaction, exactly as the caller wrote it (at
   * `toStage`, untriaged), so the journal does not read it back and the scheduler has no schedule
   * to look for; `activationOverrides` are those of the activation it was just linked to (null: none).
   */
  opened?: { priority: CasePriority; triageDueAt: Date; activationOverrides: ActivationOverrides | null };
}

/**
 * Writes what every case change leaves behind, in the caller's transaction: a history entry, an
 * audit event, and — for stage changes — an outbox event; stage and priority changes also
 * recompute the check-in schedule.
 */
@Injectable()
export class CaseJournal {
  constructor(
    private readonly cases: CasesRepository,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly checkins: CheckinScheduler,
    private readonly sealer: CaseSealer,
    @Optional() private readonly stageObserver?: CaseStageObserver,
  ) {}

  /**
   * A history entry alone, for events another module audits itself (a check-in writes its own
   * `checkin.recorded` audit row): codes and ids only, in the caller's transaction.
   */
  async note(
    tx: EntityManager,
    actor: Actor,
    caseId: string,
    kind: string,
    details: Record<string, string | number | boolean | string[] | null>,
  ): Promise<void> {
    const { actorType, actorId } = actorRecord(actor);
    await this.cases.insertHistory(tx, {
      id: randomUUID(),
      caseId,
      occurredAt: this.clock.now(),
      actorType,
      actorId,
      kind,
      fromStage: null,
      toStage: null,
      details,
      detailsSealed: null,
    });
  }

  async record(tx: EntityManager, actor: Actor, requestId: string | null, target: { id: string; reference: string }, change: CaseChange): Promise<void> {
    const { actorType, actorId } = actorRecord(actor);
    const historyId = randomUUID();
    const detailsSealed = change.sealedDetails
      ? this.sealer.sealHistoryDetails(await this.sealer.key(tx, target.id), target.id, historyId, change.sealedDetails)
      : null;
    await this.cases.insertHistory(tx, {
      id: historyId,
      caseId: target.id,
      occurredAt: this.clock.now(),
      actorType,
      actorId,
      kind: change.kind,
      fromStage: change.fromStage ?? null,
      toStage: change.toStage ?? null,
      details: change.details ?? {},
      detailsSealed,
    });
    const auditDetails: Record<string, string | number | boolean | string[]> = {};
    for (const [key, value] of Object.entries(change.details ?? {})) if (value !== null) auditDetails[key] = value;
    if (change.fromStage) auditDetails.from = change.fromStage;
    if (change.toStage) auditDetails.to = change.toStage;
    await this.audit.record(tx, {
      actor,
      action: change.auditAction,
      resourceType: 'case',
      resourceId: target.reference,
      caseId: target.id,
      requestId,
      details: auditDetails,
    });
    // An opening enters INTAKE but changes no one's case: `case.stage_changed` (which tells the
    // case's other caseworkers) is for moves between stages; the stage observer hears both.
    if (change.toStage && change.fromStage !== change.toStage) {
      if (!change.opened) {
        await this.outbox.record(tx, {
          job: JobName.CaseStageChanged,
          payload: { caseId: target.id, reference: target.reference, from: change.fromStage ?? null, to: change.toStage, actorId },
        });
      }
      await this.stageObserver?.stageChanged(tx, {
        caseId: target.id,
        reference: target.reference,
        from: (change.fromStage ?? null) as CaseStage | null,
        to: change.toStage as CaseStage,
      });
    }
    const stageEntered = Boolean(change.toStage) && change.fromStage !== change.toStage;
    if (change.opened && change.toStage) {
      const { priority, triageDueAt, activationOverrides } = change.opened;
      await this.checkins.recompute(tx, {
        caseId: target.id,
        reference: target.reference,
        stage: change.toStage as CaseStage,
        priority,
        stageEntered: true,
        triageDueAt,
        opened: { activationOverrides },
      });
    } else if (stageEntered || change.reschedule) {
      const row = await this.cases.findById(target.id, tx);
      if (row) {
        await this.checkins.recompute(tx, {
          caseId: row.id,
          reference: row.reference,
          stage: row.stage,
          priority: row.priority,
          stageEntered,
          triageDueAt: row.triagedAt ? null : row.triageDueAt,
        });
      }
    }
  }
}

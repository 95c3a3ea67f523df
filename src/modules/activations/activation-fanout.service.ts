import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { systemActor } from '@common/access/principal';
import { StaffRole } from '@common/access/roles';
import { StaffDirectory } from '@common/access/staff-directory';
import { Clock } from '@common/clock/clock';
import { JobName } from '@common/jobs/job-name';
import { QueueConfig } from '@config/queue.config';
import { OutboxService } from '@infra/outbox/outbox.service';
import type { JobContext } from '@infra/queue/job-handler.decorator';
import { AuditService } from '@modules/audit/audit.service';
import { CaseActivationLinks, type ActivationCaseFacts } from '@modules/cases/case-activation-links.service';
import { CheckinScheduleService } from '@modules/checkins/checkin-schedule.service';
import { NotificationsService } from '@modules/notifications/notifications.service';
import { ActivationStatus, FanoutKind, type ActivationEntity } from './activation.entity';
import { ZERO_FANOUT_COUNTERS } from './fanout-progress';
import { ActivationsRepository, type FanoutCounts } from './activations.repository';
import { placeCases } from './roster-balancer';

/** Cases per chunk: one transaction of a few hundred milliseconds, small enough to retry cheaply. */
export const FANOUT_CHUNK_SIZE = 1000;

export const planKey = (activationId: string, generation: number): string => `activation.fanout_plan:${activationId}:${generation}`;
export const chunkKey = (activationId: string, generation: number, chunk: number): string => `activation.fanout_chunk:${activationId}:${generation}:${chunk}`;

const COMPONENT = 'activations';
const ACTOR = systemActor(COMPONENT);
const ZERO: FanoutCounts = { linked: 0, rescheduled: 0, assigned: 0, unplaced: 0, failed: 0, released: 0 };

/**
 * Fan-out (spec 3.7): a plan job splits the activation's cases into id ranges and records one
 * chunk job per range through the outbox (deterministic dedupe keys); each chunk links, re-times
 * and places its range with set-based statements in one transaction that also marks the job
 * done, so a crash loses or repeats nothing. Chunks of one activation take its row lock in turn:
 * placement reads caseloads, and serial chunks keep every cap exact. A chunk of a superseded run
 * (the activation was stood down meanwhile) does nothing, and a repeated chunk finds its work done.
 */
@Injectable()
export class ActivationFanoutService {
  private readonly logger = new Logger(ActivationFanoutService.name);

  constructor(
    private readonly repository: ActivationsRepository,
    private readonly cases: CaseActivationLinks,
    private readonly schedules: CheckinScheduleService,
    private readonly staff: StaffDirectory,
    private readonly notifications: NotificationsService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(QueueConfig) private readonly queue: QueueConfig,
  ) {}

  /** Starts a new run in the caller's transaction (activation, override or roster edit, stand-down). */
  async start(tx: EntityManager, activation: ActivationEntity, kind: FanoutKind): Promise<number> {
    const generation = activation.fanoutGeneration + 1;
    const now = this.clock.now();
    await this.repository.update(tx, activation.id, {
      fanoutKind: kind,
      fanoutGeneration: generation,
      ...ZERO_FANOUT_COUNTERS,
      fanoutStartedAt: now,
      fanoutFinishedAt: null,
      updatedAt: now,
    });
    await this.outbox.record(tx, {
      job: JobName.ActivationFanoutPlan,
      payload: { activationId: activation.id, generation },
      dedupeKey: planKey(activation.id, generation),
    });
    return generation;
  }

  async plan({ tx, payload }: JobContext): Promise<void> {
    const activation = await this.current(tx, payload);
    if (!activation) return;
    const { total, lowerBounds } =
      activation.fanoutKind === FanoutKind.LINK
        ? await this.cases.linkableBoundaries(tx, activation.originCountries, FANOUT_CHUNK_SIZE)
        : await this.repository.heldBoundaries(tx, activation.id, FANOUT_CHUNK_SIZE);
    const now = this.clock.now();
    await this.repository.update(tx, activation.id, {
      fanoutTargeted: total,
      fanoutChunksTotal: lowerBounds.length,
      fanoutFinishedAt: lowerBounds.length === 0 ? now : null,
      updatedAt: now,
    });
    const generation = activation.fanoutGeneration;
    await this.outbox.recordMany(
      tx,
      lowerBounds.map((lo, chunk) => ({
        job: JobName.ActivationFanoutChunk,
        payload: { activationId: activation.id, generation, chunk, lo, hi: lowerBounds[chunk + 1] ?? null },
        dedupeKey: chunkKey(activation.id, generation, chunk),
      })),
    );
  }

  async chunk({ tx, payload, attempt }: JobContext): Promise<void> {
    const activation = await this.current(tx, payload);
    if (!activation) return;
    const chunk = Number(payload.chunk);
    // Claimed in the transaction that does the work: a repeated chunk finds the claim and stops.
    if (!(await this.repository.claimChunk(tx, activation.id, activation.fanoutGeneration, chunk, this.clock.now()))) return;
    const range = { lo: String(payload.lo), hi: typeof payload.hi === 'string' ? payload.hi : null };
    let counts: FanoutCounts;
    await tx.query('SAVEPOINT activation_chunk');
    try {
      counts = await this.runChunk(tx, activation, range);
    } catch (error) {
      // Until the last attempt the job retries; on it, the chunk is counted as failed instead of
      // vanishing into a parked job, so the activation's progress says what did not happen.
      if (attempt < this.queue.attempts) throw error;
      await tx.query('ROLLBACK TO SAVEPOINT activation_chunk');
      const failed =
        activation.fanoutKind === FanoutKind.LINK
          ? await this.cases.countLinkable(tx, activation.originCountries, range)
          : (await this.repository.heldInRange(tx, activation.id, range.lo, range.hi)).length;
      counts = { ...ZERO, failed };
      this.logger.warn({ activationId: activation.id, chunk, attempt }, 'activation fan-out chunk failed on its last attempt');
    }
    await this.repository.recordChunkCounts(tx, activation.id, activation.fanoutGeneration, chunk, counts);
    const finished = await this.repository.addCounts(tx, activation.id, counts, this.clock.now());
    await this.audit.record(tx, {
      actor: ACTOR,
      action: 'activation.fanout_chunk',
      resourceType: 'activation',
      resourceId: activation.code,
      details: { kind: activation.fanoutKind ?? '', generation: activation.fanoutGeneration, chunk, ...counts },
    });
    if (finished) await this.finished(tx, activation);
  }

  /** The activation when this job belongs to its current run, locked; null when superseded. */
  private async current(tx: EntityManager, payload: Record<string, unknown>): Promise<ActivationEntity | null> {
    const activation = await this.repository.lock(tx, String(payload.activationId));
    if (!activation || activation.fanoutGeneration !== Number(payload.generation)) return null;
    if (activation.fanoutKind !== FanoutKind.RELEASE && activation.status !== ActivationStatus.ACTIVE) return null;
    return activation;
  }

  private async runChunk(tx: EntityManager, activation: ActivationEntity, range: { lo: string; hi: string | null }): Promise<FanoutCounts> {
    const now = this.clock.now();
    const overrides = activation.fanoutKind === FanoutKind.RELEASE ? null : activation.overrides;
    let cases: ActivationCaseFacts[];
    const counts = { ...ZERO };
    if (activation.fanoutKind === FanoutKind.LINK) {
      cases = await this.cases.linkRange(tx, activation.id, activation.originCountries, range, now);
      await this.repository.insertLinks(
        tx,
        activation.id,
        cases.map((c) => c.id),
        'FANOUT',
        activation.fanoutGeneration,
        now,
      );
      await this.cases.recordHistory(
        tx,
        cases.map((c) => c.id),
        { kind: 'ACTIVATION_LINKED', actorType: 'system', actorId: COMPONENT, at: now, details: { activation: activation.code } },
      );
      counts.linked = cases.length;
    } else if (activation.fanoutKind === FanoutKind.RELEASE) {
      const released = await this.cases.release(tx, activation.id, await this.repository.heldInRange(tx, activation.id, range.lo, range.hi), now);
      await this.repository.markReleased(tx, activation.id, released, now);
      await this.cases.recordHistory(tx, released, {
        kind: 'ACTIVATION_RELEASED',
        actorType: 'system',
        actorId: COMPONENT,
        at: now,
        details: { activation: activation.code },
      });
      cases = await this.cases.facts(tx, released);
      counts.released = released.length;
    } else {
      cases = await this.cases.facts(tx, await this.repository.heldInRange(tx, activation.id, range.lo, range.hi));
    }
    const ids = cases.map((c) => c.id);
    const triage = await this.cases.retimeTriage(tx, cases, overrides?.triageSlaHours ?? null);
    counts.rescheduled = await this.schedules.rescheduleMany(
      tx,
      ids.map((caseId) => ({ caseId, triageDueAt: triage.get(caseId) ?? null })),
      overrides,
    );
    if (activation.fanoutKind !== FanoutKind.RELEASE) {
      await this.repository.markApplied(tx, activation.id, ids, activation.fanoutGeneration);
      const placed = await this.place(tx, activation, ids, now);
      counts.assigned = placed.assigned;
      counts.unplaced = placed.unplaced;
    }
    return counts;
  }

  /** Places the unassigned cases among the roster by open caseload, within caps. */
  async place(
    tx: EntityManager,
    activation: ActivationEntity,
    caseIds: string[],
    now: Date,
  ): Promise<{ assigned: number; unplaced: number; assignees: string[] }> {
    const unassigned = await this.cases.unassigned(tx, caseIds);
    if (unassigned.length === 0) return { assigned: 0, unplaced: 0, assignees: [] };
    const active = new Set(await this.staff.activeIdsWithRole(tx, StaffRole.Caseworker));
    const roster = (await this.repository.roster(activation.id, tx)).filter((member) => active.has(member.userId));
    const loads = await this.cases.openCaseloads(
      tx,
      roster.map((member) => member.userId),
    );
    const { placements, unplaced } = placeCases(
      unassigned,
      roster.map((member) => ({ userId: member.userId, cap: member.caseloadCap, load: loads.get(member.userId) ?? 0 })),
    );
    const assigned = await this.cases.assignMany(tx, placements, `system:${COMPONENT}`, now);
    const byCase = new Map(assigned.map((pair) => [pair.caseId, { caseworker: pair.userId }]));
    await this.cases.recordHistory(
      tx,
      [...byCase.keys()],
      { kind: 'ASSIGNMENT_CHANGED', actorType: 'system', actorId: COMPONENT, at: now, details: { activation: activation.code } },
      byCase,
    );
    const perCaseworker = new Map<string, number>();
    for (const pair of assigned) perCaseworker.set(pair.userId, (perCaseworker.get(pair.userId) ?? 0) + 1);
    for (const [userId, count] of perCaseworker) {
      await this.notifications.notify(tx, [userId], {
        kind: 'activation.cases_assigned',
        subjectType: 'activation',
        subjectId: activation.code,
        details: { count },
      });
    }
    return { assigned: assigned.length, unplaced: unplaced.length, assignees: [...perCaseworker.keys()] };
  }

  /** The run is over: the coordinators in charge hear of it, and of any case no one had room for. */
  private async finished(tx: EntityManager, activation: ActivationEntity): Promise<void> {
    const row = await this.repository.lock(tx, activation.id);
    if (!row) return;
    await this.notifications.notify(tx, row.coordinatorIds, {
      kind: 'activation.fanout_finished',
      subjectType: 'activation',
      subjectId: row.code,
      details: {
        kind: row.fanoutKind ?? '',
        linked: row.fanoutLinked,
        rescheduled: row.fanoutRescheduled,
        assigned: row.fanoutAssigned,
        unplaced: row.fanoutUnplaced,
        failed: row.fanoutFailed,
        released: row.fanoutReleased,
      },
    });
  }
}

import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '@common/access/principal';
import { staffOf, type RequestContext } from '@common/access/request-context';
import { Clock } from '@common/clock/clock';
import { AuditService } from '@modules/audit/audit.service';
import { startAfter, toPage, type Page } from '@common/pagination/keyset';
import type { PageQueryDto } from '@common/pagination/page-query.dto';
import { CaseAccessService } from '@modules/cases/case-access.service';
import { CaseJournal } from '@modules/cases/case-journal';
import { CaseSealer } from '@modules/cases/case-sealer';
import type { CasePriority, CaseStage } from '@modules/cases/domain/case-stage';
import { CheckinScheduleService } from './checkin-schedule.service';
import { ScheduleStatus, type CheckinScheduleEntity } from './checkin-records.entity';
import { CheckinsRepository } from './checkins.repository';
import type { CheckinListItemView } from './dto/checkin-list.view';
import type { CheckinChannel, RecordCheckinDto } from './dto/checkins.dto';
import { EscalationCommands } from '@modules/escalations/escalation-commands.service';

export interface ScheduleView {
  reference: string;
  status: string;
  version: number;
  stage: string;
  priority: string;
  intervalMinutes: number | null;
  lastCheckinAt: string | null;
  dueAt: string | null;
  deadlineAt: string | null;
}

export interface CheckinRecorded {
  id: string;
  reference: string;
  channel: CheckinChannel;
  occurredAt: string;
  resolvedEscalations: number;
  schedule: ScheduleView;
}

export enum CheckinSource {
  STAFF = 'STAFF',
  PARTNER = 'PARTNER',
  /** The person, through a one-time link and a PIN. */
  LINK = 'LINK',
}

/** A case the caller has already been allowed to act on. */
export interface CheckinTarget {
  caseId: string;
  reference: string;
  stage: CaseStage;
  priority: CasePriority;
}

export interface CheckinInput {
  channel: CheckinChannel;
  source: CheckinSource;
  actor: Actor;
  /** Staff user id or partner agency id. */
  recordedBy: string;
  note?: string;
  requestId: string | null;
}

/** Recording check-ins, and reading a case's schedule. */
@Injectable()
export class CheckinsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: CheckinsRepository,
    private readonly schedules: CheckinScheduleService,
    private readonly escalations: EscalationCommands,
    private readonly access: CaseAccessService,
    private readonly sealer: CaseSealer,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly journal: CaseJournal,
  ) {}

  recordByStaff(ctx: RequestContext, reference: string, dto: RecordCheckinDto): Promise<CheckinRecorded> {
    const staff = staffOf(ctx);
    return this.dataSource.transaction(async (tx) => {
      const found = await this.access.require(tx, ctx, reference, 'write', { forUpdate: true });
      const target = { caseId: found.row.id, reference: found.row.reference, stage: found.row.stage, priority: found.row.priority };
      return this.record(tx, target, {
        channel: dto.channel,
        source: CheckinSource.STAFF,
        actor: staff,
        recordedBy: staff.userId,
        note: dto.note,
        requestId: ctx.requestId,
      });
    });
  }

  /**
   * Records a check-in in the caller's transaction (the partner API calls this after its own access
   * check): the schedule restarts from now and open MISSED_CHECKIN escalations are resolved.
   */
  async record(tx: EntityManager, target: CheckinTarget, input: CheckinInput): Promise<CheckinRecorded> {
    const id = randomUUID();
    const now = this.clock.now();
    const noteSealed = input.note ? this.sealer.sealText(await this.sealer.key(tx, target.caseId), target.caseId, 'checkins', 'note', id, input.note) : null;
    await this.repository.insertCheckin(tx, {
      id,
      caseId: target.caseId,
      channel: input.channel,
      source: input.source,
      recordedBy: input.recordedBy,
      occurredAt: now,
      noteSealed,
    });
    const schedule = await this.schedules.checkedIn(tx, target, now);
    const resolvedEscalations = await this.escalations.resolveOnCheckin(tx, target.caseId, input.actor, input.requestId);
    // The case's timeline shows every check-in: channel and source only, the same for either PIN.
    await this.journal.note(tx, input.actor, target.caseId, 'CHECKED_IN', { channel: input.channel, source: input.source });
    await this.audit.record(tx, {
      actor: input.actor,
      action: 'checkin.recorded',
      resourceType: 'case',
      resourceId: target.reference,
      caseId: target.caseId,
      requestId: input.requestId,
      details: { channel: input.channel, source: input.source, withNote: noteSealed !== null, resolvedEscalations },
    });
    return { id, reference: target.reference, channel: input.channel, occurredAt: now.toISOString(), resolvedEscalations, schedule: scheduleView(schedule) };
  }

  /**
   * A case's check-ins, newest first: when, by which channel, through whom. Never the note (it is
   * sealed and read with the case) and never which PIN a link check-in used — a duress check-in
   * is stored and listed exactly like any other.
   */
  list(ctx: RequestContext, reference: string, query: PageQueryDto): Promise<Page<CheckinListItemView>> {
    return this.dataSource.transaction(async (tx) => {
      const found = await this.access.require(tx, ctx, reference, 'read', { allowErased: true });
      const rows = await this.repository.checkinsOf(tx, found.row.id, startAfter(query.cursor), query.limit);
      return toPage(
        rows.map((row) => ({ ...row, createdAt: row.occurredAt })),
        query.limit,
        (row): CheckinListItemView => ({
          id: row.id,
          occurredAt: row.occurredAt.toISOString(),
          channel: row.channel,
          source: row.source,
          recordedBy: row.source === String(CheckinSource.LINK) ? null : row.recordedBy,
        }),
      );
    });
  }

  /** When the next check-in is due, in the caller's transaction (null: no running schedule). */
  async nextDue(tx: EntityManager, caseId: string): Promise<Date | null> {
    const row = await this.repository.findSchedule(caseId, tx);
    return row?.status === ScheduleStatus.ACTIVE ? row.dueAt : null;
  }

  schedule(ctx: RequestContext, reference: string): Promise<ScheduleView> {
    return this.dataSource.transaction(async (tx) => {
      const found = await this.access.require(tx, ctx, reference, 'read');
      const row = await this.repository.findSchedule(found.row.id, tx);
      if (row) return scheduleView(row);
      // A case older than schedules, or never moved since: no deadline yet.
      return {
        reference: found.row.reference,
        status: 'NONE',
        version: 0,
        stage: found.row.stage,
        priority: found.row.priority,
        intervalMinutes: null,
        lastCheckinAt: null,
        dueAt: null,
        deadlineAt: null,
      };
    });
  }
}

const scheduleView = (row: CheckinScheduleEntity): ScheduleView => ({
  reference: row.caseReference,
  status: row.status,
  version: row.version,
  stage: row.stage,
  priority: row.priority,
  intervalMinutes: row.intervalMinutes,
  lastCheckinAt: row.lastCheckinAt?.toISOString() ?? null,
  dueAt: row.dueAt?.toISOString() ?? null,
  deadlineAt: row.deadlineAt?.toISOString() ?? null,
});

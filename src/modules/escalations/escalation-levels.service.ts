import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { StaffAlertPublisher, type StaffAlertType } from '@common/alerts/staff-alert';
import { StaffRole } from '@common/access/roles';
import { StaffDirectory } from '@common/access/staff-directory';
import { JobName } from '@common/jobs/job-name';
import { ProcessConfig } from '@config/process.config';
import { OutboxService } from '@infra/outbox/outbox.service';
import { ActivationPolicy } from '@modules/cases/activation-policy.port';
import { CaseFactsService } from '@modules/cases/case-facts.service';
import { NotificationsService } from '@modules/notifications/notifications.service';
import type { EscalationEntity } from './escalation.entity';
import { EscalationFieldAlarm, type LevelEntry } from './escalation-field-alarm';
import { acknowledgeWindowMs, EscalationLevel, topLevelOf } from './domain/escalation';

export const stepKey = (escalationId: string, level: number): string => `escalation.step:${escalationId}:${level}`;

/** What entering a level does, for an opening and for a climb alike. */
@Injectable()
export class EscalationLevels {
  constructor(
    private readonly cases: CaseFactsService,
    private readonly staff: StaffDirectory,
    private readonly notifications: NotificationsService,
    private readonly outbox: OutboxService,
    private readonly alerts: StaffAlertPublisher,
    private readonly processConfig: ProcessConfig,
    private readonly activations: ActivationPolicy,
    private readonly field: EscalationFieldAlarm,
  ) {}

  /**
   * Enters each row's level: an inbox notice to the level's people (caseworkers of the case at 1,
   * coordinators at 2, both at 3), a staff alert, at 3 the LOST_CONTACT flag and the sharing
   * partners' `escalation.raised`, and below the top the step that climbs when the acknowledge
   * window ends. Set-based but for level 3 (rare: duress, a climb, a manual top-level opening),
   * whose flag and partner event are written per case.
   */
  async enter(tx: EntityManager, entries: LevelEntry[], alert: StaffAlertType): Promise<void> {
    if (entries.length === 0) return;
    const toCaseworkers = entries.filter(({ row }) => levelOf(row) !== EscalationLevel.COORDINATOR);
    const toCoordinators = entries.some(({ row }) => levelOf(row) !== EscalationLevel.CASEWORKER);
    const caseworkers =
      toCaseworkers.length > 0 ? await this.cases.assignedCaseworkersOf(tx, unique(toCaseworkers.map(({ row }) => row.caseId))) : new Map<string, string[]>();
    const coordinators = toCoordinators ? await this.staff.activeIdsWithRole(tx, StaffRole.Coordinator) : [];
    const recipientsOf = (row: EscalationEntity): string[] => {
      if (levelOf(row) === EscalationLevel.CASEWORKER) return caseworkers.get(row.caseId) ?? [];
      if (levelOf(row) === EscalationLevel.COORDINATOR) return coordinators;
      return [...(caseworkers.get(row.caseId) ?? []), ...coordinators];
    };
    for (const entry of entries) if (levelOf(entry.row) >= EscalationLevel.FIELD_PARTNER) await this.field.raise(tx, entry);
    await this.notifications.notifyEach(
      tx,
      entries.map(({ row }) => ({
        recipientUserIds: recipientsOf(row),
        input: {
          kind: 'escalation.raised',
          subjectType: 'escalation',
          subjectId: row.id,
          details: { caseReference: row.caseReference, trigger: row.trigger, level: row.level },
        },
      })),
    );
    // The alert channels (operations chat, gateways) hear the same thin facts: reference, codes, level.
    await this.alerts.alertMany(
      tx,
      entries.map(({ row, priority }) => ({
        type: alert,
        data: { escalationId: row.id, caseReference: row.caseReference, trigger: row.trigger, level: row.level, priority },
        dedupeKey: `escalation:${row.id}:${row.level}`,
      })),
    );
    const climbing = entries.filter(({ row }) => levelOf(row) < topLevelOf(row.trigger));
    if (climbing.length === 0) return;
    const overrides = await this.activations.overridesForCases(tx, unique(climbing.map(({ row }) => row.caseId)));
    await this.outbox.recordMany(
      tx,
      climbing.flatMap(({ row, priority }) => {
        const level = levelOf(row);
        const window = acknowledgeWindowMs(priority, level, overrides.get(row.caseId)?.acknowledgeWindowMinutes, this.processConfig.drillTimeCompression);
        return window === null
          ? []
          : [
              {
                job: JobName.EscalationStep,
                payload: { escalationId: row.id, level },
                availableAt: new Date(row.levelChangedAt.getTime() + window),
                dedupeKey: stepKey(row.id, level),
              },
            ];
      }),
    );
  }
}

const unique = (ids: string[]): string[] => [...new Set(ids)];

/** The entity stores the level as a number. */
const levelOf = (row: EscalationEntity): EscalationLevel => row.level;

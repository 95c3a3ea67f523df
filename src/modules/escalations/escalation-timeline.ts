import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '@common/clock/clock';
import type { EscalationEntity } from './escalation.entity';
import type { EscalationEventEntity, EscalationEventKind } from './escalation-event.entity';
import { EscalationEventsRepository } from './escalation-events.repository';

export interface EscalationEventView {
  kind: EscalationEventKind;
  level: number;
  /** Staff user id, `partner:<agency>` or `system:<component>`. */
  actor: string;
  at: string;
  details: Record<string, string | number | boolean | null>;
}

/**
 * Every step of an escalation, written in the transaction that takes it, so the timeline is the
 * escalation's own account (the audit log holds the same facts, hash-chained, for auditors).
 */
@Injectable()
export class EscalationTimeline {
  constructor(
    private readonly events: EscalationEventsRepository,
    private readonly clock: Clock,
  ) {}

  async record(
    tx: EntityManager,
    escalation: Pick<EscalationEntity, 'id' | 'caseId' | 'level'>,
    kind: EscalationEventKind,
    actor: string,
    details: EscalationEventEntity['details'] = {},
  ): Promise<void> {
    await this.events.insert(tx, {
      id: randomUUID(),
      escalationId: escalation.id,
      caseId: escalation.caseId,
      kind,
      level: escalation.level,
      actor,
      details,
      occurredAt: this.clock.now(),
    });
  }

  /** Many entries of one kind in one statement (escalations opened by a batch of deadlines). */
  async recordMany(
    tx: EntityManager,
    entries: Array<{ escalation: Pick<EscalationEntity, 'id' | 'caseId' | 'level'>; actor: string; details?: EscalationEventEntity['details'] }>,
    kind: EscalationEventKind,
  ): Promise<void> {
    const occurredAt = this.clock.now();
    await this.events.insertMany(
      tx,
      entries.map(({ escalation, actor, details }) => ({
        id: randomUUID(),
        escalationId: escalation.id,
        caseId: escalation.caseId,
        kind,
        level: escalation.level,
        actor,
        details: details ?? {},
        occurredAt,
      })),
    );
  }

  async of(tx: EntityManager, escalationId: string): Promise<EscalationEventView[]> {
    return (await this.events.of(tx, escalationId)).map((row) => ({
      kind: row.kind,
      level: row.level,
      actor: row.actor,
      at: row.occurredAt.toISOString(),
      details: row.details,
    }));
  }
}

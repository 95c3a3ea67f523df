import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { prepared, queryPrepared } from '@infra/database/prepared';
import type { AuditEventEntity } from './audit-event.entity';
import type { AuditActorType, AuditOutcome } from './audit-outcome';

export type NewAuditEvent = Omit<AuditEventEntity, 'seq' | 'prevHash' | 'hash' | 'sealedAt'>;

export interface AuditEventFilter {
  actorType?: AuditActorType;
  actorId?: string;
  action?: string;
  resourceType?: string;
  resourceId?: string;
  caseId?: string;
  outcome?: AuditOutcome;
  /** occurred_at >= from */
  from?: Date;
  /** occurred_at < to */
  to?: Date;
}

export interface SealedAuditEvent {
  id: string;
  seq: number;
  occurredAt: Date;
  actorType: AuditActorType;
  actorId: string | null;
  actorCredentialId: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  caseId: string | null;
  outcome: AuditOutcome;
  requestId: string | null;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
  sealedAt: Date;
}

const EQUALITY_FILTERS = [
  ['actorType', 'actor_type'],
  ['actorId', 'actor_id'],
  ['action', 'action'],
  ['resourceType', 'resource_type'],
  ['resourceId', 'resource_id'],
  ['caseId', 'case_id'],
  ['outcome', 'outcome'],
] as const;

// Prepared: every audited request inserts one.
const INSERT_EVENT = prepared(
  'audit_event_insert',
  `INSERT INTO audit_events
     (id, occurred_at, actor_type, actor_id, actor_credential_id, action, resource_type, resource_id, case_id, outcome, request_id, details)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
);

@Injectable()
export class AuditRepository {
  async insert(tx: EntityManager, event: NewAuditEvent): Promise<void> {
    await queryPrepared(tx, INSERT_EVENT, [
      event.id,
      event.occurredAt,
      event.actorType,
      event.actorId,
      event.actorCredentialId,
      event.action,
      event.resourceType,
      event.resourceId,
      event.caseId,
      event.outcome,
      event.requestId,
      JSON.stringify(event.details),
    ]);
  }

  /** One statement for many unsealed events; the sealing tick chains them like any others. */
  async insertMany(tx: EntityManager, events: NewAuditEvent[]): Promise<void> {
    if (events.length === 0) return;
    const column = <T>(pick: (event: NewAuditEvent) => T): T[] => events.map(pick);
    await tx.query(
      `INSERT INTO audit_events
         (id, occurred_at, actor_type, actor_id, actor_credential_id, action, resource_type, resource_id, case_id, outcome, request_id, details)
       SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::varchar[], $4::varchar[], $5::uuid[], $6::varchar[], $7::varchar[], $8::varchar[], $9::uuid[], $10::varchar[], $11::varchar[], $12::jsonb[])`,
      [
        column((e) => e.id),
        column((e) => e.occurredAt),
        column((e) => e.actorType),
        column((e) => e.actorId),
        column((e) => e.actorCredentialId),
        column((e) => e.action),
        column((e) => e.resourceType),
        column((e) => e.resourceId),
        column((e) => e.caseId),
        column((e) => e.outcome),
        column((e) => e.requestId),
        column((e) => JSON.stringify(e.details)),
      ],
    );
  }

  /**
   * Sealed events matching the filter, newest seq first, strictly below `beforeSeq`. seq never
   * changes once set and new events only get higher ones, so paging by it neither repeats nor
   * skips an event while sealing goes on.
   */
  async listSealed(tx: EntityManager, filter: AuditEventFilter, beforeSeq: number | null, limit: number): Promise<SealedAuditEvent[]> {
    const conditions = ['seq IS NOT NULL'];
    const params: unknown[] = [];
    const add = (sql: (placeholder: string) => string, value: unknown): void => {
      params.push(value);
      conditions.push(sql(`$${params.length}`));
    };
    if (beforeSeq !== null) add((p) => `seq < ${p}`, beforeSeq);
    for (const [key, column] of EQUALITY_FILTERS) {
      const value = filter[key];
      if (value !== undefined) add((p) => `${column} = ${p}`, value);
    }
    if (filter.from) add((p) => `occurred_at >= ${p}`, filter.from);
    if (filter.to) add((p) => `occurred_at < ${p}`, filter.to);
    params.push(limit);
    const rows: Array<Record<string, unknown>> = await tx.query(
      `SELECT id, seq, occurred_at, actor_type, actor_id, actor_credential_id, action, resource_type, resource_id, case_id,
              outcome, request_id, details, prev_hash, hash, sealed_at
       FROM audit_events WHERE ${conditions.join(' AND ')}
       ORDER BY seq DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map((r) => ({
      id: r.id as string,
      seq: Number(r.seq),
      occurredAt: r.occurred_at as Date,
      actorType: r.actor_type as AuditActorType,
      actorId: r.actor_id as string | null,
      actorCredentialId: r.actor_credential_id as string | null,
      action: r.action as string,
      resourceType: r.resource_type as string,
      resourceId: r.resource_id as string | null,
      caseId: r.case_id as string | null,
      outcome: r.outcome as AuditOutcome,
      requestId: r.request_id as string | null,
      details: r.details as Record<string, unknown>,
      prevHash: r.prev_hash as string,
      hash: r.hash as string,
      sealedAt: r.sealed_at as Date,
    }));
  }
}

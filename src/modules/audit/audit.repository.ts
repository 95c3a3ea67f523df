import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuditEventEntity } from './audit-event.entity';

export type NewAuditEvent = Omit<AuditEventEntity, 'seq' | 'prevHash' | 'hash' | 'sealedAt'>;

@Injectable()
export class AuditRepository {
  async insert(tx: EntityManager, event: NewAuditEvent): Promise<void> {
    await tx.query(
      `INSERT INTO audit_events
         (id, occurred_at, actor_type, actor_id, actor_credential_id, action, resource_type, resource_id, case_id, outcome, request_id, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
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
      ],
    );
  }
}

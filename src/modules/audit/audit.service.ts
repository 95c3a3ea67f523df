import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { actorRecord, type Actor } from '@common/access/principal';
import { Clock } from '@common/clock/clock';
import { AuditOutcome } from './audit-outcome';
import { AuditRepository } from './audit.repository';
import { ACTION_FORMAT } from './audit-action';

export interface AuditEventInput {
  actor: Actor;
  /** `domain.verb`, e.g. `auth.login`, `case.read`, `access.denied`. */
  action: string;
  resourceType: string;
  resourceId?: string | null;
  caseId?: string | null;
  outcome?: AuditOutcome;
  requestId?: string | null;
  /** Non-personal facts only: codes, counts, field names. */
  details?: Record<string, string | number | boolean | string[]>;
}

/**
 * The one way to write the audit log. `record` joins the caller's transaction, so an audited
 * read commits its audit row before the data leaves, and a rolled-back write leaves no entry.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly repository: AuditRepository,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** One entry, by the prepared single-row INSERT (the hot path: every audited read). */
  async record(tx: EntityManager, input: AuditEventInput): Promise<void> {
    await this.repository.insert(tx, auditRow(input, this.clock.now()));
  }

  /** Many entries in one statement (batch jobs): the same rows `record` writes, sealed by the same tick. */
  async recordMany(tx: EntityManager, inputs: AuditEventInput[]): Promise<void> {
    const occurredAt = this.clock.now();
    await this.repository.insertMany(
      tx,
      inputs.map((input) => auditRow(input, occurredAt)),
    );
  }

  /**
   * For events with no surrounding transaction: denials, failed logins, audited reads that need
   * no other write. One INSERT on its own commits when it returns (autocommit); wrapping it in
   * BEGIN/COMMIT would only add two round trips.
   */
  recordAlone(input: AuditEventInput): Promise<void> {
    return this.record(this.dataSource.manager, input);
  }
}

/** The row both writers insert: one mapping from an event to its unsealed audit row. */
function auditRow(input: AuditEventInput, occurredAt: Date) {
  if (!ACTION_FORMAT.test(input.action)) throw new Error(`audit action "${input.action}" is not domain.verb`);
  const { actorType, actorId, credentialId } = actorRecord(input.actor);
  return {
    id: randomUUID(),
    occurredAt,
    actorType,
    actorId,
    actorCredentialId: credentialId,
    action: input.action,
    resourceType: input.resourceType,
    resourceId: input.resourceId ?? null,
    caseId: input.caseId ?? null,
    outcome: input.outcome ?? AuditOutcome.Success,
    requestId: input.requestId ?? null,
    details: input.details ?? {},
  };
}

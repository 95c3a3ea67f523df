import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ProcessConfig } from '@config/process.config';
import { CaseActivationRepository, type ActivationCaseFacts } from './case-activation.repository';
import { CaseStage } from './domain/case-stage';
import { triageDeadline, type TriageSlaOverrides } from './domain/triage';

export type { ActivationCaseFacts } from './case-activation.repository';

export interface HistoryEntry {
  kind: string;
  actorType: string;
  actorId: string | null;
  at: Date;
  details: Record<string, string | number | boolean | null>;
}

/**
 * What the activations module may do to case files, in bulk and in its caller's transaction:
 * link and release cases, re-time their triage deadlines, and place them with caseworkers.
 * Exported so the case tables stay private to this module.
 */
@Injectable()
export class CaseActivationLinks {
  constructor(
    private readonly repository: CaseActivationRepository,
    private readonly processConfig: ProcessConfig,
  ) {}

  linkableBoundaries(tx: EntityManager, originCountries: string[], size: number): Promise<{ total: number; lowerBounds: string[] }> {
    return this.repository.linkableBoundaries(tx, originCountries, size);
  }

  linkRange(
    tx: EntityManager,
    activationId: string,
    originCountries: string[],
    range: { lo: string; hi: string | null },
    at: Date,
  ): Promise<ActivationCaseFacts[]> {
    return this.repository.linkRange(tx, activationId, originCountries, range.lo, range.hi, at);
  }

  countLinkable(tx: EntityManager, originCountries: string[], range: { lo: string; hi: string | null }): Promise<number> {
    return this.repository.countLinkable(tx, originCountries, range.lo, range.hi);
  }

  release(tx: EntityManager, activationId: string, caseIds: string[], at: Date): Promise<string[]> {
    return this.repository.release(tx, activationId, caseIds, at);
  }

  facts(tx: EntityManager, caseIds: string[]): Promise<ActivationCaseFacts[]> {
    return this.repository.facts(tx, caseIds);
  }

  /**
   * Recomputes the triage deadline of the untriaged open cases from their intake time with these
   * overrides (null: the standard SLA). Returns each such case's deadline, changed or not, so the
   * caller can make sure a deadline event exists for it.
   */
  async retimeTriage(tx: EntityManager, cases: ActivationCaseFacts[], overrides: TriageSlaOverrides | null): Promise<Map<string, Date>> {
    const deadlines = new Map<string, Date>();
    const changed: Array<{ caseId: string; triageDueAt: Date }> = [];
    for (const row of cases) {
      if (row.triagedAt || row.stage === CaseStage.CLOSED) continue;
      const due = triageDeadline(row.createdAt, row.priority, overrides, this.processConfig.drillTimeCompression);
      deadlines.set(row.id, due);
      if (row.triageDueAt?.getTime() !== due.getTime()) changed.push({ caseId: row.id, triageDueAt: due });
    }
    await this.repository.setTriageDeadlines(tx, changed);
    return deadlines;
  }

  unassigned(tx: EntityManager, caseIds: string[]): Promise<string[]> {
    return this.repository.unassigned(tx, caseIds);
  }

  openCaseloads(tx: EntityManager, userIds: string[]): Promise<Map<string, number>> {
    return this.repository.openCaseloads(tx, userIds);
  }

  assignMany(
    tx: EntityManager,
    pairs: Array<{ caseId: string; userId: string }>,
    assignedBy: string,
    at: Date,
  ): Promise<Array<{ caseId: string; userId: string }>> {
    return this.repository.assignMany(tx, pairs, assignedBy, at);
  }

  recordHistory(tx: EntityManager, caseIds: string[], entry: HistoryEntry, perCase?: Map<string, Record<string, string>>): Promise<void> {
    return this.repository.insertHistory(tx, caseIds, entry, perCase);
  }
}

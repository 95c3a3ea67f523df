import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DataKey } from '@infra/crypto/data-key';
import { TickScheduler } from '@infra/scheduling/tick-scheduler';
import { CaseSealer } from './case-sealer';
import { CasesRepository } from './cases.repository';

const BATCH = 500;
const PERIOD_MS = 5 * 60_000;
/** Codes moved from a history entry's plain details into its sealed part, by entry kind. */
const SEALED_KEYS: Record<string, readonly string[]> = { TRIAGED: ['factors', 'score'], FLAGS_CHANGED: ['before', 'after'] };

/**
 * Rows written before risk codes were sealed (issue 15) still hold them in clear: triage factors,
 * and TRIAGED / FLAGS_CHANGED history details. Sealing needs each case's data key, which SQL
 * migrations do not have, so this tick (scheduler role, advisory-locked) seals them in batches under
 * the case key. Erased cases were nulled by the migration instead (their key is gone). Once a
 * deployment reports nothing left (`sealBatch` returns 0), a later migration can drop
 * `triage_assessments.factors`.
 */
@Injectable()
export class ClearCodesSealer implements OnModuleInit {
  constructor(
    private readonly cases: CasesRepository,
    private readonly sealer: CaseSealer,
    private readonly ticks: TickScheduler,
  ) {}

  onModuleInit(): void {
    this.ticks.declare('cases.seal_clear_codes', PERIOD_MS, async (tx) => {
      await this.sealBatch(tx);
    });
  }

  /** Seals up to one batch of each kind of row; returns how many rows it sealed. */
  async sealBatch(tx: EntityManager): Promise<number> {
    const keys = new Map<string, DataKey>();
    const key = async (caseId: string): Promise<DataKey> => {
      const known = keys.get(caseId);
      if (known) return known;
      const dek = await this.sealer.key(tx, caseId);
      keys.set(caseId, dek);
      return dek;
    };
    let sealed = 0;
    for (const row of await this.cases.clearTriageFactors(tx, BATCH)) {
      await this.cases.setTriageFactorsSealed(
        tx,
        row.id,
        this.sealer.sealJson(await key(row.caseId), row.caseId, 'triage_assessments', 'factors', row.id, [...row.factors].sort()),
      );
      sealed += 1;
    }
    for (const row of await this.cases.clearCodeHistory(tx, BATCH)) {
      const moved = SEALED_KEYS[row.kind] ?? [];
      const plain = Object.fromEntries(Object.entries(row.details).filter(([name]) => !moved.includes(name)));
      const secret = Object.fromEntries(Object.entries(row.details).filter(([name]) => moved.includes(name)));
      await this.cases.setHistoryDetails(tx, row.id, plain, this.sealer.sealHistoryDetails(await key(row.caseId), row.caseId, row.id, secret));
      sealed += 1;
    }
    return sealed;
  }
}

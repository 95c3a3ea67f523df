import { Injectable } from '@nestjs/common';
import { Clock } from '@common/clock/clock';
import { TransactionRunner } from '@infra/database/transaction';
import { sealedHash } from './audit-canonical';
import { AuditChainRepository, type Seal } from './audit-chain.repository';

/** Rows sealed per transaction: short transactions, and one UPDATE statement each. */
export const SEAL_BATCH_SIZE = 1_000;
/** Batches one pass may seal before it yields to the next tick. */
export const SEAL_MAX_BATCHES_PER_PASS = 50;

export interface SealReport {
  sealed: number;
  /** Another sealer held the lock; it is doing the work. */
  busy: boolean;
  head: { seq: number; hash: string } | null;
}

/** An invariant the sealer relies on did not hold; the batch is rolled back. */
export class AuditChainInvariantError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditChainInvariantError';
  }
}

/**
 * Chains committed audit events. Writers insert unsealed rows with no lock at all; this sealer,
 * alone under an advisory lock, gives each committed unsealed row the next seq (oldest
 * occurred_at first, id breaking ties) and hash = SHA-256(prev_hash, canonical row). The chain's
 * order is therefore seal order: a transaction that commits late gets a later seq than rows it
 * predates, and is never skipped, because the sealer looks for `seq IS NULL`, not past a
 * watermark. The trigger refuses to seal a row twice; the head row lock and the seq unique index
 * would catch a second sealer anyway.
 */
@Injectable()
export class AuditSealer {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly chain: AuditChainRepository,
    private readonly clock: Clock,
  ) {}

  /** Seals everything committed so far, batch by batch (bounded per pass). */
  async sealPending(maxBatches: number = SEAL_MAX_BATCHES_PER_PASS): Promise<SealReport> {
    const report: SealReport = { sealed: 0, busy: false, head: null };
    for (let batch = 0; batch < maxBatches; batch += 1) {
      const result = await this.sealBatch();
      if (result.busy) return { ...report, busy: true };
      report.sealed += result.sealed;
      report.head = result.head;
      if (result.sealed < SEAL_BATCH_SIZE) break;
    }
    return report;
  }

  /** One transaction: take the lock, read the head, seal up to a batch, move the head. */
  sealBatch(limit: number = SEAL_BATCH_SIZE): Promise<SealReport> {
    return this.transactions.run(async (tx) => {
      if (!(await this.chain.tryLockSealing(tx))) return { sealed: 0, busy: true, head: null };
      const head = await this.chain.lockHead(tx);
      const rows = await this.chain.unsealedBatch(tx, limit);
      if (rows.length === 0) return { sealed: 0, busy: false, head: { seq: head.lastSeq, hash: head.lastHash } };

      const sealedAt = this.clock.now();
      let seq = head.lastSeq;
      let prevHash = head.lastHash;
      const seals: Seal[] = rows.map((row) => {
        seq += 1;
        const hash = sealedHash(prevHash, { ...row, seq: String(seq), sealedAt });
        const seal = { id: row.id, seq, prevHash, hash };
        prevHash = hash;
        return seal;
      });
      const sealed = await this.chain.seal(tx, seals, sealedAt);
      if (sealed !== seals.length) {
        throw new AuditChainInvariantError(`sealed ${sealed} of ${seals.length} rows read as unsealed; another sealer ran without the lock`);
      }
      await this.chain.advanceHead(tx, seq, prevHash, sealedAt);
      return { sealed, busy: false, head: { seq, hash: prevHash } };
    });
  }
}

import { Injectable } from '@nestjs/common';
import { Clock } from '@common/clock/clock';
import { GENESIS_HASH, sealedHash } from './audit-canonical';
import { AuditChainRepository, type ChainHead, type SealedRow } from './audit-chain.repository';

/** Rows read per query while walking: memory stays flat for any chain length. */
export const VERIFY_BATCH_SIZE = 5_000;
/** What one incremental verification (the auditor API) checks at most, so it stays fast. */
export const INCREMENTAL_VERIFY_MAX_ROWS = 20_000;

export type ChainBreakReason =
  /** No row holds this seq: deleted (or the chain's tail cut off). */
  | 'missing'
  /** The row's prev_hash is not the previous row's hash: a row was rewritten with a fresh hash, or reordered. */
  | 'prev-hash-mismatch'
  /** The row's content does not hash to its stored hash: the row was altered. */
  | 'hash-mismatch'
  /** The chain's last row is not the one the head records. */
  | 'head-mismatch'
  /** The row the last verification ended on has changed since. */
  | 'checkpoint-mismatch';

export interface ChainBreak {
  seq: number;
  /** Null when the row is missing. */
  eventId: string | null;
  reason: ChainBreakReason;
}

export interface ChainVerification {
  mode: 'full' | 'incremental';
  ok: boolean;
  /** The chain head recorded by the sealer. */
  head: { seq: number; hash: string };
  /** Rows whose hashes this run recomputed. */
  checked: number;
  /** Everything through this seq has been verified (by this run, or earlier runs when incremental). */
  verifiedThroughSeq: number;
  /** True when the verified part reaches the head. */
  complete: boolean;
  broken: ChainBreak | null;
  unsealed: { count: number; oldestOccurredAt: Date | null };
  durationMs: number;
}

interface Walk {
  checked: number;
  lastSeq: number;
  lastHash: string;
  broken: ChainBreak | null;
}

/**
 * Recomputes the chain: every row in seq order must exist, point at the previous row's hash, and
 * hash to its stored hash; the last row must be the head the sealer recorded. Reads in batches by
 * seq (the unique index), so it runs in constant memory over millions of rows.
 */
@Injectable()
export class AuditVerifier {
  constructor(
    private readonly chain: AuditChainRepository,
    private readonly clock: Clock,
  ) {}

  /** The whole chain from seq 1. Read-only; cost grows with the chain (the CLI runs this). */
  async verifyFull(): Promise<ChainVerification> {
    const started = Date.now();
    const head = await this.chain.readHead();
    const walk = await this.walk(1, GENESIS_HASH, head.lastSeq, Number.POSITIVE_INFINITY);
    const broken = walk.broken ?? this.headBreak(walk, head);
    return this.report('full', head, walk.checked, broken ? broken.seq - 1 : walk.lastSeq, broken, started);
  }

  /**
   * From the last checkpoint onwards, at most `maxRows`: re-checks the checkpoint row, walks the
   * rows sealed since, and moves the checkpoint when they hold. Rows verified by earlier runs are
   * not re-read: a rewrite of those is caught by `verifyFull`, not here.
   */
  async verifyIncremental(maxRows: number = INCREMENTAL_VERIFY_MAX_ROWS): Promise<ChainVerification> {
    const started = Date.now();
    const head = await this.chain.readHead();
    const checkpointBreak = await this.checkCheckpoint(head);
    if (checkpointBreak) return this.report('incremental', head, 1, checkpointBreak.seq - 1, checkpointBreak, started);

    const walk = await this.walk(head.verifiedSeq + 1, head.verifiedHash, head.lastSeq, maxRows);
    const broken = walk.broken ?? this.headBreak(walk, head);
    if (!broken && walk.lastSeq > head.verifiedSeq) await this.chain.advanceVerified(walk.lastSeq, walk.lastHash, this.clock.now());
    const checked = walk.checked + (head.verifiedSeq > 0 ? 1 : 0);
    // On a break the checkpoint stays put, so every later run reports the break again.
    return this.report('incremental', head, checked, broken ? Math.min(head.verifiedSeq, broken.seq - 1) : walk.lastSeq, broken, started);
  }

  private async walk(fromSeq: number, prevHash: string, untilSeq: number, maxRows: number): Promise<Walk> {
    let expected = fromSeq;
    let previous = prevHash;
    let checked = 0;
    // A whole chain has exactly one row per seq, so a batch is a seq range, not a LIMIT. The
    // next range is fetched while this one is hashed: PostgreSQL and Node each get a core.
    const rangeFrom = (from: number, alreadyChecked: number): { from: number; to: number } | null =>
      from <= untilSeq && alreadyChecked < maxRows ? { from, to: Math.min(untilSeq, from + Math.min(VERIFY_BATCH_SIZE, maxRows - alreadyChecked) - 1) } : null;
    let range = rangeFrom(expected, checked);
    let pending = range ? this.chain.sealedRange(range.from, range.to) : null;
    while (range && pending) {
      const rows = await pending;
      const current = range;
      range = rangeFrom(current.to + 1, checked + (current.to - current.from + 1));
      pending = range ? this.chain.sealedRange(range.from, range.to) : null;
      // A prefetch nobody awaits (the walk stopped at a break) must not surface as unhandled.
      pending?.catch(() => undefined);
      for (const row of rows) {
        const link = checkLink(row, expected, previous);
        if ('reason' in link) return { checked, lastSeq: expected - 1, lastHash: previous, broken: link };
        previous = link.hash;
        expected += 1;
        checked += 1;
      }
      // Rows missing at the end of the range (the tail cut off, or the range's last rows deleted).
      if (expected <= current.to) return { checked, lastSeq: expected - 1, lastHash: previous, broken: { seq: expected, eventId: null, reason: 'missing' } };
    }
    return { checked, lastSeq: expected - 1, lastHash: previous, broken: null };
  }

  /** A walk that reached the head must end on the head's hash (catches a rewritten last row). */
  private headBreak(walk: Walk, head: ChainHead): ChainBreak | null {
    if (walk.lastSeq !== head.lastSeq || walk.lastHash === head.lastHash) return null;
    return { seq: head.lastSeq, eventId: null, reason: 'head-mismatch' };
  }

  private async checkCheckpoint(head: ChainHead): Promise<ChainBreak | null> {
    if (head.verifiedSeq === 0) return null;
    const row = await this.chain.sealedAt(head.verifiedSeq);
    if (!row) return { seq: head.verifiedSeq, eventId: null, reason: 'missing' };
    if (row.hash !== head.verifiedHash || recompute(row) !== row.hash) {
      return { seq: head.verifiedSeq, eventId: row.id, reason: 'checkpoint-mismatch' };
    }
    return null;
  }

  private async report(
    mode: ChainVerification['mode'],
    head: ChainHead,
    checked: number,
    verifiedThroughSeq: number,
    broken: ChainBreak | null,
    started: number,
  ): Promise<ChainVerification> {
    return {
      mode,
      ok: broken === null,
      head: { seq: head.lastSeq, hash: head.lastHash },
      checked,
      verifiedThroughSeq,
      complete: broken === null && verifiedThroughSeq === head.lastSeq,
      broken,
      unsealed: await this.chain.unsealedSummary(),
      durationMs: Date.now() - started,
    };
  }
}

/** The row's verified hash, or why the chain breaks at it. */
function checkLink(row: SealedRow, expectedSeq: number, previousHash: string): ChainBreak | { hash: string } {
  if (row.seq !== expectedSeq) return { seq: expectedSeq, eventId: null, reason: 'missing' };
  if (row.prevHash !== previousHash) return { seq: row.seq, eventId: row.id, reason: 'prev-hash-mismatch' };
  const hash = recompute(row);
  if (hash === null || hash !== row.hash) return { seq: row.seq, eventId: row.id, reason: 'hash-mismatch' };
  return { hash };
}

type CompleteSeal = SealedRow & { prevHash: string; hash: string; sealedAt: Date };

const isComplete = (row: SealedRow): row is CompleteSeal => row.prevHash !== null && row.hash !== null && row.sealedAt !== null;

/** The hash the row's content implies; null when the seal itself is incomplete (tampering). */
function recompute(row: SealedRow): string | null {
  if (!isComplete(row)) return null;
  try {
    return sealedHash(row.prevHash, row);
  } catch {
    // A value no writer could have produced (canonicalJson refuses it): altered, by definition.
    return null;
  }
}

/** One line for operators, naming the first broken link. Ids and hashes only. */
export function describeVerification(result: ChainVerification): string[] {
  const unsealed =
    result.unsealed.count === 0
      ? '0 unsealed'
      : `${result.unsealed.count} unsealed (oldest occurred at ${result.unsealed.oldestOccurredAt?.toISOString() ?? 'unknown'})`;
  if (result.broken) {
    const { seq, eventId, reason } = result.broken;
    return [`broken at seq ${seq} (event id ${eventId ?? 'none: row missing'}): ${REASONS[reason]}`, unsealed];
  }
  return [`ok: ${result.verifiedThroughSeq} sealed events, chain head ${result.head.hash}, ${unsealed}`];
}

const REASONS: Record<ChainBreakReason, string> = {
  missing: 'no row has this seq (deleted, or the chain was cut off before the recorded head)',
  'prev-hash-mismatch': "prev_hash is not the previous row's hash (this row or the one before it was rewritten)",
  'hash-mismatch': 'the row does not hash to its stored hash (the row was altered)',
  'head-mismatch': 'the last row is not the head the sealer recorded (the last row was rewritten)',
  'checkpoint-mismatch': 'the row the last verification ended on has changed since',
};

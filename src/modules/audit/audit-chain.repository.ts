import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuditActorType } from './audit-outcome';

export interface ChainHead {
  lastSeq: number;
  lastHash: string;
  lastSealedAt: Date | null;
  verifiedSeq: number;
  verifiedHash: string;
  verifiedAt: Date | null;
}

/** An event as the sealer reads it: every column the hash covers except the seal itself. */
export interface UnsealedRow {
  id: string;
  occurredAt: Date;
  actorType: AuditActorType;
  actorId: string | null;
  actorCredentialId: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  caseId: string | null;
  outcome: string;
  requestId: string | null;
  details: unknown;
}

/** An event as the verifier reads it. The seal columns are nullable only if someone tampered. */
export interface SealedRow extends UnsealedRow {
  seq: number;
  prevHash: string | null;
  hash: string | null;
  sealedAt: Date | null;
}

export interface Seal {
  id: string;
  seq: number;
  prevHash: string;
  hash: string;
}

interface RawRow {
  id: string;
  seq?: string | null;
  occurred_at: Date;
  actor_type: AuditActorType;
  actor_id: string | null;
  actor_credential_id: string | null;
  action: string;
  resource_type: string;
  resource_id: string | null;
  case_id: string | null;
  outcome: string;
  request_id: string | null;
  details: unknown;
  prev_hash?: string | null;
  hash?: string | null;
  sealed_at?: Date | null;
}

const EVENT_COLUMNS = `id, occurred_at, actor_type, actor_id, actor_credential_id, action, resource_type, resource_id, case_id, outcome, request_id, details`;

// Any fixed key; only sealers take it.
const SEALING_LOCK = 'audit.seal';

const toUnsealed = (r: RawRow): UnsealedRow => ({
  id: r.id,
  occurredAt: r.occurred_at,
  actorType: r.actor_type,
  actorId: r.actor_id,
  actorCredentialId: r.actor_credential_id,
  action: r.action,
  resourceType: r.resource_type,
  resourceId: r.resource_id,
  caseId: r.case_id,
  outcome: r.outcome,
  requestId: r.request_id,
  details: r.details,
});

// Built in one literal, not spread from toUnsealed: the verifier maps millions of these.
const toSealed = (r: RawRow): SealedRow => ({
  id: r.id,
  occurredAt: r.occurred_at,
  actorType: r.actor_type,
  actorId: r.actor_id,
  actorCredentialId: r.actor_credential_id,
  action: r.action,
  resourceType: r.resource_type,
  resourceId: r.resource_id,
  caseId: r.case_id,
  outcome: r.outcome,
  requestId: r.request_id,
  details: r.details,
  seq: Number(r.seq),
  prevHash: r.prev_hash ?? null,
  hash: r.hash ?? null,
  sealedAt: r.sealed_at ?? null,
});

interface RawHead {
  last_seq: string;
  last_hash: string;
  last_sealed_at: Date | null;
  verified_seq: string;
  verified_hash: string;
  verified_at: Date | null;
}

const toHead = (r: RawHead): ChainHead => ({
  lastSeq: Number(r.last_seq),
  lastHash: r.last_hash,
  lastSealedAt: r.last_sealed_at,
  verifiedSeq: Number(r.verified_seq),
  verifiedHash: r.verified_hash,
  verifiedAt: r.verified_at,
});

/** The migration inserts the one row and a trigger refuses to delete it; its absence is corruption. */
function onlyHead(rows: Array<RawHead | undefined>): ChainHead {
  const [row] = rows;
  if (!row) throw new Error('audit_chain_head has no row');
  return toHead(row);
}

const HEAD_COLUMNS = `last_seq, last_hash, last_sealed_at, verified_seq, verified_hash, verified_at`;

/** The chain's queries: sealing (inside the sealer's transaction) and verification (outside any). */
@Injectable()
export class AuditChainRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The one lock sealers take; transaction-scoped, so it is released at commit or rollback. */
  async tryLockSealing(tx: EntityManager): Promise<boolean> {
    const [lock]: Array<{ locked: boolean }> = await tx.query(`SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked`, [SEALING_LOCK]);
    return lock?.locked ?? false;
  }

  async lockHead(tx: EntityManager): Promise<ChainHead> {
    return onlyHead(await tx.query(`SELECT ${HEAD_COLUMNS} FROM audit_chain_head WHERE id = 1 FOR UPDATE`));
  }

  async readHead(): Promise<ChainHead> {
    return onlyHead(await this.dataSource.query(`SELECT ${HEAD_COLUMNS} FROM audit_chain_head WHERE id = 1`));
  }

  /**
   * Committed, unsealed events, oldest first. A statement in READ COMMITTED sees only committed
   * rows; one whose transaction commits later is still unsealed at the next pass, so nothing is
   * skipped, it just takes a later seq.
   */
  async unsealedBatch(tx: EntityManager, limit: number): Promise<UnsealedRow[]> {
    const rows: RawRow[] = await tx.query(`SELECT ${EVENT_COLUMNS} FROM audit_events WHERE seq IS NULL ORDER BY occurred_at, id LIMIT $1`, [limit]);
    return rows.map(toUnsealed);
  }

  /** Seals the rows in one statement; returns how many it sealed (each only if still unsealed). */
  async seal(tx: EntityManager, seals: Seal[], sealedAt: Date): Promise<number> {
    const result: [unknown[], number] = await tx.query(
      `UPDATE audit_events e
       SET seq = s.seq, prev_hash = s.prev_hash, hash = s.hash, sealed_at = $5
       FROM unnest($1::uuid[], $2::bigint[], $3::varchar[], $4::varchar[]) AS s(id, seq, prev_hash, hash)
       WHERE e.id = s.id AND e.seq IS NULL`,
      [seals.map((s) => s.id), seals.map((s) => s.seq), seals.map((s) => s.prevHash), seals.map((s) => s.hash), sealedAt],
    );
    return result[1];
  }

  async advanceHead(tx: EntityManager, seq: number, hash: string, at: Date): Promise<void> {
    await tx.query(`UPDATE audit_chain_head SET last_seq = $1, last_hash = $2, last_sealed_at = $3 WHERE id = 1`, [seq, hash, at]);
  }

  /**
   * Sealed events with seq in [from, to], in chain order. Callers keep the range to one batch:
   * an open-ended range with a LIMIT lets the planner fetch and sort the whole rest of the chain
   * on every call (it estimates from statistics that lag behind sealing).
   */
  async sealedRange(from: number, to: number): Promise<SealedRow[]> {
    const rows: RawRow[] = await this.dataSource.query(
      `SELECT seq, ${EVENT_COLUMNS}, prev_hash, hash, sealed_at FROM audit_events
       WHERE seq BETWEEN $1 AND $2 ORDER BY seq`,
      [from, to],
    );
    return rows.map(toSealed);
  }

  async sealedAt(seq: number): Promise<SealedRow | null> {
    const rows = await this.sealedRange(seq, seq);
    return rows[0] ?? null;
  }

  async unsealedSummary(): Promise<{ count: number; oldestOccurredAt: Date | null }> {
    const [row]: Array<{ count: string; oldest: Date | null } | undefined> = await this.dataSource.query(
      `SELECT count(*)::text AS count, min(occurred_at) AS oldest FROM audit_events WHERE seq IS NULL`,
    );
    return { count: Number(row?.count ?? 0), oldestOccurredAt: row?.oldest ?? null };
  }

  /** Moves the verification checkpoint forward; a concurrent verifier that got further wins. */
  async advanceVerified(seq: number, hash: string, at: Date): Promise<void> {
    await this.dataSource.query(`UPDATE audit_chain_head SET verified_seq = $1, verified_hash = $2, verified_at = $3 WHERE id = 1 AND verified_seq < $1`, [
      seq,
      hash,
      at,
    ]);
  }
}

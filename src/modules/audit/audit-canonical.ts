import { createHash } from 'node:crypto';

/** `prev_hash` of the first event in the chain (seq 1). */
export const GENESIS_HASH = '0'.repeat(64);

export const HASH_FORMAT = /^[0-9a-f]{64}$/;

/** Everything a sealed row's hash covers: every column except `prev_hash` and `hash` themselves. */
export interface CanonicalAuditRow {
  /** A bigint: its decimal digits, or a safe integer. */
  seq: string | number;
  id: string;
  occurredAt: Date;
  actorType: string;
  actorId: string | null;
  actorCredentialId: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  caseId: string | null;
  outcome: string;
  requestId: string | null;
  details: unknown;
  sealedAt: Date;
}

/**
 * The canonical form of a sealed audit row (form 1) is `canonicalJson` of this object, keyed by
 * column name. Any independent verifier can reproduce it:
 * - keys sorted by code unit at every depth (including inside `details`); array order is kept;
 * - no whitespace; strings and numbers as `JSON.stringify` writes them; nulls written out;
 * - `seq` as a decimal string (bigint); timestamps as UTC ISO-8601 with milliseconds
 *   (`2026-01-15T09:00:00.000Z`). Writers store millisecond timestamps, so nothing is lost.
 * Changing this breaks every existing chain: add a new form instead.
 */
export function canonicalAuditObject(row: CanonicalAuditRow): Record<string, unknown> {
  return {
    seq: seqText(row.seq),
    id: row.id,
    occurred_at: isoMillis(row.occurredAt, 'occurredAt'),
    actor_type: row.actorType,
    actor_id: row.actorId,
    actor_credential_id: row.actorCredentialId,
    action: row.action,
    resource_type: row.resourceType,
    resource_id: row.resourceId,
    case_id: row.caseId,
    outcome: row.outcome,
    request_id: row.requestId,
    details: row.details,
    sealed_at: isoMillis(row.sealedAt, 'sealedAt'),
  };
}

/**
 * `canonicalJson(canonicalAuditObject(row))`, written out with the keys already in order: this
 * runs once per row when sealing and verifying. A property test holds the two equal.
 */
export function canonicalAuditRow(row: CanonicalAuditRow): string {
  return (
    `{"action":${text(row.action)}` +
    `,"actor_credential_id":${nullableText(row.actorCredentialId)}` +
    `,"actor_id":${nullableText(row.actorId)}` +
    `,"actor_type":${text(row.actorType)}` +
    `,"case_id":${nullableText(row.caseId)}` +
    `,"details":${canonicalJson(row.details)}` +
    `,"id":${text(row.id)}` +
    `,"occurred_at":"${isoMillis(row.occurredAt, 'occurredAt')}"` +
    `,"outcome":${text(row.outcome)}` +
    `,"request_id":${nullableText(row.requestId)}` +
    `,"resource_id":${nullableText(row.resourceId)}` +
    `,"resource_type":${text(row.resourceType)}` +
    `,"sealed_at":"${isoMillis(row.sealedAt, 'sealedAt')}"` +
    `,"seq":${text(seqText(row.seq))}}`
  );
}

/** hash = hex(SHA-256(UTF-8(prev_hash + "\n" + canonical form))). */
export function chainHash(prevHash: string, canonical: string): string {
  return createHash('sha256').update(`${prevHash}\n${canonical}`, 'utf8').digest('hex');
}

export function sealedHash(prevHash: string, row: CanonicalAuditRow): string {
  return chainHash(prevHash, canonicalAuditRow(row));
}

/**
 * JSON with sorted keys and no whitespace. Refuses what JSON cannot carry faithfully, undefined
 * included: a column read back as undefined is a bug, not a value to drop silently.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonical JSON has no non-finite numbers');
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
      if (value instanceof Date) throw new TypeError('canonical JSON takes timestamps as ISO strings, not Date');
      const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonical JSON cannot encode a ${typeof value}`);
  }
}

function seqText(seq: string | number): string {
  if (typeof seq === 'number' && (!Number.isSafeInteger(seq) || seq < 1)) throw new TypeError('seq is not a positive safe integer');
  return String(seq);
}

function text(value: string): string {
  if (typeof value !== 'string') throw new TypeError('expected a string column');
  return JSON.stringify(value);
}

function nullableText(value: string | null): string {
  return value === null ? 'null' : text(value);
}

function isoMillis(value: Date, field: string): string {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new TypeError(`${field} is not a valid timestamp`);
  return value.toISOString();
}

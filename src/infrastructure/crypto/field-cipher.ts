import { Injectable } from '@nestjs/common';
import { ProtectedFieldUnreadableException } from './crypto.exceptions';
import type { DataKey } from './data-key';
import { ENVELOPE_VERSION, EnvelopeError, HEADER_BYTES, encodeAad, openEnvelope, sealEnvelope } from './envelope';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** What a protected field holds: text, bytes, or any JSON value (objects, arrays). */
export type ProtectedValue = JsonValue | Buffer;

/** Where a protected value lives. All of it is authenticated (AAD); none of it is stored. */
export interface FieldAad {
  table: string;
  field: string;
  rowId: string;
  /** The data key's owner, e.g. the case id. */
  ownerId: string;
  /** The data key's version. */
  keyVersion: number;
}

/** Inside the ciphertext, so the stored value says nothing about its type. */
const Kind = { Text: 0x01, Bytes: 0x02, Json: 0x03 } as const;
type Kind = (typeof Kind)[keyof typeof Kind];

const AAD_LABEL = 'corridor.field.v1';
const NAME = /^[a-z][a-z0-9_]{0,62}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Padded plaintexts are multiples of this many bytes; see `paddedLength`. */
const PAD_QUANTUM = 32;
const PAD_MARKER = 0x80;

/**
 * Field-level AES-256-GCM under a data key. Each value: a random IV, a 16-byte tag, AAD binding
 * it to table, field, row, owner and key version (see `envelope.ts` for the layout).
 *
 * Plaintexts are padded before encryption, because GCM ciphertext otherwise has exactly the
 * plaintext's length: a SOGIESC or health field with a handful of possible values would be
 * readable from its length alone.
 */
@Injectable()
export class FieldCipher {
  encrypt(dek: DataKey, aad: FieldAad, value: ProtectedValue): Buffer {
    const [kind, body] = serialize(value);
    const plaintext = pad(kind, body);
    try {
      return sealEnvelope(dek.key, plaintext, fieldAad(aad));
    } finally {
      plaintext.fill(0);
    }
  }

  /** Returns what was encrypted: a string, a Buffer or the JSON value. */
  decrypt(dek: DataKey, aad: FieldAad, envelope: Buffer): ProtectedValue {
    const canonical = fieldAad(aad);
    // Bodies are whole padding quanta: anything else was cut or extended (a truncated tag included).
    const bodyLength = envelope.length - HEADER_BYTES;
    if (envelope[0] === ENVELOPE_VERSION && (bodyLength < PAD_QUANTUM || bodyLength % PAD_QUANTUM !== 0)) {
      throw new ProtectedFieldUnreadableException(aad.table, aad.field, 'malformed');
    }
    let plaintext: Buffer;
    try {
      plaintext = openEnvelope(dek.key, envelope, canonical);
    } catch (error) {
      if (error instanceof EnvelopeError) throw new ProtectedFieldUnreadableException(aad.table, aad.field, error.reason);
      throw error;
    }
    try {
      return deserialize(plaintext, aad);
    } finally {
      plaintext.fill(0);
    }
  }

  decryptText(dek: DataKey, aad: FieldAad, envelope: Buffer): string {
    const value = this.decrypt(dek, aad, envelope);
    if (typeof value !== 'string') throw new ProtectedFieldUnreadableException(aad.table, aad.field, 'wrong-type');
    return value;
  }

  decryptBytes(dek: DataKey, aad: FieldAad, envelope: Buffer): Buffer {
    const value = this.decrypt(dek, aad, envelope);
    if (!Buffer.isBuffer(value)) throw new ProtectedFieldUnreadableException(aad.table, aad.field, 'wrong-type');
    return value;
  }
}

function fieldAad(aad: FieldAad): Buffer {
  if (!NAME.test(aad.table) || !NAME.test(aad.field)) throw new TypeError('table and field must be snake_case identifiers');
  if (!Number.isSafeInteger(aad.keyVersion) || aad.keyVersion < 1) throw new TypeError('key version must be a positive integer');
  return encodeAad(AAD_LABEL, [aad.table, aad.field, canonicalId(aad.rowId), canonicalId(aad.ownerId), String(aad.keyVersion)]);
}

/** PostgreSQL returns uuids in lower case; a client may send upper case. Both must give one AAD. */
function canonicalId(id: string): string {
  if (id.length === 0 || id.length > 200) throw new TypeError('row and owner ids must be 1–200 characters');
  return UUID.test(id) ? id.toLowerCase() : id;
}

function serialize(value: ProtectedValue): [Kind, Buffer] {
  if (typeof value === 'string') return [Kind.Text, Buffer.from(value, 'utf8')];
  if (Buffer.isBuffer(value)) return [Kind.Bytes, value];
  const json = JSON.stringify(value);
  // JSON.stringify returns undefined for undefined and functions: nothing to store, so refuse.
  if (typeof json !== 'string') throw new TypeError('not a JSON value');
  return [Kind.Json, Buffer.from(json, 'utf8')];
}

function deserialize(plaintext: Buffer, aad: FieldAad): ProtectedValue {
  const end = plaintext.lastIndexOf(PAD_MARKER);
  // Authentic data always has a kind byte and a marker followed only by zeros; anything else is a bug.
  if (end < 1 || plaintext.subarray(end + 1).some((byte) => byte !== 0)) {
    throw new ProtectedFieldUnreadableException(aad.table, aad.field, 'malformed');
  }
  const body = plaintext.subarray(1, end);
  switch (plaintext[0]) {
    case Kind.Text:
      return body.toString('utf8');
    case Kind.Bytes:
      return Buffer.from(body);
    case Kind.Json:
      try {
        return JSON.parse(body.toString('utf8')) as JsonValue;
      } catch {
        throw new ProtectedFieldUnreadableException(aad.table, aad.field, 'malformed');
      }
    default:
      throw new ProtectedFieldUnreadableException(aad.table, aad.field, 'malformed');
  }
}

/** kind byte | body | 0x80 | zeros, up to `paddedLength`. */
function pad(kind: Kind, body: Buffer): Buffer {
  const plaintext = Buffer.alloc(paddedLength(body.length + 2));
  plaintext[0] = kind;
  body.copy(plaintext, 1);
  plaintext[body.length + 1] = PAD_MARKER;
  return plaintext;
}

/**
 * Rounds n up to a multiple of max(32, 2^⌊log2 n⌋ / 8). Every value of up to 30 bytes (most names,
 * dates, phone numbers, categorical fields) encrypts to the same length; below 512 bytes, lengths
 * show in 32-byte steps; beyond, to within 12.5 % (the most padding costs there).
 */
export function paddedLength(n: number): number {
  const quantum = Math.max(PAD_QUANTUM, 2 ** Math.floor(Math.log2(n)) / 8);
  return Math.ceil(n / quantum) * quantum;
}

import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { inspect } from 'node:util';
import { KEY_BYTES } from './envelope';

/** Who a data key belongs to. One key per owner; erasing the owner deletes it. */
export const DATA_KEY_OWNER_TYPES = ['case', 'staff_user', 'webhook_endpoint'] as const;
export type DataKeyOwnerType = (typeof DATA_KEY_OWNER_TYPES)[number];

export interface DataKeyOwner {
  readonly type: DataKeyOwnerType;
  /** A uuid. */
  readonly id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Validates an owner and gives its canonical form (lower-case uuid, as PostgreSQL returns it). */
export function canonicalOwner(owner: DataKeyOwner): DataKeyOwner {
  if (!DATA_KEY_OWNER_TYPES.includes(owner.type)) throw new TypeError('unknown data key owner type');
  if (!UUID.test(owner.id)) throw new TypeError('data key owner id must be a uuid');
  return { type: owner.type, id: owner.id.toLowerCase() };
}

/**
 * An unwrapped data key (DEK) with the owner and version it was issued for. The key material is
 * a KeyObject: it never appears in JSON, `inspect` or string conversion.
 */
export class DataKey {
  constructor(
    readonly owner: DataKeyOwner,
    readonly version: number,
    readonly key: KeyObject,
  ) {
    if (key.type !== 'secret' || key.symmetricKeySize !== KEY_BYTES) throw new TypeError('a data key is 32 secret bytes');
  }

  static generate(owner: DataKeyOwner, version: number): DataKey {
    const bytes = randomBytes(KEY_BYTES);
    try {
      return new DataKey(owner, version, createSecretKey(bytes));
    } finally {
      bytes.fill(0);
    }
  }

  static fromBytes(owner: DataKeyOwner, version: number, bytes: Buffer): DataKey {
    if (bytes.length !== KEY_BYTES) throw new TypeError('a data key is 32 secret bytes');
    return new DataKey(owner, version, createSecretKey(bytes));
  }

  toJSON(): { owner: DataKeyOwner; version: number } {
    return { owner: this.owner, version: this.version };
  }

  [inspect.custom](): string {
    return `DataKey(${this.owner.type}:${this.owner.id} v${this.version})`;
  }
}

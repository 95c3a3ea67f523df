import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '@common/clock/clock';
import { DataKeyExistsException, DataKeyShreddedException, DataKeyUnreadableException } from './crypto.exceptions';
import { DataKey, canonicalOwner, type DataKeyOwner } from './data-key';
import { DataKeyRepository, type DataKeyRow } from './data-key.repository';
import { EnvelopeError, KEY_BYTES, encodeAad } from './envelope';
import { Keyring } from './keyring';

const WRAP_AAD_LABEL = 'corridor.dek.v1';
const FIRST_VERSION = 1;

/** The columns `key_version, kek_id, wrapped_key` of an owner's `data_keys` row. */
export type StoredDataKey = Pick<DataKeyRow, 'keyVersion' | 'kekId' | 'wrappedKey'>;

export interface KekUsage {
  kekId: string;
  dataKeys: number;
  current: boolean;
  /** False: data keys wrapped under a master key this process does not have. */
  configured: boolean;
}

/**
 * Per-owner data keys (DEKs), wrapped under the current master key. Every method joins the
 * caller's transaction, so a key is created with its owner's row and shredded with its erasure.
 * DEKs are not cached: an erasure takes effect on the next read, in every process (and an
 * unwrapped key lives only as long as the request that needed it).
 */
@Injectable()
export class DataKeyService {
  constructor(
    private readonly keyring: Keyring,
    private readonly repository: DataKeyRepository,
    private readonly clock: Clock,
  ) {}

  /** Issues the owner's data key. Throws `DataKeyExistsException` if it has one. */
  async create(tx: EntityManager, owner: DataKeyOwner): Promise<DataKey> {
    const canonical = canonicalOwner(owner);
    const dataKey = DataKey.generate(canonical, FIRST_VERSION);
    const kekId = this.keyring.currentId;
    const row: DataKeyRow = {
      ownerType: canonical.type,
      ownerId: canonical.id,
      keyVersion: FIRST_VERSION,
      kekId,
      wrappedKey: this.wrap(dataKey, kekId),
    };
    if (!(await this.repository.insert(tx, row, this.clock.now()))) throw new DataKeyExistsException();
    return dataKey;
  }

  /**
   * The owner's data key. Throws `DataKeyShreddedException` when there is none (erased),
   * `MasterKeyUnavailableException` when its master key is not configured, and
   * `DataKeyUnreadableException` when the wrapped key does not authenticate.
   */
  async unwrap(tx: EntityManager, owner: DataKeyOwner): Promise<DataKey> {
    const canonical = canonicalOwner(owner);
    const row = await this.repository.find(tx, canonical);
    if (!row) throw new DataKeyShreddedException(canonical.type);
    return this.unwrapRow(row);
  }

  /**
   * The owner's data key from a wrapped key the caller read in its own statement (a hot path
   * that fetches the key with the owner's row, in one round trip). Same checks and exceptions as
   * `unwrap`; `stored` null means the key was shredded.
   */
  unwrapStored(owner: DataKeyOwner, stored: StoredDataKey | null): DataKey {
    const canonical = canonicalOwner(owner);
    if (!stored) throw new DataKeyShreddedException(canonical.type);
    return this.unwrapRow({ ownerType: canonical.type, ownerId: canonical.id, ...stored });
  }

  /**
   * Crypto-shredding: deletes the owner's data key, after which its protected fields cannot be
   * decrypted by anyone. Returns false if there was no key. (The deleted tuple lingers until
   * VACUUM, and in WAL and backups — see docs/SECURITY.md, "Crypto-shredding and backups".)
   */
  async shred(tx: EntityManager, owner: DataKeyOwner): Promise<boolean> {
    return this.repository.delete(tx, canonicalOwner(owner));
  }

  /**
   * Re-wraps up to `limit` data keys that are not under the current master key, locking them
   * (others' locked rows are skipped). The data they protect is not touched. Returns how many.
   */
  async rewrapBatch(tx: EntityManager, limit: number): Promise<number> {
    const currentId = this.keyring.currentId;
    const rows = await this.repository.claimNotWrappedUnder(tx, currentId, limit);
    const at = this.clock.now();
    for (const row of rows) {
      const dataKey = this.unwrapRow(row);
      await this.repository.updateWrapping(
        tx,
        { ownerType: row.ownerType, ownerId: row.ownerId, kekId: currentId, wrappedKey: this.wrap(dataKey, currentId) },
        at,
      );
    }
    return rows.length;
  }

  /** How many data keys each master key wraps. */
  async usage(tx: EntityManager): Promise<KekUsage[]> {
    const counts = await this.repository.countByKek(tx);
    const usage = counts.map(({ kekId, count }) => ({
      kekId,
      dataKeys: count,
      current: kekId === this.keyring.currentId,
      configured: this.keyring.has(kekId),
    }));
    if (!usage.some((entry) => entry.current)) usage.push({ kekId: this.keyring.currentId, dataKeys: 0, current: true, configured: true });
    return usage;
  }

  private wrap(dataKey: DataKey, kekId: string): Buffer {
    const bytes = dataKey.key.export();
    try {
      return this.keyring.seal(kekId, bytes, wrapAad(dataKey.owner, dataKey.version, kekId));
    } finally {
      bytes.fill(0);
    }
  }

  private unwrapRow(row: DataKeyRow): DataKey {
    const owner = canonicalOwner({ type: row.ownerType as DataKeyOwner['type'], id: row.ownerId });
    let bytes: Buffer;
    try {
      bytes = this.keyring.open(row.kekId, row.wrappedKey, wrapAad(owner, row.keyVersion, row.kekId));
    } catch (error) {
      if (error instanceof EnvelopeError) throw new DataKeyUnreadableException(row.kekId);
      throw error;
    }
    try {
      if (bytes.length !== KEY_BYTES) throw new DataKeyUnreadableException(row.kekId);
      return DataKey.fromBytes(owner, row.keyVersion, bytes);
    } finally {
      bytes.fill(0);
    }
  }
}

/** Binds a wrapped DEK to its owner, version and master key: a row copied onto another owner fails. */
function wrapAad(owner: DataKeyOwner, keyVersion: number, kekId: string): Buffer {
  return encodeAad(WRAP_AAD_LABEL, [owner.type, owner.id, String(keyVersion), kekId]);
}

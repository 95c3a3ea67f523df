import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BlindIndexer } from '@infra/crypto/blind-indexer';
import { DataKeyService } from '@infra/crypto/data-key.service';
import { ProtectedFieldsService } from '@infra/crypto/protected-fields.service';
import type { DataKeyOwner } from '@infra/crypto/data-key';

const TABLE = 'staff_users';
/** 128 bits: the index is unique, so collisions must be out of reach, not merely rare. */
const EMAIL_INDEX_BYTES = 16;

export type StaffSecretField = 'email' | 'totp_secret' | 'pending_totp' | 'display_name';

/** Staff emails, display names and TOTP secrets, sealed under each user's own data key. */
@Injectable()
export class StaffSecrets {
  constructor(
    private readonly dataKeys: DataKeyService,
    private readonly fields: ProtectedFieldsService,
    private readonly indexer: BlindIndexer,
  ) {}

  /**
   * One spelling per mailbox before uniqueness and lookup: NFKC folds compatibility forms
   * (full-width `ｃw1@…` is `cw1@…`), then case is folded (lower-casing, NFKC again after it).
   * Rows indexed before this rule are re-indexed by `npm run cli -- staff:reindex-emails`.
   */
  static normalizeEmail(email: string): string {
    return email.trim().normalize('NFKC').toLowerCase().normalize('NFKC');
  }

  emailIndex(email: string): string {
    return this.indexer.compute('staff.email', StaffSecrets.normalizeEmail(email), EMAIL_INDEX_BYTES);
  }

  async createKey(tx: EntityManager, userId: string): Promise<void> {
    await this.dataKeys.create(tx, owner(userId));
  }

  async seal(tx: EntityManager, userId: string, field: StaffSecretField, value: string | Buffer): Promise<Buffer> {
    const { [field]: sealed } = await this.fields.encryptFields(tx, owner(userId), TABLE, userId, { [field]: value });
    if (!sealed) throw new TypeError('a staff secret cannot be empty');
    return sealed;
  }

  async openText(tx: EntityManager, userId: string, field: StaffSecretField, sealed: Buffer): Promise<string> {
    const { [field]: value } = await this.fields.decryptFields(tx, owner(userId), TABLE, userId, { [field]: sealed });
    if (typeof value !== 'string') throw new TypeError('sealed staff secret is not text');
    return value;
  }

  async openBytes(tx: EntityManager, userId: string, field: StaffSecretField, sealed: Buffer): Promise<Buffer> {
    const opened = await this.fields.decryptFields(tx, owner(userId), TABLE, userId, { [field]: sealed });
    const value = opened[field];
    if (!Buffer.isBuffer(value)) throw new TypeError('sealed staff secret is not bytes');
    return value;
  }
}

const owner = (userId: string): DataKeyOwner => ({ type: 'staff_user', id: userId });

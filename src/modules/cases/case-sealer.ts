import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DataKeyService, type StoredDataKey } from '@infra/crypto/data-key.service';
import type { DataKey, DataKeyOwner } from '@infra/crypto/data-key';
import { FieldCipher, type JsonValue } from '@infra/crypto/field-cipher';
import type { CaseFieldGroup } from '@modules/access/case-access.policy';
import { aadField, SEALED_COLUMN, SEALED_GROUPS, type CaseProtectedContent, type SealedGroup } from './case-content';
import type { CaseEntity } from './case.entity';

const TABLE = 'cases';

export const caseOwner = (caseId: string): DataKeyOwner => ({ type: 'case', id: caseId });

/**
 * Seals and opens a case's protected groups under its data key, each bound (AAD) to the table,
 * its column, the case id and the key version — so no envelope can be moved to another case or
 * field and still open.
 */
@Injectable()
export class CaseSealer {
  constructor(
    private readonly dataKeys: DataKeyService,
    private readonly cipher: FieldCipher,
  ) {}

  createKey(tx: EntityManager, caseId: string): Promise<DataKey> {
    return this.dataKeys.create(tx, caseOwner(caseId));
  }

  key(tx: EntityManager, caseId: string): Promise<DataKey> {
    return this.dataKeys.unwrap(tx, caseOwner(caseId));
  }

  /** The key from a wrapped key read with the case row (`CasesRepository.findForRead`). */
  keyFromStored(caseId: string, stored: StoredDataKey | null): DataKey {
    return this.dataKeys.unwrapStored(caseOwner(caseId), stored);
  }

  shred(tx: EntityManager, caseId: string): Promise<boolean> {
    return this.dataKeys.shred(tx, caseOwner(caseId));
  }

  /** The sealed columns for the groups present in `content`. */
  seal(dek: DataKey, caseId: string, content: CaseProtectedContent): Partial<Pick<CaseEntity, (typeof SEALED_COLUMN)[SealedGroup]>> {
    const columns: Partial<Record<(typeof SEALED_COLUMN)[SealedGroup], Buffer>> = {};
    for (const group of SEALED_GROUPS) {
      const value = content[group];
      if (value === undefined) continue;
      columns[SEALED_COLUMN[group]] = this.cipher.encrypt(dek, this.aad(dek, caseId, aadField(group)), value as unknown as JsonValue);
    }
    return columns;
  }

  /** Opens only the groups the caller may see. */
  open(dek: DataKey, row: CaseEntity, groups: ReadonlySet<CaseFieldGroup>): CaseProtectedContent {
    const content: CaseProtectedContent = {};
    for (const group of SEALED_GROUPS) {
      const sealed = row[SEALED_COLUMN[group]];
      if (!groups.has(group) || !sealed) continue;
      // Each group was sealed from its own DTO shape; decrypt returns what was stored.
      Object.assign(content, { [group]: this.cipher.decrypt(dek, this.aad(dek, row.id, aadField(group)), sealed) });
    }
    return content;
  }

  /** Opens one group's envelope read on its own (a list reads only the identity group). */
  openGroup<G extends SealedGroup>(dek: DataKey, caseId: string, group: G, sealed: Buffer): NonNullable<CaseProtectedContent[G]> {
    return this.cipher.decrypt(dek, this.aad(dek, caseId, aadField(group)), sealed) as unknown as NonNullable<CaseProtectedContent[G]>;
  }

  sealText(dek: DataKey, caseId: string, table: string, field: string, rowId: string, text: string): Buffer {
    return this.cipher.encrypt(dek, { table, field, rowId, ownerId: caseId, keyVersion: dek.version }, text);
  }

  openText(dek: DataKey, caseId: string, table: string, field: string, rowId: string, sealed: Buffer): string {
    return this.cipher.decryptText(dek, { table, field, rowId, ownerId: caseId, keyVersion: dek.version }, sealed);
  }

  /** JSON (codes) sealed under the case key, bound to its table, field and row. */
  sealJson(dek: DataKey, caseId: string, table: string, field: string, rowId: string, value: JsonValue): Buffer {
    return this.cipher.encrypt(dek, { table, field, rowId, ownerId: caseId, keyVersion: dek.version }, value);
  }

  openJson<T>(dek: DataKey, caseId: string, table: string, field: string, rowId: string, sealed: Buffer): T {
    return this.cipher.decrypt(dek, { table, field, rowId, ownerId: caseId, keyVersion: dek.version }, sealed) as T;
  }

  sealHistoryDetails(dek: DataKey, caseId: string, historyId: string, details: Record<string, string | number | boolean | string[] | null>): Buffer {
    return this.sealJson(dek, caseId, 'case_history', 'details', historyId, details);
  }

  openHistoryDetails(dek: DataKey, caseId: string, historyId: string, sealed: Buffer): Record<string, string | number | boolean | string[] | null> {
    return this.openJson(dek, caseId, 'case_history', 'details', historyId, sealed);
  }

  private aad(dek: DataKey, caseId: string, field: string) {
    return { table: TABLE, field, rowId: caseId, ownerId: caseId, keyVersion: dek.version };
  }
}

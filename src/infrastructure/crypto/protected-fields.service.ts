import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DataKey, DataKeyOwner } from './data-key';
import { DataKeyService } from './data-key.service';
import { FieldCipher, type FieldAad, type ProtectedValue } from './field-cipher';

/** Field name → value to protect. `null`/`undefined` stay SQL NULL (absence is not hidden). */
export type PlainFields<F extends string> = { [K in F]: ProtectedValue | null | undefined };
/** Field name → stored envelope (bytea). */
export type SealedFields<F extends string> = { [K in F]: Buffer | null };
export type OpenedFields<F extends string> = { [K in F]: ProtectedValue | null };

/**
 * The convenient way to protect a row's fields: unwraps the owner's data key once per call and
 * binds every value to (table, field, row id, owner id, key version). For many rows of one owner
 * (a case and its dependants), unwrap once with `DataKeyService.unwrap` and use the `…With` forms.
 */
@Injectable()
export class ProtectedFieldsService {
  constructor(
    private readonly dataKeys: DataKeyService,
    private readonly cipher: FieldCipher,
  ) {}

  async encryptFields<F extends string>(
    tx: EntityManager,
    owner: DataKeyOwner,
    table: string,
    rowId: string,
    values: PlainFields<F>,
  ): Promise<SealedFields<F>> {
    return this.encryptFieldsWith(await this.dataKeys.unwrap(tx, owner), table, rowId, values);
  }

  /** Throws `ProtectedFieldUnreadableException` for the first value that fails to authenticate. */
  async decryptFields<F extends string>(
    tx: EntityManager,
    owner: DataKeyOwner,
    table: string,
    rowId: string,
    sealed: SealedFields<F>,
  ): Promise<OpenedFields<F>> {
    return this.decryptFieldsWith(await this.dataKeys.unwrap(tx, owner), table, rowId, sealed);
  }

  encryptFieldsWith<F extends string>(dek: DataKey, table: string, rowId: string, values: PlainFields<F>): SealedFields<F> {
    const sealed = {} as SealedFields<F>;
    for (const field of Object.keys(values) as F[]) {
      const value = values[field];
      sealed[field] = value === null || value === undefined ? null : this.cipher.encrypt(dek, this.aad(dek, table, field, rowId), value);
    }
    return sealed;
  }

  decryptFieldsWith<F extends string>(dek: DataKey, table: string, rowId: string, sealed: SealedFields<F>): OpenedFields<F> {
    const opened = {} as OpenedFields<F>;
    for (const field of Object.keys(sealed) as F[]) {
      const envelope = sealed[field];
      opened[field] = envelope === null || envelope === undefined ? null : this.cipher.decrypt(dek, this.aad(dek, table, field, rowId), envelope);
    }
    return opened;
  }

  private aad(dek: DataKey, table: string, field: string, rowId: string): FieldAad {
    return { table, field, rowId, ownerId: dek.owner.id, keyVersion: dek.version };
  }
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DataKeyOwner } from '@infra/crypto/data-key';
import { DataKeyService } from '@infra/crypto/data-key.service';
import { ProtectedFieldsService } from '@infra/crypto/protected-fields.service';

const TABLE = 'webhook_endpoints';
const FIELD = 'secret_sealed';

/**
 * Signing secrets, sealed under each endpoint's own data key (wrapped by the master key). Deleting
 * an endpoint shreds its key, so a backup never yields a secret that could still sign.
 */
@Injectable()
export class WebhookSecrets {
  constructor(
    private readonly dataKeys: DataKeyService,
    private readonly fields: ProtectedFieldsService,
  ) {}

  async seal(tx: EntityManager, endpointId: string, secret: string): Promise<Buffer> {
    await this.dataKeys.create(tx, owner(endpointId));
    const { [FIELD]: sealed } = await this.fields.encryptFields(tx, owner(endpointId), TABLE, endpointId, { [FIELD]: secret });
    if (!sealed) throw new TypeError('a webhook secret cannot be empty');
    return sealed;
  }

  async open(tx: EntityManager, endpointId: string, sealed: Buffer): Promise<string> {
    const { [FIELD]: value } = await this.fields.decryptFields(tx, owner(endpointId), TABLE, endpointId, { [FIELD]: sealed });
    if (typeof value !== 'string') throw new TypeError('sealed webhook secret is not text');
    return value;
  }

  async shred(tx: EntityManager, endpointId: string): Promise<void> {
    await this.dataKeys.shred(tx, owner(endpointId));
  }
}

const owner = (endpointId: string): DataKeyOwner => ({ type: 'webhook_endpoint', id: endpointId });

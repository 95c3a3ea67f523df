import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AgencyType } from '@common/access/roles';
import type { KeysetPosition } from '@common/pagination/keyset';
import { prepared, queryPrepared } from '@infra/database/prepared';
import { ApiKeyEntity } from './api-key.entity';
import { type AgencyStatus, PartnerAgencyEntity } from './partner-agency.entity';

/** What authenticating a key needs, read in one indexed query. */
export interface ApiKeyCredentialRow {
  id: string;
  agencyId: string;
  secretHash: string;
  scopes: string[];
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  epoch: number;
  agencyType: AgencyType;
  agencyStatus: AgencyStatus;
}

// Prepared: it runs before every partner request (docs/PERFORMANCE.md, referral-intake).
const API_KEY_CREDENTIAL = prepared(
  'partner_api_key_credential',
  `SELECT k.id, k.agency_id AS "agencyId", k.secret_hash AS "secretHash", k.scopes,
          k.expires_at AS "expiresAt", k.revoked_at AS "revokedAt", k.last_used_at AS "lastUsedAt", k.epoch,
          a.type AS "agencyType", a.status AS "agencyStatus"
   FROM api_keys k JOIN partner_agencies a ON a.id = k.agency_id
   WHERE k.lookup_id = $1`,
);

@Injectable()
export class PartnersRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insertAgency(tx: EntityManager, agency: PartnerAgencyEntity): Promise<void> {
    await tx.getRepository(PartnerAgencyEntity).insert(agency);
  }

  findAgency(id: string, tx: EntityManager = this.dataSource.manager): Promise<PartnerAgencyEntity | null> {
    return tx.getRepository(PartnerAgencyEntity).findOneBy({ id });
  }

  /** Locks the agency row until the transaction ends, so concurrent updates serialize. */
  lockAgency(tx: EntityManager, id: string): Promise<PartnerAgencyEntity | null> {
    return tx.getRepository(PartnerAgencyEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async updateAgency(tx: EntityManager, agency: PartnerAgencyEntity): Promise<void> {
    const { name, countries, status, contactChannel, updatedAt } = agency;
    await tx.getRepository(PartnerAgencyEntity).update({ id: agency.id }, { name, countries, status, contactChannel, updatedAt });
  }

  /** `limit` rows after `after` in (created_at, id) order. */
  listAgencies(after: KeysetPosition | null, limit: number): Promise<PartnerAgencyEntity[]> {
    const query = this.dataSource.getRepository(PartnerAgencyEntity).createQueryBuilder('a');
    if (after) query.where('(a.createdAt, a.id) > (:createdAt, :id)', after);
    return query.orderBy('a.createdAt', 'ASC').addOrderBy('a.id', 'ASC').limit(limit).getMany();
  }

  async insertApiKey(tx: EntityManager, key: ApiKeyEntity): Promise<void> {
    await tx.getRepository(ApiKeyEntity).insert(key);
  }

  /** Locks the key row; `agencyId` null finds the key whatever its agency (operators' CLI). */
  lockApiKey(tx: EntityManager, keyId: string, agencyId: string | null): Promise<ApiKeyEntity | null> {
    return tx.getRepository(ApiKeyEntity).findOne({
      where: agencyId === null ? { id: keyId } : { id: keyId, agencyId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async hasSuccessor(tx: EntityManager, keyId: string): Promise<boolean> {
    return tx.getRepository(ApiKeyEntity).existsBy({ rotatedFrom: keyId });
  }

  async setApiKeyExpiry(tx: EntityManager, keyId: string, expiresAt: Date): Promise<void> {
    await tx.getRepository(ApiKeyEntity).update({ id: keyId }, { expiresAt });
  }

  async markApiKeyRevoked(tx: EntityManager, keyId: string, revokedAt: Date): Promise<void> {
    await tx.getRepository(ApiKeyEntity).update({ id: keyId }, { revokedAt });
  }

  listApiKeys(agencyId: string, after: KeysetPosition | null, limit: number): Promise<ApiKeyEntity[]> {
    const query = this.dataSource.getRepository(ApiKeyEntity).createQueryBuilder('k').where('k.agencyId = :agencyId', { agencyId });
    if (after) query.andWhere('(k.createdAt, k.id) > (:createdAt, :id)', after);
    return query.orderBy('k.createdAt', 'ASC').addOrderBy('k.id', 'ASC').limit(limit).getMany();
  }

  async findCredential(lookupId: string): Promise<ApiKeyCredentialRow | null> {
    const rows = await queryPrepared<ApiKeyCredentialRow[]>(this.dataSource.manager, API_KEY_CREDENTIAL, [lookupId]);
    return rows[0] ?? null;
  }

  /** Records a use unless one at or after `since` is already recorded (replicas race harmlessly). */
  async touchLastUsed(keyId: string, at: Date, since: Date): Promise<void> {
    await this.dataSource.query(`UPDATE api_keys SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $3)`, [keyId, at, since]);
  }
}

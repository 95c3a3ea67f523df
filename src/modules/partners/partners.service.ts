import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { EntityManager } from 'typeorm';
import { PermissionDeniedException } from '@common/access/access.exception';
import { CredentialEpoch } from '@common/access/credential-epoch';
import type { Actor } from '@common/access/principal';
import { actorOf, type RequestContext } from '@common/access/request-context';
import { AgencyType, ApiKeyScope } from '@common/access/roles';
import { Clock } from '@common/clock/clock';
import { DEFAULT_PAGE_SIZE, startAfter, toPage, type KeysetPosition, type Page } from '@common/pagination/keyset';
import type { PageQueryDto } from '@common/pagination/page-query.dto';
import { TransactionRunner } from '@infra/database/transaction';
import { RequestValidationException } from '@infra/http/request-validation.exception';
import { AuditService } from '@modules/audit/audit.service';
import { displayPrefix, generateApiKey } from './api-key-credential';
import { ApiKeyEntity } from './api-key.entity';
import { AgencyView, type CreateAgencyDto, type UpdateAgencyDto } from './dto/agency.dto';
import {
  ApiKeyStatus,
  ApiKeyView,
  type CreateApiKeyDto,
  DEFAULT_OVERLAP_HOURS,
  IssuedApiKeyView,
  type RotateApiKeyDto,
  RotatedApiKeyView,
} from './dto/api-key.dto';
import { PartnerSelfView } from './dto/partner-self.dto';
import { AgencyStatus, PartnerAgencyEntity } from './partner-agency.entity';
import { AgencyNotFoundException, ApiKeyNotFoundException, ApiKeyNotRotatableException, ScopeNotForAgencyTypeException } from './partners.exception';
import { PartnersRepository } from './partners.repository';

/** Who asks, for the audit log: a request's principal, or a system component (the CLI). */
export interface Caller {
  actor: Actor;
  requestId: string | null;
}

export const callerOf = (context: RequestContext): Caller => ({ actor: actorOf(context), requestId: context.requestId });

const HOUR_MS = 3_600_000;

/** Partner agencies and their API keys. Every change writes its audit row in the change's own transaction. */
@Injectable()
export class PartnersService {
  constructor(
    private readonly repository: PartnersRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly epoch: CredentialEpoch,
  ) {}

  async createAgency(caller: Caller, input: CreateAgencyDto): Promise<AgencyView> {
    const now = this.clock.now();
    const agency = Object.assign(new PartnerAgencyEntity(), {
      id: randomUUID(),
      name: input.name,
      type: input.type,
      countries: input.countries,
      status: AgencyStatus.Active,
      contactChannel: input.contactChannel ?? null,
      createdAt: now,
      updatedAt: now,
    });
    await this.transactions.run(async (tx) => {
      await this.repository.insertAgency(tx, agency);
      await this.recordAgencyEvent(tx, caller, 'agency.created', agency.id, { type: agency.type, countries: agency.countries });
    });
    return agencyView(agency);
  }

  async listAgencies(query: PageQueryDto): Promise<Page<AgencyView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.repository.listAgencies(after(query), limit + 1);
    return toPage(rows, limit, agencyView);
  }

  async getAgency(id: string): Promise<AgencyView> {
    return agencyView(await this.existingAgency(id));
  }

  async updateAgency(caller: Caller, id: string, input: UpdateAgencyDto): Promise<AgencyView> {
    if (!isUUID(id)) throw new AgencyNotFoundException();
    return this.transactions.run(async (tx) => {
      const agency = await this.repository.lockAgency(tx, id);
      if (!agency) throw new AgencyNotFoundException();
      const changed = applyChanges(agency, input);
      if (changed.length === 0) return agencyView(agency);
      agency.updatedAt = this.clock.now();
      await this.repository.updateAgency(tx, agency);
      await this.recordAgencyEvent(tx, caller, 'agency.updated', agency.id, { fields: changed, status: agency.status });
      return agencyView(agency);
    });
  }

  async createApiKey(caller: Caller, agencyId: string, input: CreateApiKeyDto): Promise<IssuedApiKeyView> {
    const now = this.clock.now();
    const expiresAt = this.futureInstant(input.expiresAt, now);
    const agency = await this.existingAgency(agencyId);
    // Least privilege: only a receiving state's liaison answers expedited protection requests.
    if (input.scopes.includes(ApiKeyScope.ExpediteRespond) && agency.type !== AgencyType.Government) {
      throw new ScopeNotForAgencyTypeException(ApiKeyScope.ExpediteRespond, agency.type);
    }
    const epoch = await this.epoch.current();
    const { key, plaintext } = newKey({ agencyId, label: input.label, scopes: input.scopes, expiresAt, epoch, now, rotatedFrom: null });
    await this.transactions.run(async (tx) => {
      await this.repository.insertApiKey(tx, key);
      await this.recordKeyEvent(tx, caller, 'apikey.created', key, { scopes: key.scopes, expires: expiresAt !== null });
    });
    return Object.assign(new IssuedApiKeyView(), keyView(key, now, epoch), { key: plaintext });
  }

  async listApiKeys(agencyId: string, query: PageQueryDto): Promise<Page<ApiKeyView>> {
    await this.existingAgency(agencyId);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.repository.listApiKeys(agencyId, after(query), limit + 1);
    const [now, epoch] = [this.clock.now(), await this.epoch.current()];
    return toPage(rows, limit, (row) => keyView(row, now, epoch));
  }

  /**
   * Issues a successor with the same label and scopes; the old key keeps working for the overlap
   * (never longer than it would have anyway), so the partner can deploy the new one first.
   */
  async rotateApiKey(caller: Caller, agencyId: string, keyId: string, input: RotateApiKeyDto): Promise<RotatedApiKeyView> {
    const now = this.clock.now();
    const expiresAt = this.futureInstant(input.expiresAt, now);
    const overlapHours = input.overlapHours ?? DEFAULT_OVERLAP_HOURS;
    const epoch = await this.epoch.current();
    return this.transactions.run(async (tx) => {
      const old = await this.lockKey(tx, keyId, agencyId);
      if (old.revokedAt) throw new ApiKeyNotRotatableException('revoked');
      // A key from before the last lockdown is dead; rotating it must not bring its access back.
      if (old.epoch !== epoch) throw new ApiKeyNotRotatableException('revoked');
      if (old.expiresAt && old.expiresAt <= now) throw new ApiKeyNotRotatableException('expired');
      if (await this.repository.hasSuccessor(tx, old.id)) throw new ApiKeyNotRotatableException('already-rotated');

      const { key, plaintext } = newKey({ agencyId: old.agencyId, label: old.label, scopes: old.scopes, expiresAt, epoch, now, rotatedFrom: old.id });
      const overlapEnd = new Date(now.getTime() + overlapHours * HOUR_MS);
      old.expiresAt = old.expiresAt && old.expiresAt < overlapEnd ? old.expiresAt : overlapEnd;
      await this.repository.setApiKeyExpiry(tx, old.id, old.expiresAt);
      await this.repository.insertApiKey(tx, key);
      await this.recordKeyEvent(tx, caller, 'apikey.rotated', key, { rotatedFrom: old.id, overlapHours, scopes: key.scopes });
      return Object.assign(new RotatedApiKeyView(), keyView(key, now, epoch), { key: plaintext, previousExpiresAt: old.expiresAt });
    });
  }

  /** Takes effect on the next request. Revoking a revoked key changes nothing and records nothing. */
  async revokeApiKey(caller: Caller, keyId: string, agencyId: string | null): Promise<ApiKeyView> {
    const now = this.clock.now();
    const epoch = await this.epoch.current();
    return this.transactions.run(async (tx) => {
      const key = await this.lockKey(tx, keyId, agencyId);
      if (!key.revokedAt) {
        key.revokedAt = now;
        await this.repository.markApiKeyRevoked(tx, key.id, now);
        await this.recordKeyEvent(tx, caller, 'apikey.revoked', key, {});
      }
      return keyView(key, now, epoch);
    });
  }

  /** The calling partner's own agency, taken from its credentials only. */
  async describePartner(context: RequestContext): Promise<PartnerSelfView> {
    const principal = context.principal;
    if (principal?.kind !== 'partner') throw new PermissionDeniedException();
    const agency = await this.existingAgency(principal.agencyId);
    return Object.assign(new PartnerSelfView(), {
      agency: { id: agency.id, name: agency.name, type: agency.type },
      apiKeyId: principal.apiKeyId,
      scopes: principal.scopes,
    });
  }

  private async existingAgency(id: string): Promise<PartnerAgencyEntity> {
    const agency = isUUID(id) ? await this.repository.findAgency(id) : null;
    if (!agency) throw new AgencyNotFoundException();
    return agency;
  }

  private async lockKey(tx: EntityManager, keyId: string, agencyId: string | null): Promise<ApiKeyEntity> {
    const key = isUUID(keyId) && (agencyId === null || isUUID(agencyId)) ? await this.repository.lockApiKey(tx, keyId, agencyId) : null;
    if (!key) throw new ApiKeyNotFoundException();
    return key;
  }

  private futureInstant(value: string | undefined, now: Date): Date | null {
    if (value === undefined) return null;
    const at = new Date(value);
    if (!(at > now)) throw new RequestValidationException([{ pointer: '/expiresAt', detail: 'expiresAt must be in the future' }]);
    return at;
  }

  private recordAgencyEvent(tx: EntityManager, caller: Caller, action: string, agencyId: string, details: Record<string, string | string[]>): Promise<void> {
    return this.audit.record(tx, { actor: caller.actor, requestId: caller.requestId, action, resourceType: 'partner_agency', resourceId: agencyId, details });
  }

  /** Ids and scopes only: never the key, its lookup id or its hash. */
  private recordKeyEvent(
    tx: EntityManager,
    caller: Caller,
    action: string,
    key: ApiKeyEntity,
    details: Record<string, string | number | boolean | string[]>,
  ): Promise<void> {
    return this.audit.record(tx, {
      actor: caller.actor,
      requestId: caller.requestId,
      action,
      resourceType: 'api_key',
      resourceId: key.id,
      details: { agencyId: key.agencyId, ...details },
    });
  }
}

/** Where a page starts: after the cursor's position, or at the beginning. */
const after = (query: PageQueryDto): KeysetPosition | null => startAfter(query.cursor);

function newKey(input: Pick<ApiKeyEntity, 'agencyId' | 'label' | 'scopes' | 'expiresAt' | 'epoch' | 'rotatedFrom'> & { now: Date }): {
  key: ApiKeyEntity;
  plaintext: string;
} {
  const { plaintext, lookupId, secretHash } = generateApiKey();
  const { now, ...fields } = input;
  const key = Object.assign(new ApiKeyEntity(), { ...fields, id: randomUUID(), lookupId, secretHash, createdAt: now, revokedAt: null, lastUsedAt: null });
  return { key, plaintext };
}

/** Applies the fields the request carries; returns the names of those that changed. */
function applyChanges(agency: PartnerAgencyEntity, input: UpdateAgencyDto): string[] {
  const changed: string[] = [];
  if (input.name !== undefined && input.name !== agency.name) {
    agency.name = input.name;
    changed.push('name');
  }
  if (input.countries !== undefined && input.countries.join() !== agency.countries.join()) {
    agency.countries = input.countries;
    changed.push('countries');
  }
  if (input.status !== undefined && input.status !== agency.status) {
    agency.status = input.status;
    changed.push('status');
  }
  if (input.contactChannel !== undefined && (input.contactChannel ?? null) !== agency.contactChannel) {
    agency.contactChannel = input.contactChannel ?? null;
    changed.push('contactChannel');
  }
  return changed;
}

function agencyView(agency: PartnerAgencyEntity): AgencyView {
  const { id, name, type, countries, status, contactChannel, createdAt, updatedAt } = agency;
  return Object.assign(new AgencyView(), { id, name, type, countries, status, contactChannel, createdAt, updatedAt });
}

/** A key issued before the current credential epoch (a lockdown since) counts as revoked. */
function keyView(key: ApiKeyEntity, now: Date, currentEpoch: number): ApiKeyView {
  const { id, agencyId, label, scopes, createdAt, expiresAt, revokedAt, lastUsedAt, rotatedFrom } = key;
  const status = revokedAt || key.epoch !== currentEpoch ? ApiKeyStatus.Revoked : expiresAt && expiresAt <= now ? ApiKeyStatus.Expired : ApiKeyStatus.Active;
  return Object.assign(new ApiKeyView(), {
    id,
    agencyId,
    label,
    prefix: displayPrefix(key.lookupId),
    scopes,
    status,
    createdAt,
    expiresAt,
    revokedAt,
    lastUsedAt,
    rotatedFrom,
  });
}

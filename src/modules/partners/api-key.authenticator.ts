import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { CredentialEpoch } from '@common/access/credential-epoch';
import type { PartnerPrincipal } from '@common/access/principal';
import { ApiKeyScope } from '@common/access/roles';
import { Clock } from '@common/clock/clock';
import { describeErrorForLog } from '@infra/logging/error-description';
import { ApiKeyAuthenticator } from '@modules/access/authenticators';
import { apiKeyMatches, parseApiKey } from './api-key-credential';
import { AgencyStatus } from './partner-agency.entity';
import { type ApiKeyCredentialRow, PartnersRepository } from './partners.repository';

/** `last_used_at` is kept to this resolution: at most one write per key per minute. */
const LAST_USED_RESOLUTION_MS = 60_000;

const KNOWN_SCOPES = new Set<string>(Object.values(ApiKeyScope));
const isScope = (scope: string): scope is ApiKeyScope => KNOWN_SCOPES.has(scope);

/**
 * Resolves `Authorization: Bearer cpk_…` to its agency. Every request reads the key's row (one
 * indexed lookup joined to its agency) and the credential epoch: nothing is cached, so revoking a
 * key, suspending an agency or a lockdown takes effect on the very next request.
 */
@Injectable()
export class PartnerApiKeyAuthenticator extends ApiKeyAuthenticator implements OnModuleDestroy {
  private readonly logger = new Logger(PartnerApiKeyAuthenticator.name);
  private readonly pendingWrites = new Set<Promise<void>>();

  constructor(
    private readonly repository: PartnersRepository,
    private readonly epoch: CredentialEpoch,
    private readonly clock: Clock,
  ) {
    super();
  }

  async authenticate(key: string): Promise<PartnerPrincipal | null> {
    const parsed = parseApiKey(key);
    if (!parsed) return null;
    const [row, currentEpoch] = await Promise.all([this.repository.findCredential(parsed.lookupId), this.epoch.current()]);
    if (!row) return null;
    const now = this.clock.now();
    const refusal = refusalOf(row, key, now, currentEpoch);
    if (refusal) {
      // Ids and a reason only: a dead key still in use can mean a leaked one.
      this.logger.warn({ apiKeyId: row.id, reason: refusal }, 'api key refused');
      return null;
    }
    this.recordUse(row, now);
    return { kind: 'partner', agencyId: row.agencyId, agencyType: row.agencyType, apiKeyId: row.id, scopes: row.scopes.filter(isScope) };
  }

  /** Lets last-use writes still in flight finish before the database connections close. */
  async onModuleDestroy(): Promise<void> {
    await Promise.allSettled([...this.pendingWrites]);
  }

  /** Off the request path, and skipped while the recorded use is under a minute old. */
  private recordUse(row: ApiKeyCredentialRow, now: Date): void {
    const since = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
    if (row.lastUsedAt && row.lastUsedAt > since) return;
    const write: Promise<void> = this.repository
      .touchLastUsed(row.id, now, since)
      .catch((error: unknown) => this.logger.warn({ apiKeyId: row.id, error: describeErrorForLog(error) }, 'could not record api key use'))
      .finally(() => this.pendingWrites.delete(write));
    this.pendingWrites.add(write);
  }
}

function refusalOf(row: ApiKeyCredentialRow, key: string, now: Date, currentEpoch: number): string | null {
  // The secret first: for someone without it, the key's state is none of their business, not even in our logs.
  if (!apiKeyMatches(key, row.secretHash)) return 'secret-mismatch';
  if (row.revokedAt) return 'revoked';
  if (row.expiresAt && row.expiresAt <= now) return 'expired';
  if (row.epoch !== currentEpoch) return 'epoch';
  if (row.agencyStatus !== AgencyStatus.Active) return 'agency-suspended';
  return null;
}

import { randomBytes } from 'node:crypto';
import { systemActor } from '@common/access/principal';
import { AgencyType, ApiKeyScope } from '@common/access/roles';
import type { AgencyView, CreateAgencyDto } from '@modules/partners/dto/agency.dto';
import type { CreateApiKeyDto, IssuedApiKeyView } from '@modules/partners/dto/api-key.dto';
import { type Caller, PartnersService } from '@modules/partners/partners.service';
import type { TestApp } from '@test/support/test-context';

/** Arranging goes through the service (tests of the admin API itself use HTTP). */
const ARRANGER: Caller = { actor: systemActor('test'), requestId: null };

const partners = (app: TestApp): PartnersService => app.context.get(PartnersService, { strict: false });

export function newAgency(app: TestApp, overrides: Partial<CreateAgencyDto> = {}): Promise<AgencyView> {
  return partners(app).createAgency(ARRANGER, {
    name: `Agency ${randomBytes(3).toString('hex')}`,
    type: AgencyType.Shelter,
    countries: ['GE'],
    ...overrides,
  });
}

export function newApiKey(
  app: TestApp,
  agencyId: string,
  scopes: ApiKeyScope[] = [ApiKeyScope.CasesRead],
  overrides: Partial<Omit<CreateApiKeyDto, 'scopes'>> = {},
): Promise<IssuedApiKeyView> {
  return partners(app).createApiKey(ARRANGER, agencyId, { label: 'test key', scopes, ...overrides });
}

/** One Authorization header builder for staff tokens and API keys alike. */
export { bearer } from './staff';

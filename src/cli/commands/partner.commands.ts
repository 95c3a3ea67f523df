import type { Command } from 'commander';
import { systemActor } from '@common/access/principal';
import type { Environment } from '@config/load-section';
import { CreateAgencyDto } from '@modules/partners/dto/agency.dto';
import { CreateApiKeyDto } from '@modules/partners/dto/api-key.dto';
import { type Caller, PartnersService } from '@modules/partners/partners.service';
import { note, say, validated, withAppContext } from '../cli-context';

/** Operators' equivalents of the admin API, audited as the system component `cli`. */
const CLI: Caller = { actor: systemActor('cli'), requestId: null };

const list = (value: string): string[] =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** `env` is where the commands read their configuration (tests pass their own). */
export function registerPartnerCommands(program: Command, env: Environment = process.env): void {
  const withPartners = <T>(work: (partners: PartnersService) => Promise<T>): Promise<T> =>
    withAppContext(env, (app) => work(app.get(PartnersService, { strict: false })));

  program
    .command('partner:create')
    .description('Create a partner agency; prints its id')
    .requiredOption('--name <name>', 'the organisation’s name')
    .requiredOption('--type <type>', 'NGO, SHELTER, UNHCR, GOVERNMENT or SETTLEMENT_AGENCY')
    .requiredOption('--countries <codes>', 'countries of operation, ISO 3166-1 alpha-2, comma-separated (e.g. GE,TR)')
    .option('--contact-channel <note>', 'an organisation-level contact channel (a role mailbox), never a named person')
    .action(async (options: { name: string; type: string; countries: string; contactChannel?: string }) => {
      const input = await validated(CreateAgencyDto, { ...options, countries: list(options.countries) });
      const agency = await withPartners((partners) => partners.createAgency(CLI, input));
      note(`created partner agency (${agency.type}, ${agency.countries.join(',')})`);
      say(agency.id);
    });

  program
    .command('apikey:create')
    .description('Issue an API key for an agency; prints the key, once')
    .requiredOption('--agency <id>', 'the agency’s id')
    .requiredOption('--scopes <scopes>', 'comma-separated: referrals:write, cases:read, checkins:write, services:write, webhooks:manage')
    .option('--label <label>', 'what the key is for', 'issued by an operator')
    .option('--expires-at <instant>', 'when it stops working, ISO 8601 with offset (default: never)')
    .action(async (options: { agency: string; scopes: string; label: string; expiresAt?: string }) => {
      const input = await validated(CreateApiKeyDto, { label: options.label, scopes: list(options.scopes), expiresAt: options.expiresAt });
      const issued = await withPartners((partners) => partners.createApiKey(CLI, options.agency, input));
      note(`issued api key ${issued.id} (${issued.prefix}) with scopes ${issued.scopes.join(',')}; store it now, it is shown only once:`);
      say(issued.key);
    });

  program
    .command('apikey:revoke')
    .description('Revoke an API key; it stops working on the next request')
    .requiredOption('--key <id>', 'the key’s id (not the key itself)')
    .action(async (options: { key: string }) => {
      const key = await withPartners((partners) => partners.revokeApiKey(CLI, options.key, null));
      say(`revoked api key ${key.id} at ${key.revokedAt?.toISOString() ?? ''}`);
    });
}

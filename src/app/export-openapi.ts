import type { OpenAPIObject } from '@nestjs/swagger';
import { loadConfig } from '@config/app.config';
import { createCorridorApp } from './create-app';
import { buildOpenApiDocument, buildPartnerOpenApiDocument } from './openapi';

export const OPENAPI_FILE = 'docs/openapi.json';
/** The partner API's own contract (only `/partner/v1`). */
export const PARTNER_OPENAPI_FILE = 'docs/partner-openapi.json';

/**
 * Builds the documents from the application's own routes. The process takes no roles, so nothing
 * is consumed or scheduled, but modules still connect (the check runs where the database is).
 */
export async function exportOpenApi(): Promise<Record<string, OpenAPIObject>> {
  const env = { ...process.env, CORRIDOR_ROLES: 'api', LOG_LEVEL: 'warn' };
  const corridor = await createCorridorApp({ config: loadConfig(env) });
  if (corridor.kind !== 'http') throw new Error('the api role builds an HTTP application');
  try {
    return { [OPENAPI_FILE]: buildOpenApiDocument(corridor.app), [PARTNER_OPENAPI_FILE]: buildPartnerOpenApiDocument(corridor.app) };
  } finally {
    await corridor.app.close();
  }
}

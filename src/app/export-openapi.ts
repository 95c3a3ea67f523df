import type { OpenAPIObject } from '@nestjs/swagger';
import { loadConfig } from '@config/app.config';
import { AppModule } from './app.module';
import { createHttpApp } from '@infra/http/http-app';
import { buildOpenApiDocument } from './openapi';

export const OPENAPI_FILE = 'docs/openapi.json';

/**
 * Builds the documents from the application's own routes. The process takes no roles, so nothing
 * is consumed or scheduled, but modules still connect (the check runs where the database is).
 */
export async function exportOpenApi(): Promise<Record<string, OpenAPIObject>> {
  const config = loadConfig();
  const app = await createHttpApp(AppModule.register({ config }), config.http);
  await app.init();
  try {
    return { [OPENAPI_FILE]: buildOpenApiDocument(app) };
  } finally {
    await app.close();
  }
}

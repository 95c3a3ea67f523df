import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { createHttpApp } from '@infra/http/http-app';
import { AppModule, type AppModuleOptions } from './app.module';
import { setUpOpenApi } from './openapi';
import { startProcessRoles } from './process-roles';

export type CorridorApp = { kind: 'http'; app: NestFastifyApplication } | { kind: 'context'; app: INestApplicationContext };

/**
 * Builds the process for its configured roles: with `api`, an HTTP application (not yet
 * listening); without, an application context with no HTTP at all.
 */
export async function createCorridorApp(options: AppModuleOptions): Promise<CorridorApp> {
  const { config } = options;
  const module = AppModule.register(options);
  if (config.process.hasRole('api')) {
    const app = await createHttpApp(module, config.http);
    setUpOpenApi(app);
    await app.init();
    startProcessRoles(app, config.process);
    return { kind: 'http', app };
  }
  const app = await NestFactory.createApplicationContext(module, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  startProcessRoles(app, config.process);
  return { kind: 'context', app };
}

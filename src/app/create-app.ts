import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ProcessConfig } from '@config/process.config';
import { resolveKeys } from '@infra/crypto/crypto.module';
import { createHttpApp } from '@infra/http/http-app';
import { CorridorLogger } from '@infra/logging/corridor-logger';
import { createPino } from '@infra/logging/logger.module';
import { AppModule, type AppModuleOptions } from './app.module';
import { setUpOpenApi } from './openapi';
import { startProcessRoles } from './process-roles';

export type CorridorApp = { kind: 'http'; app: NestFastifyApplication } | { kind: 'context'; app: INestApplicationContext };

/**
 * Builds the process for its configured roles: with `api`, an HTTP application (not yet
 * listening); without, an application context with no HTTP at all.
 */
export async function createCorridorApp(options: Omit<AppModuleOptions, 'logger' | 'keys'>): Promise<CorridorApp> {
  const { config } = options;
  // One logger from the first line on, so boot failures are structured JSON too.
  const logger = new CorridorLogger(createPino(config.process.logLevel, options.logDestination));
  const keys = resolveKeys(config, logger);
  warnOfDrillTime(config.process, logger);
  const module = AppModule.register({ ...options, logger, keys });
  if (config.process.hasRole('api')) {
    const app = await createHttpApp(module, config.http, logger);
    try {
      setUpOpenApi(app);
      await app.init();
    } catch (error) {
      // Lifecycle checks (job registration) run in init(): release connections before failing.
      await app.close().catch(() => undefined);
      throw error;
    }
    startProcessRoles(app, config.process);
    return { kind: 'http', app };
  }
  const app = await NestFactory.createApplicationContext(module, { logger, abortOnError: false });
  app.enableShutdownHooks();
  startProcessRoles(app, config.process);
  return { kind: 'context', app };
}

/** Loud, because every deadline the service computes is then a rehearsal's, not a person's. */
function warnOfDrillTime(process: ProcessConfig, logger: CorridorLogger): void {
  const factor = process.drillTimeCompression;
  if (factor === 1) return;
  logger.warn(
    { drillTimeCompression: factor },
    `DRILL TIME: check-in intervals, escalation windows and triage SLAs run ${factor}× faster (an hour lasts ${Math.round(3_600_000 / factor) / 1000} s). For rehearsals and demos only — never with real cases.`,
    'DrillTime',
  );
}

/** For CLI commands: every module, no role started (nothing consumed or scheduled), no HTTP. */
export function createCommandContext(options: Omit<AppModuleOptions, 'logger' | 'keys'>): Promise<INestApplicationContext> {
  const logger = new CorridorLogger(createPino(options.config.process.logLevel, options.logDestination));
  const keys = resolveKeys(options.config, logger);
  return NestFactory.createApplicationContext(AppModule.register({ ...options, logger, keys }), { logger, abortOnError: false });
}

import type { INestApplicationContext } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { createCommandContext } from '@app/create-app';
import { PERSISTENCE } from '@app/persistence';
import { loadConfig, type AppConfig } from '@config/app.config';
import type { Environment } from '@config/load-section';
import { buildDataSourceOptions } from '@infra/database/data-source-options';

/** Opens the data source the application uses, for commands that need only the database. */
export async function withDataSource<T>(work: (dataSource: DataSource, config: AppConfig) => Promise<T>, config: AppConfig = loadConfig()): Promise<T> {
  const dataSource = new DataSource(buildDataSourceOptions(config.database, PERSISTENCE, { applicationName: 'corridor:cli', poolSize: 4 }));
  await dataSource.initialize();
  try {
    return await work(dataSource, config);
  } finally {
    await dataSource.destroy();
  }
}

/**
 * Boots the application's modules as an application context — no HTTP, and no process role
 * started (nothing consumed, relayed or scheduled) — so a command calls the same services, with
 * the same auditing, as the API. Logs go to stderr (quiet unless LOG_LEVEL says otherwise), so
 * stdout carries only the command's output.
 */
export async function withAppContext<T>(env: Environment, work: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  const config = loadConfig({ LOG_LEVEL: 'warn', ...env });
  const app = await createCommandContext({ config, logDestination: pino.destination({ fd: 2, sync: true }) });
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

/**
 * Validates command options with the same DTO class as the HTTP API. Names the failing fields
 * and rules, never the values.
 */
export async function validated<T extends object>(dto: new () => T, plain: Record<string, unknown>): Promise<T> {
  const instance = plainToInstance(dto, plain);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false, value: false } });
  if (errors.length > 0) {
    const problems = errors.flatMap((error) => Object.values(error.constraints ?? {}));
    throw new Error(`invalid options: ${problems.join('; ')}`);
  }
  return instance;
}

/** Output for operators goes to stdout; it is never a log line and never personal data. */
export function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** Remarks for the operator go to stderr, so stdout carries only what a script would capture. */
export function note(line: string): void {
  process.stderr.write(`${line}\n`);
}

import { DataSource } from 'typeorm';
import type { AppConfig } from '@config/app.config';
import { createDatabaseIfMissing } from '@infra/database/create-database';
import { buildDataSourceOptions } from '@infra/database/data-source-options';
import { runMigrations } from '@infra/database/migrator';
import { PERSISTENCE } from './persistence';

/** Single-machine default: create the database if needed and apply pending migrations. */
export async function prepareDatabase(config: AppConfig): Promise<string[]> {
  await createDatabaseIfMissing(config.database.url);
  const dataSource = new DataSource(buildDataSourceOptions(config.database, PERSISTENCE, { applicationName: 'corridor:migrate', poolSize: 2 }));
  await dataSource.initialize();
  try {
    return await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { PERSISTENCE } from '@app/persistence';
import { DatabaseConfig } from '@config/database.config';
import { buildDataSourceOptions } from '@infra/database/data-source-options';
import { runMigrations } from '@infra/database/migrator';
import { TEST_DATABASE_PREFIX, assertTestDatabaseName, testDatabaseUrl, testServerUrl } from '../support/test-database-names';

/**
 * Migrates one template database per test run; each test file then clones it (fast, isolated).
 * The run id keeps concurrent runs on one machine apart.
 */
export default async function globalSetup(): Promise<void> {
  const runId = randomBytes(4).toString('hex');
  const template = `${TEST_DATABASE_PREFIX}${runId}_template`;
  assertTestDatabaseName(template);
  process.env.CORRIDOR_TEST_RUN = runId;
  process.env.CORRIDOR_TEST_TEMPLATE = template;

  const admin = new Client({ connectionString: testServerUrl().toString() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${template}`);
  } finally {
    await admin.end();
  }
  const database = Object.assign(new DatabaseConfig(), { url: testDatabaseUrl(template) });
  const dataSource = new DataSource(buildDataSourceOptions(database, PERSISTENCE, { applicationName: 'corridor:test-setup', poolSize: 2 }));
  await dataSource.initialize();
  try {
    await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

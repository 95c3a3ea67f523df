import type { DatabaseConfig } from '@config/database.config';
import type { DataSourceOptions } from 'typeorm';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for class lists
type ClassList = Function[];

/**
 * The one set of options the application, the CLI and the test harness open PostgreSQL with.
 * Entities and migrations are explicit lists, not globs, so the same code runs from src/ under
 * Jest and from dist/ in production.
 */
export function buildDataSourceOptions(
  config: DatabaseConfig,
  lists: { entities: ClassList; migrations: ClassList },
  overrides: { applicationName?: string; poolSize?: number } = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.url,
    entities: lists.entities,
    migrations: lists.migrations,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: {
      max: overrides.poolSize ?? config.poolSize,
      application_name: overrides.applicationName ?? 'corridor',
      statement_timeout: config.statementTimeoutMs,
      connectionTimeoutMillis: 5_000,
    },
  };
}

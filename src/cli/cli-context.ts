import { DataSource } from 'typeorm';
import { PERSISTENCE } from '@app/persistence';
import { loadConfig, type AppConfig } from '@config/app.config';
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

/** Output for operators goes to stdout; it is never a log line and never personal data. */
export function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

import 'reflect-metadata';
import { createCorridorApp } from '@app/create-app';
import { prepareDatabase } from '@app/prepare-database';
import { loadConfig } from '@config/app.config';
import { ConfigError } from '@config/config.error';

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.process.autoMigrate) await prepareDatabase(config);
  const corridor = await createCorridorApp({ config });
  // A hard stop if draining takes longer than allowed.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => setTimeout(() => process.exit(1), config.process.shutdownTimeoutMs).unref());
  }
  if (corridor.kind === 'http') await corridor.app.listen(config.http.port, config.http.host);
}

main().catch((error: unknown) => {
  // Only configuration problems are printed in full; they name variables, never values.
  const message = error instanceof ConfigError ? error.message : `Corridor failed to start: ${error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error'}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});

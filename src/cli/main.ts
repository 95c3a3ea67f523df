import 'reflect-metadata';
import { Command } from 'commander';
import { ConfigError } from '@config/config.error';
import { registerAuditCommands } from './commands/audit.commands';
import { registerMigrationCommands } from './commands/migration.commands';
import { registerOpenApiCommands } from './commands/openapi.commands';

const program = new Command('corridor').description('Corridor operations').showHelpAfterError();
registerMigrationCommands(program);
registerOpenApiCommands(program);
registerAuditCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : error instanceof Error ? `${error.name}: ${error.message}` : 'failed';
  process.stderr.write(`${message}\n`);
  process.exit(1);
});

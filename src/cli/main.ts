import 'reflect-metadata';
import { Command } from 'commander';
import { ConfigError } from '@config/config.error';
import { registerKeyCommands } from './commands/keys.commands';
import { registerAuditCommands } from './commands/audit.commands';
import { registerMigrationCommands } from './commands/migration.commands';
import { registerOpenApiCommands } from './commands/openapi.commands';
import { registerStaffCommands } from './commands/staff.commands';
import { registerPartnerCommands } from './commands/partner.commands';
import { registerOutboxCommands } from './commands/outbox.commands';

const program = new Command('corridor').description('Corridor operations').showHelpAfterError();
registerMigrationCommands(program);
registerOpenApiCommands(program);
registerStaffCommands(program);
registerPartnerCommands(program);
registerKeyCommands(program);
registerAuditCommands(program);
registerOutboxCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : error instanceof Error ? `${error.name}: ${error.message}` : 'failed';
  process.stderr.write(`${message}\n`);
  process.exit(1);
});

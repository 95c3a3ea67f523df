import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { prepareDatabase } from '@app/prepare-database';
import { loadConfig } from '@config/app.config';
import { pendingSchemaChanges } from '@infra/database/migrator';
import { say, withDataSource } from '../cli-context';

export function registerMigrationCommands(program: Command): void {
  program
    .command('migrate')
    .description('Create the database if missing and apply pending migrations')
    .action(async () => {
      const applied = await prepareDatabase(loadConfig());
      say(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
    });

  program
    .command('migrate:revert')
    .description('Revert the most recent migration')
    .action(() =>
      withDataSource(async (dataSource) => {
        await dataSource.undoLastMigration({ transaction: 'each' });
        say('reverted the last migration');
      }),
    );

  program
    .command('migration:check')
    .description('Fail if the entities and the migrated schema differ (drift)')
    .action(() =>
      withDataSource(async (dataSource) => {
        const drift = await pendingSchemaChanges(dataSource);
        if (drift.length === 0) return say('no drift: migrations match the entities');
        say('drift: the entities need these changes that no migration makes:');
        for (const query of drift) say(`  ${query}`);
        process.exitCode = 1;
      }),
    );

  program
    .command('migration:generate')
    .argument('<name>', 'PascalCase name, e.g. AddCases')
    .description('Write a migration for what the entities need (review it before committing)')
    .action((name: string) =>
      withDataSource(async (dataSource) => {
        if (!/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new Error('name must be PascalCase');
        const drift = await pendingSchemaChanges(dataSource);
        if (drift.length === 0) return say('nothing to generate: no drift');
        const timestamp = Date.now();
        const className = `${name}${timestamp}`;
        const file = join(process.cwd(), 'migrations', `${timestamp}-${name}.ts`);
        const up = drift.map((query) => `    await db.query(${JSON.stringify(query)});`).join('\n');
        writeFileSync(
          file,
          `import type { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${className} implements MigrationInterface {\n  name = '${className}';\n\n  async up(db: QueryRunner): Promise<void> {\n${up}\n  }\n\n  down(): Promise<void> {\n    return Promise.reject(new Error('write the down migration'));\n  }\n}\n`,
        );
        say(`wrote ${file}; add ${className} to migrations/index.ts and write its down()`);
      }),
    );
}

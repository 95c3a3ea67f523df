import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { exportOpenApi } from '@app/export-openapi';
import { say } from '../cli-context';

export function registerOpenApiCommands(program: Command): void {
  program
    .command('openapi:export')
    .description('Write the OpenAPI documents to docs/ (CI checks they are current)')
    .action(async () => {
      const documents = await exportOpenApi();
      for (const [file, document] of Object.entries(documents)) {
        writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
        say(`wrote ${file}`);
      }
    });
}

// Compiles src/ and migrations/ to dist/ with swc (TypeScript 7 has no compiler API, and
// type-checking is a separate step: `npm run typecheck`), then builds the staff console
// (console/, Vite) into dist/console, which the API process serves at `/`.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const consoleOnly = process.argv.includes('--console');
const run = (args) => execFileSync(process.execPath, args, { cwd: root, stdio: 'inherit' });

if (!consoleOnly) {
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  run([join(root, 'node_modules/@swc/cli/bin/swc.js'), 'src', 'migrations', '-d', 'dist', '--config-file', '.swcrc', '--copy-files', '--quiet']);
}
run([join(root, 'scripts/console-api-types.mjs')]);
run([join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(root, 'console/vite.config.mts'), '--logLevel', 'warn']);

// Compiles src/ and migrations/ to dist/ with swc (TypeScript 7 has no compiler API, and
// type-checking is a separate step: `npm run typecheck`).
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
rmSync(join(root, 'dist'), { recursive: true, force: true });
execFileSync(
  process.execPath,
  [join(root, 'node_modules/@swc/cli/bin/swc.js'), 'src', 'migrations', '-d', 'dist', '--config-file', '.swcrc', '--copy-files', '--quiet'],
  { cwd: root, stdio: 'inherit' },
);

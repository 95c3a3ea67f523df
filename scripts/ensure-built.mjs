// Builds dist/ when it is missing or older than any source file, so `npm start` and
// `npm run cli` work straight after a clone. The console (dist/console) is rebuilt alone when
// only console/ or the API contract changed.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const marker = join(root, 'dist/src/main.js');
const consoleMarker = join(root, 'dist/console/index.html');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'schema.gen.ts') continue;
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const build = (args = []) => execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), ...args], { cwd: root, stdio: 'inherit' });
const stale = !existsSync(marker) || Math.max(newest(join(root, 'src')), newest(join(root, 'migrations'))) > statSync(marker).mtimeMs;
const consoleStale =
  !existsSync(consoleMarker) || Math.max(newest(join(root, 'console')), statSync(join(root, 'docs/openapi.json')).mtimeMs) > statSync(consoleMarker).mtimeMs;
if (stale) build();
else if (consoleStale) build(['--console']);

// `npm test`: Jest (unit and API end-to-end tests), then the console's browser tests
// (Playwright in Debian's Chromium against the real service). Arguments go to Jest; naming a
// test path (`npm test -- test/e2e/x.e2e-spec.ts`) runs that with Jest alone.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const run = (script, scriptArgs) => spawnSync(process.execPath, [join(root, script), ...scriptArgs], { cwd: root, stdio: 'inherit' }).status ?? 1;

const jest = run('node_modules/jest/bin/jest.js', args);
const narrowed = args.some((arg) => !arg.startsWith('-'));
const browser = narrowed ? 0 : run('node_modules/@playwright/test/cli.js', ['test']);
process.exit(jest !== 0 || browser !== 0 ? 1 : 0);

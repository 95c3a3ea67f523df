// `node bench/console-budget.mjs`: the staff console's size budget, measured on the built
// dist/console (run `npm run build` first). Prints figures; never fails on them.
//   - initial JavaScript (what index.html loads before the first screen), gzip: budget ≤ 300 KB
//   - the stylesheet, gzip (no budget; for the record)
//   - what the API process holds in memory to serve the console (every file, uncompressed)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'console');
const index = readFileSync(join(root, 'index.html'), 'utf8');
const referenced = [...index.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]);
const gzipKb = (path) => gzipSync(readFileSync(join(root, path))).length / 1024;
const scripts = referenced.filter((path) => path.endsWith('.js'));
const styles = referenced.filter((path) => path.endsWith('.css'));
const js = scripts.reduce((sum, path) => sum + gzipKb(path), 0);
const css = styles.reduce((sum, path) => sum + gzipKb(path), 0);
let held = 0;
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else held += statSync(path).size;
  }
};
walk(root);
console.log(`console initial JavaScript: ${js.toFixed(1)} KB gzip in ${scripts.length} file(s) (budget ≤ 300 KB: ${js <= 300 ? 'met' : 'NOT met'})`);
console.log(`console stylesheet: ${css.toFixed(1)} KB gzip`);
console.log(`console files held in the API process's memory: ${(held / 1024 / 1024).toFixed(2)} MB`);

// Adds lockfile entries for platform-specific optional dependencies that the npm registry
// reachable here does not serve (it has only this machine's variants), so `npm ci` accepts the
// lockfile everywhere. Each entry carries os/cpu/libc, so every platform installs only its own
// variant; versions are the exact ones the parent package pins. Run after `npm install`.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lockPath = join(root, 'package-lock.json');
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const packages = lock.packages;

const OS = ['darwin', 'linux', 'win32', 'freebsd', 'android', 'openharmony', 'netbsd', 'openbsd', 'sunos', 'aix'];
const CPU = ['x64', 'arm64', 'arm', 'ia32', 'ppc64', 's390x', 'riscv64', 'loong64', 'mips64el', 'wasm32'];

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((part) => OS.includes(part));
  const cpu = parts.find((part) => CPU.includes(part)) ?? (parts.includes('gnueabihf') || parts.includes('musleabihf') ? 'arm' : undefined);
  const libc = parts.some((part) => part.startsWith('musl')) ? 'musl' : parts.some((part) => part.startsWith('gnu')) ? 'glibc' : undefined;
  return { os, cpu, libc };
}

function resolveFrom(parentPath, name) {
  // Node's lookup: nested node_modules first, then each ancestor.
  let base = parentPath;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!base) return undefined;
    const index = base.lastIndexOf('/node_modules/');
    base = index === -1 ? '' : base.slice(0, index);
  }
}

let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    if (resolveFrom(path, name)) continue;
    const { os, cpu, libc } = platformOf(name);
    if (!os && !cpu) continue; // not a platform variant: leave it to npm
    if (!/^\d+\.\d+\.\d+/.test(spec)) throw new Error(`${name}: expected an exact version, got ${spec}`);
    const target = `node_modules/${name}`;
    const dependency = { version: spec, optional: true };
    if (entry.dev) dependency.dev = true;
    if (os) dependency.os = [os];
    if (cpu) dependency.cpu = [cpu];
    if (libc) dependency.libc = [libc];
    packages[packages[target] ? `${path}/node_modules/${name}` : target] = dependency;
    added += 1;
  }
}
const sorted = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
lock.packages = sorted;
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(`added ${added} platform-specific optional entries\n`);

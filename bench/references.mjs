// References generated from the statements the service really runs, so they cannot drift from
// the code: a capture process (the `api` role preloaded with bench/capture-statements.cjs) answers
// a few real requests, and every statement each request sent is turned into
//   - a pgbench script (pgbenchScript): the same texts in the same order, the statements the code
//     prepares PREPAREd once per pgbench connection and EXECUTEd, the others sent as plain text
//     (parsed and planned every time, as the code's unnamed statements are), with the values the
//     request sent except those that must differ per request (ids, keys, digests, references);
//   - a timed replay (replayWaves): the statements of one request over several connections, those
//     the service sent together sent together (as Promise.all in the service), for the dashboard.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { root, sleep } from './lib.mjs';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const REFERENCE = /\b[A-Z]-[2-9A-Z]{4}-[2-9A-Z]{4}\b/g;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/;

/**
 * Starts an `api` process with the statement capture on `env`'s database and returns
 * `{ base, take(send), stop() }`: `take` runs `send(base)` (one request) and returns the
 * statements it sent, in order.
 */
export async function captureProcess(env, port) {
  const file = join(tmpdir(), `corridor-bench-capture-${process.pid}-${Date.now()}.jsonl`);
  writeFileSync(file, '');
  const child = spawn(process.execPath, ['--require', join(root, 'bench/capture-statements.cjs'), join(root, 'dist/src/main.js')], {
    env: { ...env, PORT: String(port), CORRIDOR_ROLES: 'api', BENCH_CAPTURE_FILE: file, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error('the capture process did not come up');
    try {
      if ((await fetch(`${base}/ready`)).ok) break;
    } catch {
      // not yet
    }
    await sleep(200);
  }
  return {
    base,
    async take(send) {
      const from = statSync(file).size;
      await send(base);
      // The answer leaves after the last statement; anything the request sent is written by now.
      await sleep(200);
      return readFileSync(file, 'utf8')
        .slice(from)
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line))
        .sort((x, y) => x.at - y.at);
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(file, { force: true });
    },
  };
}

const quote = (value) => (value === null || value === undefined ? 'NULL' : `'${String(value).replace(/'/g, "''")}'`);
const oneLine = (text) => text.replace(/\s+/g, ' ').trim();

/**
 * A pgbench script (run it with `-M simple -D prepared=0`) from two captures of the same request
 * path: `a` gives the values, `b` tells which of them differ per request. Those are rewritten with
 * pgbench variables: a uuid keeps its first 24 characters and takes `:r` (12 random decimal
 * digits, valid hex) as its last 12, a hex digest likewise, a case reference becomes `R-` and
 * `:s` (9 digits). `bindings` maps a captured value to a variable expression (e.g. the case read
 * to `:ref`) and `prelude` lines run first (e.g. a `\gset` picking the case). Returns
 * `{ script, statements, prepared, rewritten, kept }`.
 */
export function pgbenchScript(a, b, { bindings = {}, prelude = [], header = [] } = {}) {
  if (a.length !== b.length || a.some((s, i) => s.text !== b[i].text || s.name !== b[i].name)) {
    throw new Error(`the two captured requests took different paths (${a.length} and ${b.length} statements)`);
  }
  const seenInB = new Set(b.flatMap((s) => s.params.flatMap((p) => (typeof p === 'string' ? (p.match(UUID) ?? []) : []))));
  const referencesInB = new Set(b.flatMap((s) => s.params.flatMap((p) => (typeof p === 'string' ? (p.match(REFERENCE) ?? []) : []))));
  let rewritten = 0;
  const kept = new Set();
  const rewrite = (value, other) => {
    if (value === null || value === undefined || value === other) return value;
    let out = String(value);
    for (const [from, to] of Object.entries(bindings)) out = out.split(from).join(to);
    out = out.replace(UUID, (u) => (seenInB.has(u) ? u : `${u.slice(0, 24)}:r`));
    out = out.replace(REFERENCE, (ref) => (referencesInB.has(ref) || Object.hasOwn(bindings, ref) ? ref : 'R-:s'));
    if (out === String(value) && /^[0-9a-f]{16,}$/i.test(out)) out = `${out.slice(0, -12)}:r`;
    if (out !== String(value)) rewritten += 1;
    else if (!TIMESTAMP.test(out) && !out.startsWith('\\x')) kept.add(out.length > 40 ? `${out.slice(0, 40)}…` : out);
    return out;
  };
  const names = new Map();
  const lines = [];
  a.forEach((statement, i) => {
    const params = statement.params.map((p, j) => quote(rewrite(p, b[i].params[j])));
    if (statement.name) {
      names.set(statement.name, statement.text);
      lines.push(`EXECUTE ${statement.name}${params.length ? `(${params.join(', ')})` : ''};`);
    } else {
      lines.push(`${oneLine(statement.text).replace(/\$(\d+)/g, (_, n) => params[Number(n) - 1])};`);
    }
  });
  const prepare = [...names].map(([name, text]) => `PREPARE ${name} AS ${oneLine(text)};`);
  const script = [
    ...header.map((line) => `-- ${line}`),
    '\\set r random(100000000000, 999999999999)',
    '\\set s random(100000000, 999999999)',
    ...prelude,
    '\\if :prepared = 0',
    ...prepare,
    '\\set prepared 1',
    '\\endif',
    ...lines,
    '',
  ].join('\n');
  return { script, statements: a.length, prepared: a.filter((s) => s.name).length, rewritten, kept: [...kept] };
}

/**
 * Groups captured statements into waves: a statement sent while one of the current wave was
 * still running was sent together with them (the service's Promise.all; a pooled connection
 * may take a moment to hand over, so they do not all leave at the same instant). A statement
 * sent after all of them had answered starts the next wave.
 */
export function waves(statements) {
  const out = [];
  let current = [];
  for (const s of statements) {
    if (current.length > 0 && current.every((earlier) => earlier.done <= s.at)) {
      out.push(current);
      current = [];
    }
    current.push(s);
  }
  if (current.length > 0) out.push(current);
  return out;
}

/**
 * Runs one request's statements wave by wave, each wave's statements at once over separate
 * connections, prepared where the code prepares them; `runs` timed runs after one warm run.
 * Returns the mean milliseconds of a run and the wave shape.
 */
export async function replayWaves(database, statements, runs = 5) {
  const shape = waves(statements);
  const width = Math.max(...shape.map((wave) => wave.length));
  const clients = await Promise.all(
    Array.from({ length: width }, async () => {
      const client = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:5432/${database}` });
      await client.connect();
      return client;
    }),
  );
  const once = async () => {
    for (const wave of shape)
      await Promise.all(wave.map((s, i) => clients[i].query(s.name ? { name: s.name, text: s.text, values: s.params } : { text: s.text, values: s.params })));
  };
  try {
    await once();
    const started = performance.now();
    for (let i = 0; i < runs; i += 1) await once();
    return { ms: (performance.now() - started) / runs, waves: shape.map((wave) => wave.length) };
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
}

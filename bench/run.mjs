// `npm run bench -- [--scenario case-read,deadline-sweep,...] [--smoke] [size options]`
//
// Builds once, then runs each chosen scenario in turn. Every scenario prepares its own database
// with generated data, starts the service as real separate production-mode processes, drives it
// from this process over loopback, and puts each figure beside what the machine allows in the
// same run. Writes bench/results/<date>-<scenario>.json per scenario and one
// bench/results/<date>-summary.md. Prints figures; never fails on speed (exit 1 only when the
// harness itself breaks). See docs/PERFORMANCE.md.
//
// Options: --scenario (comma-separated; default all available), --smoke (tiny sizes, for CI),
//   --connections, --duration (s), --cases          case-read (--connections, --duration also referral-intake)
//   --connections, --duration, --cases, --others     case-list (a caseworker's cases, and others' cases)
//   --api-processes (default 2, 1 in smoke)          case-read and referral-intake: the run on N API processes
//   --sizes (e.g. 10000,100000,1000000), --due, --workers (processes)   deadline-sweep
//   --per-minute, --minutes                          escalation-latency
//   --fanout-sizes (e.g. 10000,100000), --roster     activation-fanout
//   --dashboard-cases, --dashboard-connections, --duration, --roster   dashboard
//
// ── Scenario interface ──────────────────────────────────────────────────────────────────────
// A scenario is a module bench/scenarios/<name>.mjs whose default export is
//
//   { name: 'my-scenario',
//     description: 'one line: what it measures',
//     // Optional: resolve to a reason string when the paths it measures do not exist yet
//     // (the run prints "<name>: not available yet (<reason>)" and goes on).
//     unavailable?: async () => string | null,
//     run: async (bench) => ({ settings, figures, ratios?, notes?, targets? }) }
//
//   bench.smoke    boolean; use tiny sizes when true (CI only checks that the harness works)
//   bench.options  the parsed command-line options (strings; undefined when not given)
//   bench.say(line)  progress to stdout
//   bench.lib      bench/lib.mjs (service processes, database, seeding, load generator, pgbench)
//
//   figures: { '<row name>': { requestsPerSecond? (2xx answers only), transactionsPerSecond?, perSecond?,
//               latencyMs?: { p50, 'p97.5', p99 } (what autocannon measures; percentiles of our own
//               samples may add p95), errors?, non2xx?, rssMb?, seconds?, load? (1-minute load
//               average when the figure was taken: the machine is shared), note? } }
//   ratios:  { '<a / b>': number }
//   targets: [{ target: 'p99 ≤ 50 ms', actual: '31 ms', met: true | false | null }]
//
// A scenario whose path has not landed yet returns a reason from `unavailable` (the run prints
// "not available yet" and goes on), so a merge never breaks the smoke run on its own.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values: options } = parseArgs({
  options: {
    scenario: { type: 'string' },
    smoke: { type: 'boolean', default: false },
    connections: { type: 'string' },
    'api-processes': { type: 'string' },
    duration: { type: 'string' },
    cases: { type: 'string' },
    others: { type: 'string' },
    sizes: { type: 'string' },
    due: { type: 'string' },
    workers: { type: 'string' },
    'per-minute': { type: 'string' },
    minutes: { type: 'string' },
    'fanout-sizes': { type: 'string' },
    roster: { type: 'string' },
    'dashboard-cases': { type: 'string' },
    'dashboard-connections': { type: 'string' },
  },
});

const root = join(import.meta.dirname, '..');
const ORDER = ['case-read', 'case-list', 'referral-intake', 'deadline-sweep', 'escalation-latency', 'activation-fanout', 'dashboard', 'documents'];
const known = readdirSync(join(root, 'bench/scenarios'))
  .filter((file) => file.endsWith('.mjs'))
  .map((file) => file.slice(0, -4))
  .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
const chosen = options.scenario
  ? options.scenario
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean)
  : known;
const unknown = chosen.filter((name) => !known.includes(name));
if (unknown.length > 0) {
  process.stderr.write(`unknown scenario ${unknown.join(', ')}; known: ${known.join(', ')}\n`);
  process.exit(2);
}

execFileSync(process.execPath, [join(root, 'scripts/ensure-built.mjs')], { stdio: 'inherit' });
// Imported after the build: lib.mjs loads helpers from dist/.
const lib = await import('./lib.mjs');

const date = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
const suffix = options.smoke ? '-smoke' : '';
const summary = [
  `# Benchmarks ${new Date().toISOString()}${options.smoke ? ' (smoke: sizes too small to mean anything)' : ''}`,
  '',
  `node ${process.version}, ${lib.machine()}`,
];
let broken = false;

for (const name of chosen) {
  const scenario = (await import(`./scenarios/${name}.mjs`)).default;
  const reason = scenario.unavailable ? await scenario.unavailable() : null;
  if (reason) {
    say(`\n${name}: not available yet (${reason})`);
    summary.push('', `## ${name}`, '', `Not available yet: ${reason}.`);
    continue;
  }
  say(`\n== ${name}: ${scenario.description}`);
  try {
    const results = await scenario.run({ smoke: options.smoke, options, say, lib });
    const file = join(root, 'bench/results', `${date}-${name}${suffix}.json`);
    mkdirSync(join(root, 'bench/results'), { recursive: true });
    writeFileSync(
      file,
      `${JSON.stringify({ scenario: name, at: new Date().toISOString(), node: process.version, machine: lib.machine(), smoke: options.smoke, ...results }, null, 2)}\n`,
    );
    const section = markdown(name, results);
    say(`\n${section.join('\n')}\n\nwritten to ${file.replace(`${root}/`, '')}`);
    summary.push('', ...section);
  } catch (error) {
    broken = true;
    process.stderr.write(`${name}: the harness failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    summary.push('', `## ${name}`, '', 'The harness failed; see the console output.');
  }
}

const summaryFile = join(root, 'bench/results', `${date}-summary${suffix}.md`);
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(summaryFile, `${summary.join('\n')}\n`);
say(`\nsummary: ${summaryFile.replace(`${root}/`, '')}`);
process.exit(broken ? 1 : 0);

function markdown(name, results) {
  const lines = [
    `## ${name}`,
    '',
    `settings: ${Object.entries(results.settings ?? {})
      .map(([key, value]) => `${key} ${value}`)
      .join(', ')}`,
    '',
  ];
  lines.push(
    '| figure | per second (2xx only) | p50 ms | p97.5 ms | p99 ms | non-2xx / errors | RSS MB | seconds | load (1 min) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const [figure, f] of Object.entries(results.figures)) {
    const throughput = f.requestsPerSecond ?? f.transactionsPerSecond ?? f.perSecond;
    const errors = f.errors === undefined && f.non2xx === undefined ? '' : `${f.non2xx ?? 0} / ${f.errors ?? 0}`;
    lines.push(
      `| ${figure}${f.note ? ` (${f.note})` : ''} | ${fmt(throughput)} | ${fmt(f.latencyMs?.p50)} | ${fmt(f.latencyMs?.['p97.5'])} | ${fmt(f.latencyMs?.p99)} | ${errors} | ${fmt(f.rssMb)} | ${fmt(f.seconds)} | ${fmt(f.load)} |`,
    );
  }
  const ratios = Object.entries(results.ratios ?? {});
  if (ratios.length > 0) lines.push('', ...ratios.map(([ratio, value]) => `- ${ratio}: **${value ?? 'not measured'}**`));
  if ((results.notes ?? []).length > 0) lines.push('', ...results.notes.map((note) => `> ${note}`));
  const targets = results.targets ?? [];
  if (targets.length > 0) {
    lines.push('', '| target | actual | |', '| --- | --- | --- |');
    for (const t of targets) lines.push(`| ${t.target} | ${t.actual} | ${t.met === null ? 'not measured' : t.met ? 'met' : 'MISSED'} |`);
  }
  return lines;
}

function fmt(value) {
  if (value === undefined || value === null) return '';
  return typeof value === 'number' ? value.toLocaleString('en-GB', { maximumFractionDigits: 2 }) : String(value);
}

function rank(name) {
  const index = ORDER.indexOf(name);
  return index === -1 ? ORDER.length : index;
}

function say(line) {
  process.stdout.write(`${line}\n`);
}

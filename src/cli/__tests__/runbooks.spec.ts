import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { ROUTE_MATRIX } from '@test/support/route-matrix';

/**
 * The operations runbooks must name only commands and routes that exist: every
 * `npm run cli -- <command>` is a registered CLI command, every `npm run <script>` a package.json
 * script, every `METHOD /path` a route the application serves (the authorization matrix holds
 * exactly the registered routes, and its test fails when they differ).
 */
describe('operations runbooks', () => {
  const root = join(__dirname, '../../..');
  const dir = join(root, 'docs/operations');
  const runbooks = readdirSync(dir)
    .filter((name) => name.endsWith('.md'))
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));

  /** Every command the CLI registers: each `register…Commands` of src/cli/commands, as main.ts calls them. */
  const cliCommands = async (): Promise<string[]> => {
    const program = new Command();
    const commandsDir = join(root, 'src/cli/commands');
    const main = readFileSync(join(root, 'src/cli/main.ts'), 'utf8');
    for (const file of readdirSync(commandsDir).filter((name) => name.endsWith('.ts'))) {
      const module = (await import(join(commandsDir, file))) as Record<string, unknown>;
      for (const [name, register] of Object.entries(module)) {
        if (!/^register\w+Commands$/.test(name) || typeof register !== 'function') continue;
        // Only what the CLI really wires up counts.
        if (!main.includes(`${name}(program)`)) continue;
        (register as (program: Command) => void)(program);
      }
    }
    return program.commands.map((command) => command.name());
  };

  const scripts = Object.keys((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);
  const routePattern = (route: string) => route.replace(/\/(:[A-Za-z]+|\{[A-Za-z]+\}|<[^>/]+>)/g, '/:param');
  const routes = new Set(Object.keys(ROUTE_MATRIX).map(routePattern));

  it('exist and mention commands at all', () => {
    expect(runbooks.map((runbook) => runbook.name)).toEqual(
      expect.arrayContaining([
        'backup-and-restore.md',
        'key-rotation.md',
        'lockdown.md',
        'compromise-response.md',
        'upgrades.md',
        'scaling.md',
        'monitoring.md',
      ]),
    );
    expect(runbooks.some((runbook) => runbook.text.includes('npm run cli -- '))).toBe(true);
  });

  it('name only CLI commands that are registered', async () => {
    const registered = await cliCommands();
    expect(registered).toEqual(expect.arrayContaining(['migrate', 'keys:rotate', 'apikey:revoke', 'audit:verify']));
    const mentioned = runbooks.flatMap(({ name, text }) =>
      [...text.matchAll(/npm run cli -- ([a-z][a-z:-]*)/g)].map((match) => ({ name, command: match[1]! })),
    );
    expect(mentioned.length).toBeGreaterThan(10);
    for (const { name, command } of mentioned) expect({ name, command, registered: registered.includes(command) }).toEqual({ name, command, registered: true });
  });

  it('name only npm scripts that package.json defines', () => {
    const mentioned = runbooks.flatMap(({ name, text }) => [...text.matchAll(/npm run ([a-z][a-z:-]*)/g)].map((match) => ({ name, script: match[1]! })));
    for (const { name, script } of mentioned) expect({ name, script, defined: scripts.includes(script) }).toEqual({ name, script, defined: true });
    // `npm start`, `npm test` and `npm ci` are npm's own.
    const bare = runbooks.flatMap(({ name, text }) => [...text.matchAll(/\bnpm (?!run\b)([a-z]+)/g)].map((match) => ({ name, verb: match[1]! })));
    for (const { name, verb } of bare) expect({ name, verb, known: ['start', 'test', 'ci'].includes(verb) }).toEqual({ name, verb, known: true });
  });

  it('name only HTTP routes the application serves', () => {
    const mentioned = runbooks.flatMap(({ name, text }) =>
      [...text.matchAll(/\b(GET|POST|PUT|PATCH|DELETE) (?:"?\$API)?(\/[A-Za-z0-9/:{}<>._-]*)/g)].map((match) => ({
        name,
        route: `${match[1]} ${match[2]!.replace(/[.,]$/, '')}`,
      })),
    );
    // curl calls name their method with -X (GET when absent).
    const curls = runbooks.flatMap(({ name, text }) =>
      [...text.matchAll(/curl (?:-X (GET|POST|PUT|PATCH|DELETE) )?"\$API(\/[^"?]*)/g)].map((match) => ({ name, route: `${match[1] ?? 'GET'} ${match[2]}` })),
    );
    const all = [...mentioned, ...curls].map(({ name, route }) => ({ name, route: routePattern(route.replace(/\/<[^>]+>/g, '/:param')) }));
    expect(all.length).toBeGreaterThan(10);
    for (const { name, route } of all) expect({ name, route, served: routes.has(route) }).toEqual({ name, route, served: true });
  });
});

import { parseArgs } from 'node:util';
import { runDemo } from './run-demo';

/**
 * `npm run demo [-- --people N] [--keep-running]`: the demo scenario against its own database
 * (`corridor_demo`, recreated) and a real service process on a free loopback port.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      people: { type: 'string', default: '200' },
      'keep-running': { type: 'boolean', default: false },
      'drill-time': { type: 'string', default: '60' },
      'database-url': { type: 'string' },
    },
  });
  const people = Number(values.people);
  const compression = Number(values['drill-time']);
  if (!Number.isInteger(people) || people < 10 || people > 5_000) throw new Error('--people must be a whole number from 10 to 5000');
  if (!Number.isInteger(compression) || compression < 1 || compression > 3_600) throw new Error('--drill-time must be a whole number from 1 to 3600');
  const keepRunning = values['keep-running'];
  const result = await runDemo({
    people,
    keepRunning,
    drillTimeCompression: compression,
    ...(values['database-url'] ? { databaseUrl: values['database-url'] } : {}),
  });
  if (!keepRunning) {
    process.stdout.write('The demo service has been stopped; run with --keep-running to look around.\n');
    return;
  }
  process.stdout.write(`The service keeps running at ${result.baseUrl}. Press Ctrl-C to stop it.\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await result.stop();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);

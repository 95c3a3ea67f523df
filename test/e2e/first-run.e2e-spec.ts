import { LogCapture } from '@test/support/log-capture';
import { TestContext } from '@test/support/test-context';

/** A first run reads well: Nest's route and module inventory is debug output, not the console's. */
describe('start-up output', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create();
  });
  afterAll(() => ctx.close());

  const inventory = (logs: LogCapture) =>
    logs.entries().filter((entry) => ['RoutesResolver', 'RouterExplorer', 'InstanceLoader'].includes(String(entry.context)));

  it('logs no route mappings at the default level', async () => {
    const logs = new LogCapture();
    const app = await ctx.startApp({ logs, env: { LOG_LEVEL: 'info' } });
    await app.close();
    expect(logs.lines.length).toBeGreaterThan(0);
    expect(inventory(logs)).toEqual([]);
    expect(logs.text).not.toContain('Mapped {');
  });

  it('logs every route mapping at debug', async () => {
    const logs = new LogCapture();
    const app = await ctx.startApp({ logs, env: { LOG_LEVEL: 'debug' } });
    await app.close();
    const mapped = inventory(logs).filter((entry) => String(entry.msg).startsWith('Mapped {'));
    expect(mapped.length).toBeGreaterThan(100);
    expect(new Set(mapped.map((entry) => entry.level))).toEqual(new Set([20]));
    expect(mapped.some((entry) => String(entry.msg).includes('/api/v1/me/tasks, GET'))).toBe(true);
  });
});

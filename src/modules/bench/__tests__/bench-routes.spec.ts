import { StaffRole } from '@common/access/roles';
import { ConfigError } from '@config/config.error';
import { newCase } from '@test/support/builders/cases';
import { longLivedStaff } from '@test/support/builders/staff';
import { FakeClock } from '@test/support/fake-clock';
import { TestContext, type TestApp } from '@test/support/test-context';

describe('benchmark reference routes', () => {
  let ctx: TestContext;
  const clock = new FakeClock(new Date());

  beforeAll(async () => {
    ctx = await TestContext.create();
  });
  afterAll(() => ctx.close());

  it('are absent by default', async () => {
    const app = await ctx.startApp({ clock });
    const response = await app.http!.inject({ method: 'GET', url: '/bench/v1/cases/AAAA-BBBB-C' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    await app.close();
  });

  it('refuse to start unless the API listens on loopback only', async () => {
    await expect(ctx.startApp({ env: { CORRIDOR_BENCH_ROUTES: 'true', HOST: '0.0.0.0' } })).rejects.toThrow(ConfigError);
  });

  describe('when enabled on loopback', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await ctx.startApp({ clock, env: { CORRIDOR_BENCH_ROUTES: 'true' } });
    });
    afterAll(() => app.close());

    it('load one case row by key and answer with plain fields only', async () => {
      const caseworker = await longLivedStaff(app, clock, [StaffRole.Caseworker]);
      const { reference } = await newCase(app, caseworker.token);
      const response = await app.http!.inject({ method: 'GET', url: `/bench/v1/cases/${reference}` });
      expect(response.statusCode).toBe(200);
      expect(Object.keys(response.json()).sort()).toEqual(['createdAt', 'priority', 'reference', 'stage']);
      expect(response.json()).toMatchObject({ reference, stage: 'INTAKE' });
    });

    it('answer an unknown reference with 404 problem+json', async () => {
      const response = await app.http!.inject({ method: 'GET', url: '/bench/v1/cases/ZZZZ-ZZZZ-Z' });
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    });
  });
});

import { randomUUID } from 'node:crypto';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { ACCESS_PERMISSION } from '@common/access/access.decorator';
import { PERMISSION_RULES, type Permission } from '@common/access/permission';
import { AgencyType, ApiKeyScope, StaffRole } from '@common/access/roles';
import { registeredRoutes } from '@infra/http/http-app';
import { newAgency, newApiKey } from '@test/support/builders/partners';
import { bearer, newStaff } from '@test/support/builders/staff';
import { FakeClock } from '@test/support/fake-clock';
import { ROUTE_MATRIX } from '@test/support/route-matrix';
import { TestContext, type TestApp } from '@test/support/test-context';

type Caller = { name: string; headers: Record<string, string>; kind: 'anonymous' | 'staff' | 'partner' | 'scraper'; roles: StaffRole[]; scopes: ApiKeyScope[] };

/** The metrics scraper's own token: valid for /metrics only, like no credential anywhere else. */
const METRICS_TOKEN = randomUUID().replace(/-/g, '').repeat(2);

/** Documentation routes served by Swagger, outside Nest's controllers. */
const isDocs = (url: string) => url === '/docs' || url.startsWith('/docs/') || url.startsWith('/docs*');

describe('authorization matrix', () => {
  let ctx: TestContext;
  let app: TestApp;
  const clock = new FakeClock(new Date());
  const callers: Caller[] = [{ name: 'anonymous', headers: {}, kind: 'anonymous', roles: [], scopes: [] }];

  beforeAll(async () => {
    ctx = await TestContext.create();
    app = await ctx.startApp({ clock, env: { METRICS_TOKEN } });
    callers.push({ name: 'metrics scraper', headers: bearer(METRICS_TOKEN), kind: 'scraper', roles: [], scopes: [] });
    for (const role of Object.values(StaffRole)) {
      const person = await newStaff(app, clock, [role]);
      callers.push({ name: role, headers: bearer(person.token), kind: 'staff', roles: [role], scopes: [] });
    }
    // GOVERNMENT: the one agency type whose key may carry every scope (expedite:respond included).
    const agency = await newAgency(app, { type: AgencyType.Government });
    const allScopes = Object.values(ApiKeyScope);
    const full = await newApiKey(app, agency.id, allScopes);
    callers.push({ name: 'partner with every scope', headers: bearer(full.key), kind: 'partner', roles: [], scopes: allScopes });
    const narrow = await newApiKey(app, agency.id, [ApiKeyScope.WebhooksManage]);
    callers.push({ name: 'partner with webhooks:manage only', headers: bearer(narrow.key), kind: 'partner', roles: [], scopes: [ApiKeyScope.WebhooksManage] });
  });
  afterAll(() => ctx.close());

  const applicationRoutes = () =>
    registeredRoutes(app.http!)
      .filter((route) => route.method !== 'HEAD' && route.method !== 'OPTIONS' && !isDocs(route.url))
      .map((route) => `${route.method} ${route.url}`);

  it('lists every route the application serves, and nothing else', () => {
    expect(applicationRoutes().sort()).toEqual(Object.keys(ROUTE_MATRIX).sort());
  });

  it('has every controller handler declare the permission the matrix expects', () => {
    const discovery = app.context.get(DiscoveryService);
    const scanner = app.context.get(MetadataScanner);
    const reflector = app.context.get(Reflector);
    const declared: Record<string, Permission | undefined> = {};
    for (const wrapper of discovery.getControllers()) {
      const instance = wrapper.instance as object | undefined;
      if (!instance) continue;
      const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
      const base = String(Reflect.getMetadata(PATH_METADATA, instance.constructor) ?? '');
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name] as object;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (path === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const url = `/${[base, path]
          .map((part) => part.replace(/^\/|\/$/g, ''))
          .filter(Boolean)
          .join('/')}`;
        declared[`${method} ${url}`] = reflector.getAllAndOverride<Permission>(ACCESS_PERMISSION, [handler as never, instance.constructor]);
      }
    }
    for (const [route, expected] of Object.entries(ROUTE_MATRIX))
      expect({ route, permission: declared[route] }).toEqual({ route, permission: expected.permission });
  });

  let denials = 0;

  it.each(Object.entries(ROUTE_MATRIX))('%s answers each principal as its permission says', async (route, spec) => {
    const [method, template] = route.split(' ') as [string, string];
    const url = template.replace(/:[a-zA-Z]+/g, () => randomUUID()) + (spec.query ? `?${spec.query}` : '');
    const rule = PERMISSION_RULES[spec.permission];
    for (const caller of callers) {
      const allowed =
        'public' in rule ||
        ('operatorToken' in rule && caller.kind === 'scraper') ||
        ('staffRoles' in rule && caller.kind === 'staff' && (rule.staffRoles === 'any' || caller.roles.some((role) => rule.staffRoles.includes(role)))) ||
        ('partnerScope' in rule && caller.kind === 'partner' && (rule.partnerScope === 'any' || caller.scopes.includes(rule.partnerScope)));
      if (allowed && spec.allowedCoveredElsewhere) continue;
      const response = await app.http!.inject({
        method: method as 'GET',
        url,
        headers: { ...caller.headers, ...spec.headers },
        ...(method === 'GET' || method === 'DELETE' ? {} : { payload: spec.body ?? {} }),
      });
      // An operator-token route knows no principal: any other credential is simply not its token (401).
      const expected = allowed ? 'through' : caller.kind === 'anonymous' || caller.kind === 'scraper' || 'operatorToken' in rule ? 401 : 403;
      const got = response.statusCode === 401 || response.statusCode === 403 ? response.statusCode : 'through';
      expect({ route, caller: caller.name, status: got }).toEqual({ route, caller: caller.name, status: expected });
      if (got !== 'through') {
        denials += 1;
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
    }
  });

  it('audits every denial', async () => {
    const [row]: Array<{ n: number }> = await (await ctx.dataSource()).query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'access.denied'`);
    expect(denials).toBeGreaterThan(0);
    expect(row!.n).toBe(denials);
  });
});

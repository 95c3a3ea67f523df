import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { DataSource } from 'typeorm';
import { OPENAPI_FILE, PARTNER_OPENAPI_FILE } from '@app/export-openapi';
import { ACCESS_PERMISSION } from '@common/access/access.decorator';
import { type Permission, PERMISSION_RULES } from '@common/access/permission';
import { AgencyType, ApiKeyScope, StaffRole } from '@common/access/roles';
import { newAgency, newApiKey } from '@test/support/builders/partners';
import { longLivedStaff } from '@test/support/builders/staff';
import { FakeClock } from '@test/support/fake-clock';
import { exampleOf, resolve, routeHandlers, type Schema } from '@test/support/openapi-walk';
import { TestContext, type TestApp } from '@test/support/test-context';

/** Tables a refused request may still write: audit rows of denials (404 on a case) and rate-limit counters. */
const BOOKKEEPING = new Set(['audit_events', 'login_attempts', 'rate_limit_buckets']);
const RUNS_PER_ROUTE = 12;

interface Operation {
  document: OpenAPIObject;
  method: string;
  template: string;
  parameters: Array<{ in: string; name: string; required?: boolean; schema?: Schema }>;
  body?: Schema;
}

type Mutation =
  | { kind: 'drop-required'; index: number }
  | { kind: 'wrong-type'; index: number; value: unknown }
  | { kind: 'null-required'; index: number }
  | { kind: 'oversize'; index: number }
  | { kind: 'unknown-field'; name: string }
  | { kind: 'whole-body'; body: string; contentType: string }
  | { kind: 'bad-query'; index: number; value: string }
  | { kind: 'bad-path'; index: number; value: string };

/**
 * Walks every route of both committed documents and sends requests that break the route's own
 * schema — each answer must be a 4xx problem+json, and no table may change but bookkeeping.
 */
describe('route-walking property test: schema-violating requests never reach a handler', () => {
  let ctx: TestContext;
  let app: TestApp;
  let db: DataSource;
  const clock = new FakeClock('2026-03-01T08:00:00.000Z');
  const credentials = new Map<string, string>();

  beforeAll(async () => {
    ctx = await TestContext.create();
    app = await ctx.startApp({ clock });
    db = await ctx.dataSource();
    for (const role of Object.values(StaffRole)) credentials.set(`staff:${role}`, (await longLivedStaff(app, clock, [role])).token);
    const host = await newAgency(app);
    credentials.set(
      'partner',
      (
        await newApiKey(
          app,
          host.id,
          Object.values(ApiKeyScope).filter((scope) => scope !== ApiKeyScope.ExpediteRespond),
        )
      ).key,
    );
    const government = await newAgency(app, { type: AgencyType.Government });
    credentials.set(`partner:${ApiKeyScope.ExpediteRespond}`, (await newApiKey(app, government.id, [ApiKeyScope.ExpediteRespond])).key);
  });
  afterAll(() => ctx.close());

  const tableCounts = async (): Promise<Record<string, number>> => {
    const tables: Array<{ name: string }> = await db.query(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
    const rows: Array<{ name: string; n: string }> = await db.query(
      tables.map((table) => `SELECT '${table.name}' AS name, count(*) AS n FROM "${table.name}"`).join(' UNION ALL '),
    );
    return Object.fromEntries(rows.filter((row) => !BOOKKEEPING.has(row.name)).map((row) => [row.name, Number(row.n)]));
  };

  /** The credential of a caller the route's permission admits, so requests reach validation. */
  const credentialFor = (permission: Permission | undefined): string | undefined => {
    const rule = permission ? PERMISSION_RULES[permission] : undefined;
    if (!rule || 'public' in rule || 'operatorToken' in rule) return undefined;
    if ('staffRoles' in rule) return credentials.get(`staff:${rule.staffRoles === 'any' ? StaffRole.Caseworker : rule.staffRoles[0]!}`);
    return credentials.get(rule.partnerScope === ApiKeyScope.ExpediteRespond ? `partner:${ApiKeyScope.ExpediteRespond}` : 'partner');
  };

  const operationsOf = (file: string): Operation[] => {
    const document = JSON.parse(readFileSync(join(__dirname, '../..', file), 'utf8')) as OpenAPIObject;
    return Object.entries(document.paths).flatMap(([template, item]) =>
      Object.entries(item)
        .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .map(([method, operation]) => {
          const op = operation as { parameters?: Operation['parameters']; requestBody?: { content?: Record<string, { schema?: Schema }> } };
          return {
            document,
            method: method.toUpperCase(),
            template,
            parameters: op.parameters ?? [],
            body: op.requestBody?.content?.['application/json']?.schema,
          };
        }),
    );
  };

  /** A path value of the right shape (a UUID, a case reference, a country), so only the body or query is wrong. */
  const validPathValue = (name: string): string => {
    if (name === 'ref') return 'C-7K3M-9Q2X';
    if (name === 'code') return 'AZ-2026-01';
    if (name === 'nationality' || name === 'hostCountry') return 'AZ';
    if (name === 'item') return 'PASSPORT_COPY';
    return randomUUID();
  };

  const mutations = (operation: Operation): fc.Arbitrary<Mutation> => {
    const choices: Array<fc.Arbitrary<Mutation>> = [];
    const body = operation.body ? resolve(operation.document, operation.body) : undefined;
    const properties = Object.entries((body?.properties ?? {}) as Record<string, Schema>);
    const required = (body?.required ?? []) as string[];
    const requiredIndexes = properties.map(([name], index) => (required.includes(name) ? index : -1)).filter((index) => index >= 0);
    const oversizable = properties
      .map(([, schema], index) => (typeof resolve(operation.document, schema).maxLength === 'number' ? index : -1))
      .filter((index) => index >= 0);
    if (operation.body) {
      choices.push(
        fc.constantFrom(
          { kind: 'whole-body', body: '[]', contentType: 'application/json' },
          { kind: 'whole-body', body: '"a string"', contentType: 'application/json' },
          { kind: 'whole-body', body: '{"broken', contentType: 'application/json' },
          { kind: 'whole-body', body: '{}', contentType: 'text/plain' },
          { kind: 'whole-body', body: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' },
        ),
        fc
          .string({ minLength: 1, maxLength: 12 })
          .filter((name) => !properties.some(([known]) => known === name) && name !== '__proto__')
          .map((name) => ({ kind: 'unknown-field', name })),
      );
      if (requiredIndexes.length > 0) {
        choices.push(fc.constantFrom(...requiredIndexes).map((index) => ({ kind: 'drop-required', index })));
        choices.push(fc.constantFrom(...requiredIndexes).map((index) => ({ kind: 'null-required', index })));
        choices.push(
          fc
            .record({ index: fc.constantFrom(...requiredIndexes), value: fc.constantFrom<unknown>(12345, true, [1, 2], { nested: 'object' }, -1.5) })
            .map(({ index, value }) => ({ kind: 'wrong-type', index, value })),
        );
      }
      if (oversizable.length > 0) choices.push(fc.constantFrom(...oversizable).map((index) => ({ kind: 'oversize', index })));
    }
    const queries = operation.parameters
      .map((parameter, index) => (parameter.in === 'query' && parameter.schema && parameter.schema.type !== 'string' ? index : -1))
      .filter((index) => index >= 0);
    if (queries.length > 0)
      choices.push(
        fc
          .record({ index: fc.constantFrom(...queries), value: fc.constantFrom('not-a-number', '-5', '99999999', '') })
          .map(({ index, value }) => ({ kind: 'bad-query', index, value })),
      );
    const paths = operation.parameters.map((parameter, index) => (parameter.in === 'path' ? index : -1)).filter((index) => index >= 0);
    if (paths.length > 0)
      choices.push(
        fc
          .record({ index: fc.constantFrom(...paths), value: fc.constantFrom('not-an-id', '1', "x'--", '%00', 'ab'.repeat(100)) })
          .map(({ index, value }) => ({ kind: 'bad-path', index, value })),
      );
    return choices.length > 0 ? fc.oneof(...choices) : fc.constant({ kind: 'unknown-field', name: 'none' });
  };

  const request = (operation: Operation, mutation: Mutation, credential: string | undefined) => {
    let url = operation.template.replace(/\{([^}]+)\}/g, (_whole, name: string) => {
      const index = operation.parameters.findIndex((parameter) => parameter.in === 'path' && parameter.name === name);
      return mutation.kind === 'bad-path' && mutation.index === index ? encodeURIComponent(mutation.value) : validPathValue(name);
    });
    if (mutation.kind === 'bad-query') url += `?${encodeURIComponent(operation.parameters[mutation.index]!.name)}=${encodeURIComponent(mutation.value)}`;
    const headers: Record<string, string> = { ...(credential ? { authorization: `Bearer ${credential}` } : {}) };
    if (operation.method !== 'GET' && operation.template.startsWith('/partner/')) headers['idempotency-key'] = randomUUID();
    let payload: string | undefined;
    if (operation.body) {
      const body = resolve(operation.document, operation.body);
      const names = Object.keys(body.properties ?? {});
      const example = { ...(exampleOf(operation.document, operation.body, '', []) as Record<string, unknown>) };
      headers['content-type'] = 'application/json';
      if (mutation.kind === 'drop-required') delete example[names[mutation.index]!];
      if (mutation.kind === 'null-required') example[names[mutation.index]!] = null;
      if (mutation.kind === 'wrong-type') example[names[mutation.index]!] = mutation.value;
      if (mutation.kind === 'oversize')
        example[names[mutation.index]!] = 'x'.repeat(
          Number(resolve(operation.document, (body.properties as Record<string, Schema>)[names[mutation.index]!]!).maxLength) + 1,
        );
      if (mutation.kind === 'unknown-field') example[mutation.name] = 'unexpected';
      payload = JSON.stringify(example);
      if (mutation.kind === 'whole-body') {
        payload = mutation.body;
        headers['content-type'] = mutation.contentType;
      }
    }
    return { method: operation.method as 'GET', url, headers, ...(payload === undefined ? {} : { payload }) };
  };

  /** Whether a mutation really breaks this route's schema (a wrong type for a field that takes anything does not). */
  const breaksSchema = (operation: Operation, mutation: Mutation): boolean => {
    if (mutation.kind !== 'wrong-type') return mutation.kind !== 'unknown-field' || mutation.name !== 'none' || !operation.body;
    const body = resolve(operation.document, operation.body!);
    const [, schema] = Object.entries((body.properties ?? {}) as Record<string, Schema>)[mutation.index]!;
    const resolved = resolve(operation.document, schema);
    if (resolved.type === 'number' && typeof mutation.value === 'number') return false;
    if (resolved.type === 'integer' && Number.isInteger(mutation.value)) return false;
    if (resolved.type === 'array' && Array.isArray(mutation.value)) return false;
    if ((resolved.type === 'object' || resolved.properties) && typeof mutation.value === 'object' && !Array.isArray(mutation.value)) return false;
    if (resolved.type === 'boolean' && typeof mutation.value === 'boolean') return false;
    return true;
  };

  it.each([
    ['staff', OPENAPI_FILE],
    ['partner', PARTNER_OPENAPI_FILE],
  ])(
    'the %s document: every route answers 4xx problem+json and changes nothing',
    async (_name, file) => {
      const handlers = routeHandlers(app);
      const findings: string[] = [];
      let sent = 0;
      for (const operation of operationsOf(file)) {
        const fuzzable =
          operation.body !== undefined ||
          operation.parameters.some((parameter) => parameter.in === 'path' || (parameter.in === 'query' && parameter.schema?.type !== 'string'));
        if (!fuzzable) continue;
        const route = `${operation.method} ${operation.template.replace(/\{([^}]+)\}/g, ':$1')}`;
        const handler = handlers.get(route);
        const credential = credentialFor(handler ? (Reflect.getMetadata(ACCESS_PERMISSION, handler) as Permission | undefined) : undefined);
        const before = await tableCounts();
        await fc.assert(
          fc.asyncProperty(mutations(operation), async (mutation) => {
            if (!breaksSchema(operation, mutation)) return;
            sent += 1;
            const response = await app.http!.inject(request(operation, mutation, credential));
            const ok =
              response.statusCode >= 400 && response.statusCode < 500 && String(response.headers['content-type']).startsWith('application/problem+json');
            if (!ok) findings.push(`${route} ${JSON.stringify(mutation)} → ${response.statusCode} ${String(response.headers['content-type'])}`);
          }),
          { numRuns: RUNS_PER_ROUTE, seed: 20260301 },
        );
        const after = await tableCounts();
        const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
        if (changed.length > 0) findings.push(`${route}: rows changed in ${changed.join(', ')}`);
      }
      expect(sent).toBeGreaterThan(50);
      expect(findings).toEqual([]);
      // About a hundred routes with a dozen requests each, and a row count of every table around each route.
    },
    300_000,
  );
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { PARTNER_OPENAPI_FILE } from '@app/export-openapi';
import { buildPartnerOpenApiDocument, PARTNER_PATH_PREFIX } from '@app/openapi';
import { ApiKeyScope } from '@common/access/roles';
import { registeredRoutes } from '@infra/http/http-app';
import { IDEMPOTENT_WITHHELD_FIELDS } from '@infra/http/idempotency/idempotency-metadata';
import { newAgency, newApiKey, bearer } from '@test/support/builders/partners';
import { expectPartnerContract, partnerSchemaErrors } from '@test/support/partner-contract';
import { TestContext, type TestApp } from '@test/support/test-context';

describe('partner OpenAPI document (the published contract)', () => {
  let ctx: TestContext;
  let app: TestApp;

  beforeAll(async () => {
    ctx = await TestContext.create();
    app = await ctx.startApp();
  });
  afterAll(() => ctx.close());

  it('is committed and current (run `npm run cli -- openapi:export` after changing partner routes)', () => {
    const generated = buildPartnerOpenApiDocument(app.http!);
    const committed: unknown = JSON.parse(readFileSync(join(__dirname, '../..', PARTNER_OPENAPI_FILE), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(generated)));
  });

  it('holds only /partner/v1 routes, under its own title and version, with examples', () => {
    const document = buildPartnerOpenApiDocument(app.http!);
    expect(document.info).toMatchObject({ title: 'Corridor Partner API', version: 'v1' });
    const paths = Object.keys(document.paths);
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.filter((path) => !path.startsWith(`${PARTNER_PATH_PREFIX}/`))).toEqual([]);
    const schemas = JSON.stringify(document.components?.schemas ?? {});
    expect(schemas).toContain('"example"');
    // No staff-only shapes leak into the partner contract (the partner's own views are named Partner…).
    expect(Object.keys(document.components?.schemas ?? {}).filter((name) => !name.startsWith('Partner') && /Staff|Case(?!Ref)|Audit/.test(name))).toEqual([]);
  });

  it('is served at /docs/partner-openapi.json', async () => {
    const response = await app.http!.inject({ method: 'GET', url: '/docs/partner-openapi.json' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ info: { title: 'Corridor Partner API', version: 'v1' } });
  });

  it('validates real answers, and rejects answers that break it', async () => {
    const agency = await newAgency(app);
    const key = await newApiKey(app, agency.id, [ApiKeyScope.WebhooksManage]);
    const me = await app.http!.inject({ method: 'GET', url: '/partner/v1/me', headers: bearer(key.key) });
    expect(expectPartnerContract('GET', '/partner/v1/me', me)).toMatchObject({ agency: { id: agency.id } });
    const anonymous = await app.http!.inject({ method: 'GET', url: '/partner/v1/webhooks' });
    expect(anonymous.statusCode).toBe(401);
    expect(expectPartnerContract('GET', '/partner/v1/webhooks', anonymous)).toMatchObject({ status: 401 });
    // A field outside the contract, a wrong type, an undocumented status: each fails.
    const list = await app.http!.inject({ method: 'GET', url: '/partner/v1/webhooks', headers: bearer(key.key) });
    const tampered = { ...list, body: JSON.stringify({ ...list.json<object>(), extra: 'leak' }) };
    expect(() => expectPartnerContract('GET', '/partner/v1/webhooks', tampered)).toThrow('must NOT have additional properties');
    expect(() => expectPartnerContract('GET', '/partner/v1/webhooks', { ...list, body: JSON.stringify({ items: 'no', nextCursor: null }) })).toThrow('does not match');
    expect(() => expectPartnerContract('GET', '/partner/v1/webhooks', { ...list, statusCode: 418 })).toThrow('does not list');
    expect(() => expectPartnerContract('GET', '/api/v1/cases', list)).toThrow('not in the partner OpenAPI document');
  });

  it('documents, for every partner route the application serves, its success schema and request body with valid examples, and every error its guards and pipes can produce', () => {
    const document = JSON.parse(readFileSync(join(__dirname, '../..', PARTNER_OPENAPI_FILE), 'utf8')) as OpenAPIObject;
    const handlers = routeHandlers(app);
    const routes = registeredRoutes(app.http!)
      .filter((route) => route.url.startsWith(`${PARTNER_PATH_PREFIX}/`) && route.method !== 'HEAD' && route.method !== 'OPTIONS')
      .map((route) => `${route.method} ${route.url}`);
    expect(routes.length).toBeGreaterThan(10);
    const findings: string[] = [];
    for (const route of routes) {
      const [method, url] = route.split(' ') as [string, string];
      const operation = document.paths[url.replace(/:([a-zA-Z]+)/g, '{$1}')]?.[method.toLowerCase() as 'get'];
      const handler = handlers.get(route);
      if (!operation || !handler) {
        findings.push(`${route}: ${operation ? 'no controller handler found' : 'not in the partner document'}`);
        continue;
      }
      const responses = operation.responses as Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
      const parameters = (operation.parameters ?? []) as Array<{ in: string; name: string; required?: boolean }>;
      const withheld = Reflect.getMetadata(IDEMPOTENT_WITHHELD_FIELDS, handler) as readonly string[] | undefined;

      // The errors the guards and pipes in front of every handler can answer.
      const errors = new Set([401, 403, 429]);
      if (withheld !== undefined) [400, 409, 422].forEach((status) => errors.add(status));
      if (operation.requestBody) [400, 413, 415].forEach((status) => errors.add(status));
      if (parameters.some((parameter) => parameter.in === 'query')) errors.add(400);
      if (parameters.some((parameter) => parameter.in === 'path')) errors.add(404);
      for (const status of errors) {
        const schema = responses[String(status)]?.content?.['application/problem+json']?.schema;
        if (schema?.$ref !== '#/components/schemas/ProblemView') findings.push(`${route}: ${status} is not documented as problem+json`);
      }
      if (withheld !== undefined && !parameters.some((parameter) => parameter.in === 'header' && parameter.name === 'Idempotency-Key' && parameter.required)) {
        findings.push(`${route}: the required Idempotency-Key header is not documented`);
      }

      const requestSchema = (operation.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)?.content?.['application/json']?.schema;
      if (requestSchema) {
        const missing: string[] = [];
        const example = exampleOf(document, requestSchema, '', missing);
        missing.forEach((path) => findings.push(`${route}: the request body has no example for ${path}`));
        const invalid = partnerSchemaErrors(requestSchema, example);
        if (invalid) findings.push(`${route}: the request example does not match its own schema: ${invalid}`);
      }

      const successes = Object.keys(responses).filter((status) => /^2\d\d$/.test(status));
      if (successes.length !== 1) {
        findings.push(`${route}: ${successes.length} success responses documented (${successes.join(', ')}), expected one`);
        continue;
      }
      const [success] = successes as [string];
      if (success === '204') continue;
      const content = responses[success]?.content ?? {};
      // A file download documents its media types with a binary schema instead of JSON.
      if (!content['application/json'] && Object.keys(content).length > 0 && Object.values(content).every((media) => media.schema?.format === 'binary')) continue;
      const schema = content['application/json']?.schema;
      if (!schema) {
        findings.push(`${route}: ${success} has no application/json schema`);
        continue;
      }
      // The example a reader sees, assembled from the document's own examples, must be complete and valid.
      const missing: string[] = [];
      const example = exampleOf(document, schema, '', missing);
      missing.forEach((path) => findings.push(`${route}: ${success} has no example for ${path || 'the body'}`));
      const invalid = partnerSchemaErrors(schema, example);
      if (invalid) findings.push(`${route}: the ${success} example does not match its own schema: ${invalid}`);
      // A replay answers without the withheld fields: the contract must not promise them.
      const required = (resolve(document, schema).required ?? []) as string[];
      for (const field of withheld ?? []) if (required.includes(field)) findings.push(`${route}: "${field}" is withheld from replays but documented as required`);
    }
    expect(findings).toEqual([]);
  });
});

type Schema = Record<string, unknown>;

/** Follows a `$ref` (or a lone `allOf` wrapper) to the schema it names. */
function resolve(document: OpenAPIObject, schema: Schema): Schema {
  if (typeof schema.$ref === 'string') return resolve(document, document.components!.schemas![schema.$ref.replace('#/components/schemas/', '')] as Schema);
  const allOf = schema.allOf as Schema[] | undefined;
  if (allOf?.length === 1 && !schema.properties) return { ...resolve(document, allOf[0]!), ...(schema.nullable ? { nullable: true } : {}) };
  return schema;
}

/**
 * The example a reader of the document would assemble: each property's own example (or the
 * first value of its enum), objects and arrays built from their parts. Strings and numbers
 * without an example are reported by their JSON Pointer.
 */
function exampleOf(document: OpenAPIObject, node: Schema, pointer: string, missing: string[]): unknown {
  if ('example' in node) return node.example;
  const schema = resolve(document, node);
  if ('example' in schema) return schema.example;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (schema.properties) {
    return Object.fromEntries(Object.entries(schema.properties as Record<string, Schema>).map(([name, property]) => [name, exampleOf(document, property, `${pointer}/${name}`, missing)]));
  }
  if (schema.type === 'array') return [exampleOf(document, schema.items as Schema, `${pointer}/0`, missing)];
  if (schema.type === 'boolean') return false;
  missing.push(pointer);
  return schema.nullable ? null : undefined;
}

/** Each controller handler by its route (`GET /partner/v1/cases/:ref`), as Nest registered it. */
function routeHandlers(app: TestApp): Map<string, object> {
  const discovery = app.context.get(DiscoveryService);
  const scanner = app.context.get(MetadataScanner);
  const handlers = new Map<string, object>();
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
      handlers.set(`${method} /${[base, path].map((part) => part.replace(/^\/|\/$/g, '')).filter(Boolean).join('/')}`, handler);
    }
  }
  return handlers;
}

import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { ACCESS_PERMISSION } from '@common/access/access.decorator';
import { Permission } from '@common/access/permission';
import { registeredRoutes } from '@infra/http/http-app';
import { IDEMPOTENT_WITHHELD_FIELDS } from '@infra/http/idempotency/idempotency-metadata';
import type { TestApp } from './test-context';

export type Schema = Record<string, unknown>;

export interface WalkOptions {
  /** Which registered routes this document must hold. */
  includes(url: string): boolean;
  /** Errors every protected route of this API can answer beyond 401/403 (the partner API: 429). */
  guardStatuses: number[];
  /** Validates a value against a schema of the document; null when it matches. */
  schemaErrors(schema: Schema, value: unknown): string | null;
}

/**
 * Walks every route the application serves that belongs to `document`, and lists what is missing:
 * the operation itself, its single success answer with a schema and a complete, valid example
 * (assembled from the document's own examples), a request body example, and every error its
 * guards and pipes can produce, as problem+json. See docs/ARCHITECTURE.md ("Documenting a route").
 */
export function contractFindings(app: TestApp, document: OpenAPIObject, options: WalkOptions): { routes: number; findings: string[] } {
  const handlers = routeHandlers(app);
  const routes = registeredRoutes(app.http!)
    .filter((route) => options.includes(route.url) && route.method !== 'HEAD' && route.method !== 'OPTIONS')
    .map((route) => `${route.method} ${route.url}`);
  const findings: string[] = [];
  for (const route of routes) {
    const [method, url] = route.split(' ') as [string, string];
    const operation = document.paths[url.replace(/:([a-zA-Z]+)/g, '{$1}')]?.[method.toLowerCase() as 'get'];
    const handler = handlers.get(route);
    if (!operation || !handler) {
      findings.push(`${route}: ${operation ? 'no controller handler found' : 'not in the document'}`);
      continue;
    }
    const responses = operation.responses as Record<string, { content?: Record<string, { schema?: Schema }> }>;
    const parameters = (operation.parameters ?? []) as Array<{ in: string; name: string; required?: boolean }>;
    const withheld = Reflect.getMetadata(IDEMPOTENT_WITHHELD_FIELDS, handler) as readonly string[] | undefined;
    const permission = Reflect.getMetadata(ACCESS_PERMISSION, handler) as Permission | undefined;

    // The errors the guards and pipes in front of every handler can answer.
    const errors = new Set<number>();
    if (permission !== Permission.Public) [401, 403, ...options.guardStatuses].forEach((status) => errors.add(status));
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
      const invalid = options.schemaErrors(requestSchema, example);
      if (invalid) findings.push(`${route}: the request example does not match its own schema: ${invalid}`);
    }

    const successes = Object.keys(responses).filter((status) => /^2\d\d$/.test(status));
    if (successes.length !== 1) {
      findings.push(`${route}: ${successes.length} success responses documented (${successes.join(', ')}), expected one`);
      continue;
    }
    const [success] = successes as [string];
    if (success === '204') continue;
    const content = (responses[success]?.content ?? {}) as Record<string, { schema?: Schema }>;
    const schema = content['application/json']?.schema;
    if (!schema) {
      // A download (text/csv, or files with a binary schema) documents its media types instead of a JSON schema.
      const download =
        Object.keys(content).length > 0 && Object.entries(content).every(([type, media]) => type.startsWith('text/') || media.schema?.format === 'binary');
      if (!download) findings.push(`${route}: ${success} has no application/json schema`);
      continue;
    }
    const missing: string[] = [];
    const example = exampleOf(document, schema, '', missing);
    missing.forEach((path) => findings.push(`${route}: ${success} has no example for ${path || 'the body'}`));
    const invalid = options.schemaErrors(schema, example);
    if (invalid) findings.push(`${route}: the ${success} example does not match its own schema: ${invalid}`);
    // A replay answers without the withheld fields: the contract must not promise them.
    const required = (resolve(document, schema).required ?? []) as string[];
    for (const field of withheld ?? []) if (required.includes(field)) findings.push(`${route}: "${field}" is withheld from replays but documented as required`);
  }
  return { routes: routes.length, findings };
}

/** Follows a `$ref` (or a lone `allOf` wrapper) to the schema it names. */
export function resolve(document: OpenAPIObject, schema: Schema): Schema {
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
export function exampleOf(document: OpenAPIObject, node: Schema, pointer: string, missing: string[]): unknown {
  if ('example' in node) return node.example;
  const schema = resolve(document, node);
  if ('example' in schema) return schema.example;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (schema.properties) {
    return Object.fromEntries(
      Object.entries(schema.properties as Record<string, Schema>).map(([name, property]) => [
        name,
        exampleOf(document, property, `${pointer}/${name}`, missing),
      ]),
    );
  }
  if (schema.type === 'array') return [exampleOf(document, schema.items as Schema, `${pointer}/0`, missing)];
  if (schema.type === 'boolean') return false;
  if (schema.type === 'object' && schema.additionalProperties) return {};
  missing.push(pointer);
  return schema.nullable ? null : undefined;
}

/** Each controller handler by its route (`GET /partner/v1/cases/:ref`), as Nest registered it. */
export function routeHandlers(app: TestApp): Map<string, object> {
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
      handlers.set(
        `${method} /${[base, path]
          .map((part) => part.replace(/^\/|\/$/g, ''))
          .filter(Boolean)
          .join('/')}`,
        handler,
      );
    }
  }
  return handlers;
}

import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { completePartnerDocument } from './partner-contract.openapi';

/** Where the partner API lives; its document holds these routes only, and the staff document none of them. */
export const PARTNER_PATH_PREFIX = '/partner/v1';

const isPartnerPath = (path: string): boolean => path === PARTNER_PATH_PREFIX || path.startsWith(`${PARTNER_PATH_PREFIX}/`);

/**
 * The staff API's document (docs/openapi.json): every route but the partner API's, with the
 * schemas they use. The answers the framework gives in front of every handler (see
 * `withFrameworkProblems`) are added here, so no route can forget them.
 */
export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Corridor staff API')
    .setDescription(
      'Case coordination for rapid-response relocation, for staff clients (the staff console, scripts). Sign in at ' +
        '/api/v1/auth/login and send the access token as a bearer token. Errors are RFC 9457 application/problem+json. ' +
        'The partner API has its own document (docs/partner-openapi.json).',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'opaque', description: 'A staff access token from /api/v1/auth/login' })
    .build();
  const full = SwaggerModule.createDocument(app, config);
  const paths = Object.fromEntries(Object.entries(full.paths).filter(([path]) => !isPartnerPath(path)));
  return withOnlyUsedSchemas({ ...full, paths: withFrameworkProblems(paths) });
}

/**
 * The partner API's own document: the published contract outside programmers build against
 * (docs/partner-api.md explains it). Only `/partner/v1` routes, and only the schemas they use.
 */
export function buildPartnerOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Corridor Partner API')
    .setDescription(
      'For partner agencies (shelters, NGOs, UNHCR offices, receiving states, settlement agencies). ' +
        'Authenticate with an API key as a bearer token; each route needs a scope. Errors are RFC 9457 ' +
        'application/problem+json. Webhooks follow Standard Webhooks. Guide: docs/partner-api.md.',
    )
    .setVersion('v1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key issued to your agency (`cpk_…`)' })
    .build();
  const full = SwaggerModule.createDocument(app, config);
  const paths = Object.fromEntries(Object.entries(full.paths).filter(([path]) => isPartnerPath(path)));
  return completePartnerDocument({ ...withOnlyUsedSchemas({ ...full, paths }), tags: undefined });
}

/** Keeps the component schemas the paths reach; problems may carry extension members (RFC 9457). */
function withOnlyUsedSchemas(document: OpenAPIObject): OpenAPIObject {
  const schemas = { ...(document.components?.schemas ?? {}) };
  const used = reachableSchemas(document.paths, schemas);
  // RFC 9457 lets a problem carry extension members (`errors`, `reason` …): the contract says so.
  if (schemas.ProblemView) schemas.ProblemView = { ...schemas.ProblemView, additionalProperties: true };
  return { ...document, components: { ...document.components, schemas: Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name))) } };
}

type OperationObject = NonNullable<OpenAPIObject['paths'][string]['get']>;

const PROBLEM = { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemView' } } };
const FRAMEWORK_PROBLEMS: Record<number, string> = {
  400: 'The request is not valid (problem+json naming the fields as JSON Pointers)',
  401: 'Missing, expired or revoked credentials',
  403: 'Your roles do not allow this route',
  404: 'No such record, or not one you may see',
  413: 'The request body is larger than the limit',
  415: 'The request body is not application/json',
};

/**
 * Adds the problem answers the framework gives before a handler runs, derived from the
 * operation itself: a bearer-secured route can answer 401 and 403 (the access guard); a body
 * 400, 413 and 415 (parsing and the validation pipe); query parameters 400; path parameters
 * 404 (malformed ids answer like unknown ones). A route's own refusals (409, 422 …) are declared
 * on its handler with `@ApiProblemResponses`.
 */
export function withFrameworkProblems(paths: OpenAPIObject['paths']): OpenAPIObject['paths'] {
  return Object.fromEntries<OpenAPIObject['paths'][string]>(
    Object.entries(paths).map(([path, item]) => [
      path,
      Object.fromEntries(
        Object.entries(item).map(([method, operation]) => {
          if (!operation || typeof operation !== 'object' || !('responses' in operation)) return [method, operation];
          const op = operation as OperationObject;
          const parameters = (op.parameters ?? []) as Array<{ in?: string }>;
          const statuses = new Set<number>();
          if ((op.security ?? []).length > 0) [401, 403].forEach((status) => statuses.add(status));
          if (op.requestBody) [400, 413, 415].forEach((status) => statuses.add(status));
          if (parameters.some((parameter) => parameter.in === 'query')) statuses.add(400);
          if (parameters.some((parameter) => parameter.in === 'path')) statuses.add(404);
          const responses = { ...op.responses };
          for (const status of [...statuses].sort()) responses[String(status)] ??= { description: FRAMEWORK_PROBLEMS[status] ?? 'Error', content: PROBLEM };
          // Every error answer is problem+json: one declared with a description only gets the schema.
          for (const [status, response] of Object.entries(responses)) {
            if (/^[45]\d\d$/.test(status) && response && 'description' in response && !response.content) responses[status] = { ...response, content: PROBLEM };
          }
          return [method, { ...op, responses: sortResponses(responses) }];
        }),
      ),
    ]),
  );
}

const sortResponses = (responses: OperationObject['responses']): OperationObject['responses'] =>
  Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));

const REF = '#/components/schemas/';

/** Names of the component schemas referenced from `root`, following references transitively. */
function reachableSchemas(root: unknown, schemas: Record<string, unknown>): Set<string> {
  const found = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith(REF)) {
        const name = value.slice(REF.length);
        if (!found.has(name)) {
          found.add(name);
          visit(schemas[name]);
        }
      } else visit(value);
    }
  };
  visit(root);
  return found;
}

/** Serves the documents: /docs (UI) and /docs/openapi.json; /docs/partner (UI) and /docs/partner-openapi.json. */
export function setUpOpenApi(app: NestFastifyApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'docs/openapi.json', raw: ['json'] });
  SwaggerModule.setup('docs/partner', app, () => buildPartnerOpenApiDocument(app), { jsonDocumentUrl: 'docs/partner-openapi.json', raw: ['json'] });
}

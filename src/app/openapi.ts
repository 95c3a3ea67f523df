import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Corridor staff API')
    .setDescription('Case coordination for rapid-response relocation. Errors are RFC 9457 problem+json.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** Where the partner API lives; its document holds these routes only. */
export const PARTNER_PATH_PREFIX = '/partner/v1';

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
  const paths = Object.fromEntries(Object.entries(full.paths).filter(([path]) => path === PARTNER_PATH_PREFIX || path.startsWith(`${PARTNER_PATH_PREFIX}/`)));
  const schemas = full.components?.schemas ?? {};
  const used = reachableSchemas(paths, schemas);
  // RFC 9457 lets a problem carry extension members (`errors`, `reason` …): the contract says so.
  if (schemas.ProblemView) schemas.ProblemView = { ...schemas.ProblemView, additionalProperties: true };
  return {
    ...full,
    tags: undefined,
    paths,
    components: { ...full.components, schemas: Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name))) },
  };
}

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

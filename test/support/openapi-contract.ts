import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { InjectOptions, Response } from 'light-my-request';
import { OPENAPI_FILE, PARTNER_OPENAPI_FILE } from '@app/export-openapi';

type Answer = Pick<Response, 'statusCode' | 'headers' | 'body'>;

/**
 * Validates partner API answers against the committed partner OpenAPI document
 * (docs/partner-openapi.json) — the contract partners build against, not the code's own idea of
 * it. Use on every partner response in tests:
 *
 *   const body = expectPartnerContract('POST', '/partner/v1/webhooks', response);
 *
 * It fails when the route or status is not documented, the content type is not the documented
 * one (JSON, or problem+json for errors), or the body does not match the schema. Objects may not
 * carry properties the document does not declare, so a field outside the contract cannot leak
 * unnoticed.
 */
export function expectPartnerContract(method: string, url: string, response: Answer): unknown {
  return OpenApiContract.load(PARTNER_OPENAPI_FILE).expect(method, url, response);
}

/** The same, against the staff document (docs/openapi.json). */
export function expectStaffContract(method: string, url: string, response: Answer): unknown {
  return OpenApiContract.load(OPENAPI_FILE).expect(method, url, response);
}

/**
 * Why `value` does not match a schema of the partner OpenAPI document (its references resolved
 * against the document, undeclared properties refused as above), or null when it matches.
 */
export function partnerSchemaErrors(schema: Record<string, unknown>, value: unknown): string | null {
  return OpenApiContract.load(PARTNER_OPENAPI_FILE).schemaErrors(schema, value);
}

/** The same, against the staff document. */
export function staffSchemaErrors(schema: Record<string, unknown>, value: unknown): string | null {
  return OpenApiContract.load(OPENAPI_FILE).schemaErrors(schema, value);
}

/**
 * Checks every answer the application gives through `inject` against a committed document, so a
 * whole e2e file becomes a contract test:
 *
 *   const contract = watchContract(app.http!, OPENAPI_FILE);   // after startApp
 *   …
 *   it('answered only what the document declares', () => expect(contract.violations()).toEqual([]));
 *
 * Routes outside the document (the other document, /docs, /metrics, the check-in page) are skipped.
 */
export function watchContract(http: { getHttpAdapter(): object }, file: string): { violations(): string[]; checked(): number } {
  const contract = OpenApiContract.load(file);
  const violations: string[] = [];
  let checked = 0;
  // The application is a proxy; its inject() goes through the Fastify adapter, a plain object.
  const adapter = http.getHttpAdapter() as { inject: (options: InjectOptions) => Promise<Response> };
  const original = adapter.inject.bind(adapter);
  adapter.inject = async (options: InjectOptions): Promise<Response> => {
    const response = await original(options);
    const method = String(options.method ?? 'GET').toUpperCase();
    const url = typeof options.url === 'string' ? options.url : '';
    if (contract.covers(method, url)) {
      checked += 1;
      try {
        contract.expect(method, url, response);
      } catch (error) {
        violations.push((error as Error).message.split('\n').slice(0, 8).join(' ').replace(/\s+/g, ' '));
      }
    }
    return response;
  };
  return { violations: () => [...new Set(violations)], checked: () => checked };
}

interface MediaType {
  schema?: SchemaNode;
}
interface ResponseObject {
  content?: Record<string, MediaType>;
}
interface Operation {
  responses?: Record<string, ResponseObject>;
}
type SchemaNode = Record<string, unknown>;
interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, SchemaNode> };
}

class OpenApiContract {
  private static readonly instances = new Map<string, OpenApiContract>();
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly compiled = new Map<SchemaNode, ValidateFunction>();
  private readonly templates: Array<{ template: string; pattern: RegExp; literalSegments: number }>;

  private constructor(
    private readonly document: OpenApiDocument,
    private readonly name: string,
  ) {
    addFormats(this.ajv);
    for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
      this.ajv.addSchema(toJsonSchema(schema), `#/components/schemas/${name}`);
    }
    this.templates = Object.keys(document.paths)
      .map((template) => ({
        template,
        pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^/}]+\}/g, '[^/]+')}$`),
        literalSegments: template.split('/').filter((segment) => segment && !segment.startsWith('{')).length,
      }))
      // A literal segment beats a parameter: /webhooks/{id} must not swallow a literal sibling.
      .sort((a, b) => b.literalSegments - a.literalSegments);
  }

  static load(file: string): OpenApiContract {
    let contract = this.instances.get(file);
    if (!contract) {
      const document = JSON.parse(readFileSync(join(__dirname, '../..', file), 'utf8')) as OpenApiDocument;
      contract = new OpenApiContract(document, file === PARTNER_OPENAPI_FILE ? 'partner' : 'staff');
      this.instances.set(file, contract);
    }
    return contract;
  }

  /** Whether the document holds this request's route. */
  covers(method: string, url: string): boolean {
    const path = url.split('?')[0] ?? url;
    const match = this.templates.find((entry) => entry.pattern.test(path));
    return Boolean(match && this.document.paths[match.template]?.[method.toLowerCase()]);
  }

  expect(method: string, url: string, response: Answer): unknown {
    const operation = this.operation(method, url);
    const responses = operation.responses ?? {};
    const documented = responses[String(response.statusCode)] ?? responses.default;
    if (!documented) {
      throw new Error(
        `${method} ${url} answered ${response.statusCode}, which the ${this.name} OpenAPI document does not list (${Object.keys(responses).join(', ')})`,
      );
    }
    const content = documented.content;
    if (!content) {
      if (response.body.length > 0) throw new Error(`${method} ${url} ${response.statusCode}: documented without a body, but answered one`);
      return undefined;
    }
    const contentType = (String(response.headers['content-type'] ?? '').split(';')[0] ?? '').trim();
    const media = content[contentType];
    if (!media)
      throw new Error(`${method} ${url} ${response.statusCode}: content type "${contentType}" is not documented (${Object.keys(content).join(', ')})`);
    // A documented file download (`format: binary`) or text: the bytes themselves, nothing to validate.
    if (!contentType.endsWith('json') || (media.schema as { format?: unknown } | undefined)?.format === 'binary') return response.body;
    const body: unknown = JSON.parse(response.body);
    if (media.schema) {
      const validate = this.validator(media.schema);
      if (!validate(body)) {
        throw new Error(
          `${method} ${url} ${response.statusCode}: body does not match the ${this.name} OpenAPI document:\n${JSON.stringify(validate.errors, null, 2)}`,
        );
      }
    }
    return body;
  }

  schemaErrors(schema: SchemaNode, value: unknown): string | null {
    const validate = this.validator(schema);
    return validate(value) ? null : JSON.stringify(validate.errors);
  }

  operation(method: string, url: string): Operation {
    const path = url.split('?')[0] ?? url;
    const match = this.templates.find((entry) => entry.pattern.test(path));
    const operation = match ? this.document.paths[match.template]?.[method.toLowerCase()] : undefined;
    if (!operation) throw new Error(`${method} ${path} is not in the ${this.name} OpenAPI document`);
    return operation;
  }

  validator(schema: SchemaNode): ValidateFunction {
    let validate = this.compiled.get(schema);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(schema));
      this.compiled.set(schema, validate);
    }
    return validate;
  }
}

/**
 * OpenAPI 3.0 schema → JSON Schema for Ajv: `nullable` becomes a union with null, references keep
 * their ids, and declared objects refuse undeclared properties.
 */
function toJsonSchema(node: unknown): SchemaNode {
  if (Array.isArray(node)) return node.map(toJsonSchema) as unknown as SchemaNode;
  if (!node || typeof node !== 'object') return node as SchemaNode;
  const { nullable, ...rest } = node as SchemaNode & { nullable?: boolean };
  const converted: SchemaNode = {};
  for (const [key, value] of Object.entries(rest)) {
    converted[key] =
      key === 'properties' ? mapValues(value as Record<string, unknown>, toJsonSchema) : key === 'example' || key === 'enum' ? value : toJsonSchema(value);
  }
  if (converted.type === 'object' && converted.properties && converted.additionalProperties === undefined) converted.additionalProperties = false;
  if (converted.enum && nullable) converted.enum = [...(converted.enum as unknown[]), null];
  return nullable ? { anyOf: [converted, { type: 'null' }] } : converted;
}

function mapValues(record: Record<string, unknown>, map: (value: unknown) => SchemaNode): Record<string, SchemaNode> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)]));
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Response } from 'light-my-request';
import { PARTNER_OPENAPI_FILE } from '@app/export-openapi';

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
export function expectPartnerContract(method: string, url: string, response: Pick<Response, 'statusCode' | 'headers' | 'body'>): unknown {
  const contract = PartnerContract.load();
  const operation = contract.operation(method, url);
  const responses = operation.responses ?? {};
  const documented = responses[String(response.statusCode)] ?? responses.default;
  if (!documented) {
    throw new Error(`${method} ${url} answered ${response.statusCode}, which the partner OpenAPI document does not list (${Object.keys(responses).join(', ')})`);
  }
  const content = documented.content;
  if (!content) {
    if (response.body.length > 0) throw new Error(`${method} ${url} ${response.statusCode}: documented without a body, but answered one`);
    return undefined;
  }
  const contentType = String(response.headers['content-type'] ?? '').split(';')[0]!.trim();
  const media = content[contentType];
  if (!media) throw new Error(`${method} ${url} ${response.statusCode}: content type "${contentType}" is not documented (${Object.keys(content).join(', ')})`);
  // A documented file download (`format: binary`): the bytes themselves, nothing to validate.
  if ((media.schema as { format?: unknown } | undefined)?.format === 'binary') return response.body;
  const body: unknown = JSON.parse(response.body);
  if (media.schema) {
    const validate = contract.validator(media.schema);
    if (!validate(body)) {
      throw new Error(`${method} ${url} ${response.statusCode}: body does not match the partner OpenAPI document:\n${JSON.stringify(validate.errors, null, 2)}`);
    }
  }
  return body;
}

/**
 * Why `value` does not match a schema of the partner OpenAPI document (its references resolved
 * against the document, undeclared properties refused as above), or null when it matches.
 */
export function partnerSchemaErrors(schema: Record<string, unknown>, value: unknown): string | null {
  const validate = PartnerContract.load().validator(schema);
  return validate(value) ? null : JSON.stringify(validate.errors);
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

class PartnerContract {
  private static instance: PartnerContract | undefined;
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly compiled = new Map<SchemaNode, ValidateFunction>();
  private readonly templates: Array<{ template: string; pattern: RegExp; literalSegments: number }>;

  private constructor(private readonly document: OpenApiDocument) {
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

  static load(): PartnerContract {
    if (!this.instance) {
      const document = JSON.parse(readFileSync(join(__dirname, '../..', PARTNER_OPENAPI_FILE), 'utf8')) as OpenApiDocument;
      this.instance = new PartnerContract(document);
    }
    return this.instance;
  }

  operation(method: string, url: string): Operation {
    const path = url.split('?')[0]!;
    const match = this.templates.find((entry) => entry.pattern.test(path));
    const operation = match ? this.document.paths[match.template]?.[method.toLowerCase()] : undefined;
    if (!operation) throw new Error(`${method} ${path} is not in the partner OpenAPI document`);
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
    converted[key] = key === 'properties' ? mapValues(value as Record<string, unknown>, toJsonSchema) : key === 'example' || key === 'enum' ? value : toJsonSchema(value);
  }
  if (converted.type === 'object' && converted.properties && converted.additionalProperties === undefined) converted.additionalProperties = false;
  if (converted.enum && nullable) converted.enum = [...(converted.enum as unknown[]), null];
  return nullable ? { anyOf: [converted, { type: 'null' }] } : converted;
}

function mapValues(record: Record<string, unknown>, map: (value: unknown) => SchemaNode): Record<string, SchemaNode> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)]));
}

import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * Deepest nesting of arrays and objects a JSON body may have. Corridor's documents nest a few
 * levels (a referral's person, its contact, a list of aliases); 32 leaves room for any of them.
 * Deeper bodies are refused before they are parsed: JSON.parse copes, but everything after it
 * that walks the value recursively (class-transformer, validation, fingerprints) does not.
 */
export const MAX_JSON_DEPTH = 32;

/** A body nested deeper than MAX_JSON_DEPTH (mapped to 400 `body-too-deep` by the problem filter). */
export class JsonTooDeepError extends Error {
  readonly code = 'CORRIDOR_JSON_TOO_DEEP';
  readonly statusCode = 400;

  constructor() {
    super('The request body nests too deeply.');
    this.name = 'JsonTooDeepError';
  }
}

const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Whether the JSON text nests deeper than `max`, found in one pass over the bytes without
 * recursion (brackets inside strings do not count). Malformed text is left to the parser.
 */
export function jsonNestsDeeperThan(body: Buffer, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < body.length; index += 1) {
    const byte = body[index];
    if (inString) {
      if (byte === BACKSLASH) index += 1;
      else if (byte === QUOTE) inString = false;
      continue;
    }
    if (byte === QUOTE) inString = true;
    else if (byte === OPEN_BRACKET || byte === OPEN_BRACE) {
      depth += 1;
      if (depth > max) return true;
    } else if (byte === CLOSE_BRACKET || byte === CLOSE_BRACE) depth -= 1;
  }
  return false;
}

type ParserDone = (error: Error | null, body?: unknown) => void;

/**
 * The application/json parser: refuses a body nested deeper than MAX_JSON_DEPTH, then hands the
 * rest to Fastify's own parser (secure-json-parse, prototype poisoning refused).
 */
export function boundedJsonParser(fastify: FastifyInstance): (request: FastifyRequest, body: Buffer, done: ParserDone) => void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  return (request, body, done) => {
    if (jsonNestsDeeperThan(body, MAX_JSON_DEPTH)) {
      done(new JsonTooDeepError());
      return;
    }
    void parse(request, body as unknown as string, done);
  };
}

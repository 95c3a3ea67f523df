import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { CorridorLogger } from '@infra/logging/corridor-logger';
import { loggablePath } from '@infra/logging/redact';
import { HttpConfig } from '@config/http.config';
import { ProcessMetrics } from '@infra/metrics/process-metrics';
import { boundedJsonParser } from './bounded-json';
import { loadConsole, registerConsole } from './console-pages';
import { ProblemDetailsFilter } from './problem-details.filter';
import { PROBLEM_CONTENT_TYPE, problemType, type ProblemDocument } from './problem';
import { generateRequestId } from './request-id';
import { createValidationPipe } from './validation.pipe';

export interface RegisteredRoute {
  method: string;
  url: string;
}

/** Largest form-urlencoded body accepted (the check-in page posts at most two PINs). */
export const FORM_BODY_LIMIT_BYTES = 2048;

/** Routes under this prefix take HTML form posts (the public check-in page); every other body is JSON. */
export const FORM_ROUTE_PREFIX = '/c/';

/** Helmet's default policy, sent only on answers to HTTPS requests. */
export const HSTS = 'max-age=31536000; includeSubDomains';

/** Routes under this prefix are the partner API. */
export const PARTNER_API_PREFIX = '/partner/';

const ROUTES = new WeakMap<object, RegisteredRoute[]>();

/** Every route the application registered (the authorization matrix test walks them all). */
export function registeredRoutes(app: NestFastifyApplication): RegisteredRoute[] {
  return ROUTES.get(app.getHttpAdapter().getInstance()) ?? [];
}

/** Creates the HTTP application on Fastify with Corridor's security and error conventions. */
export async function createHttpApp(rootModule: unknown, config: HttpConfig, logger: CorridorLogger): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: generateRequestId,
    // Requests are logged by the onResponse hook below, without headers or bodies.
    logger: false,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // Fastify's own answers to a malformed or over-long URL echo the path (which may carry a name or
    // a phone number) in plain JSON; ours are problem+json with a fixed detail.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
      const status = tooLong ? 414 : 400;
      const problem: ProblemDocument = {
        type: problemType(tooLong ? 'uri-too-long' : 'malformed-url'),
        title: tooLong ? 'URI Too Long' : 'Bad Request',
        status,
        detail: tooLong ? 'A path segment is longer than any id.' : 'The URL is not valid.',
        requestId: String(request.id),
      };
      void reply.status(status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(rootModule as never, adapter, { logger, abortOnError: false });
  await app.register(helmet as never, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: [`'self'`],
        // Swagger UI at /docs needs inline styles and its own scripts; nothing else is served.
        styleSrc: [`'self'`, `'unsafe-inline'`],
        imgSrc: [`'self'`, 'data:'],
        scriptSrc: [`'self'`],
        formAction: [`'self'`],
        frameAncestors: [`'none'`],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    // Sent by the onSend hook below, and only over HTTPS (RFC 6797 §7.2: not over plain HTTP).
    strictTransportSecurity: false,
  });
  // HTML forms (the public check-in page) post form-urlencoded bodies: a few short fields, so a
  // small limit of their own rather than the JSON one.
  app.useBodyParser('application/x-www-form-urlencoded', { bodyLimit: FORM_BODY_LIMIT_BYTES });
  // multipart/form-data (case document uploads) is not parsed here: a route that takes it streams
  // the parts itself (`request.file`) with its own limits; any other route gets no body from it.
  await app.register(multipart, { limits: { fileSize: 0, files: 1, fields: 8, fieldSize: 4096, parts: 9 }, throwFileSizeLimit: true });
  const fastify = app.getHttpAdapter().getInstance();
  // JSON nested deeper than MAX_JSON_DEPTH is refused before parsing (400 body-too-deep).
  app.useBodyParser('application/json', { bodyLimit: config.bodyLimitBytes }, boundedJsonParser(fastify));
  // Fastify parses text/plain by default; no route takes it, and a string body must never reach
  // validation (its text would come back in the error). Anything not JSON is refused below.
  fastify.removeContentTypeParser('text/plain');
  fastify.addHook('onRequest', async (request, reply) => {
    // The matched route's template, not the raw path: `/%63/<token>` is the check-in page too.
    if (acceptsMediaType(request.method, request.routeOptions.url ?? request.url, request.headers)) return;
    // Refused before the body is read: nothing of it is parsed, validated, logged or echoed.
    const problem: ProblemDocument = {
      type: problemType('unsupported-media-type'),
      title: 'Unsupported Media Type',
      status: 415,
      detail: 'Send application/json.',
      requestId: String(request.id),
    };
    return reply.status(415).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  });
  const routes: RegisteredRoute[] = [];
  ROUTES.set(fastify, routes);
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
    // The partner API takes small JSON documents from outside; its own, tighter limit (413).
    if (route.url.startsWith(PARTNER_API_PREFIX)) route.bodyLimit = Math.min(route.bodyLimit ?? config.partnerBodyLimitBytes, config.partnerBodyLimitBytes);
  });
  const consoleFiles = loadConsole({ dir: config.consoleDir, idleLockSeconds: config.consoleIdleLockSeconds });
  if (consoleFiles) registerConsole(fastify, consoleFiles);
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    // `request.protocol` is https over TLS, or behind TRUST_PROXY when X-Forwarded-Proto says so.
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
  });
  let metrics: ProcessMetrics | undefined;
  fastify.addHook('onResponse', async (request, reply) => {
    // Resolved on first use: the container exists once the app has initialised.
    metrics ??= app.get(ProcessMetrics, { strict: false });
    metrics?.observeHttp(request.method, request.routeOptions.url, reply.statusCode, reply.elapsedTime / 1000);
    logger.pino.info(
      {
        requestId: request.id,
        method: request.method,
        path: loggablePath(request.routeOptions.url),
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
  });
  app.enableCors(config.corsOrigins.length > 0 ? { origin: config.corsOrigins, credentials: false } : { origin: false });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter(logger));
  app.enableShutdownHooks();
  return app;
}

const BODYLESS_METHODS = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS']);

/**
 * Whether a request's body may be parsed: JSON (or a multipart upload) anywhere, an HTML form only on the form routes, and
 * no body without a content type. A GET or DELETE without a body may carry any content type.
 */
export function acceptsMediaType(method: string, url: string, headers: Record<string, string | string[] | undefined>): boolean {
  const header = headers['content-type'];
  const contentLength = headers['content-length'];
  const hasBody = headers['transfer-encoding'] !== undefined || (contentLength !== undefined && contentLength !== '0');
  if (typeof header !== 'string' || header.trim() === '') return !hasBody;
  if (!hasBody && BODYLESS_METHODS.has(method)) return true;
  const mediaType = (header.split(';')[0] ?? '').trim().toLowerCase();
  // multipart/form-data: the document upload routes stream it themselves; elsewhere it yields no body (400).
  if (mediaType === 'application/json' || mediaType === 'multipart/form-data') return true;
  return mediaType === 'application/x-www-form-urlencoded' && url.startsWith(FORM_ROUTE_PREFIX);
}

export type HttpApp = INestApplication;

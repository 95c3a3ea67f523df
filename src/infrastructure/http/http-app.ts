import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
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
import { generateRequestId } from './request-id';
import { createValidationPipe } from './validation.pipe';

export interface RegisteredRoute {
  method: string;
  url: string;
}

/** Largest form-urlencoded body accepted (the check-in page posts at most two PINs). */
export const FORM_BODY_LIMIT_BYTES = 2048;

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
      { requestId: request.id, method: request.method, path: loggablePath(request.routeOptions.url), status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request',
    );
  });
  app.enableCors(config.corsOrigins.length > 0 ? { origin: config.corsOrigins, credentials: false } : { origin: false });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter(logger));
  app.enableShutdownHooks();
  return app;
}

export type HttpApp = INestApplication;

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The staff console (console/, built by Vite into CONSOLE_DIR) served by the API process itself:
 * hashed files under /assets/ with a year-long immutable cache, and index.html for every browser
 * navigation (Accept: text/html) outside the API's own prefixes, so client routes survive a
 * reload. index.html is never cached and carries the console's strict Content-Security-Policy.
 */
export const CONSOLE_CSP = [
  `default-src 'none'`,
  `script-src 'self'`,
  `style-src 'self'`,
  `img-src 'self' data:`,
  `font-src 'self'`,
  `connect-src 'self'`,
  `base-uri 'none'`,
  `form-action 'self'`,
  `frame-ancestors 'none'`,
  `object-src 'none'`,
  `manifest-src 'self'`,
  `worker-src 'none'`,
].join('; ');

/** Paths that are the service's own, never the console's: they keep their 404 problem+json. */
const SERVICE_PREFIXES = ['/api', '/partner', '/c', '/docs', '/health', '/ready', '/metrics', '/bench', '/_probe'];

/** The idle-lock time reaches the page through a meta tag (no inline script under the CSP). */
export const IDLE_LOCK_PLACEHOLDER = '__CORRIDOR_IDLE_LOCK_SECONDS__';

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export interface ConsoleOptions {
  /** Where the built console is; relative paths are taken from the working directory. */
  dir: string;
  idleLockSeconds: number;
}

interface ConsoleFiles {
  index: Buffer;
  assets: Map<string, { body: Buffer; type: string }>;
}

/** Reads the built console into memory (a few hundred KB); null when it has not been built. */
export function loadConsole(options: ConsoleOptions): ConsoleFiles | null {
  if (!options.dir) return null;
  const root = resolve(options.dir);
  const indexPath = join(root, 'index.html');
  if (!existsSync(indexPath)) return null;
  const html = readFileSync(indexPath, 'utf8').replaceAll(IDLE_LOCK_PLACEHOLDER, String(options.idleLockSeconds));
  const assets = new Map<string, { body: Buffer; type: string }>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (statSync(path).isFile() && entry.name !== 'index.html') {
        const type = CONTENT_TYPES[extname(entry.name)];
        if (type) assets.set(`/${relative(root, path).split(sep).join('/')}`, { body: readFileSync(path), type });
      }
    }
  };
  walk(root);
  return { index: Buffer.from(html, 'utf8'), assets };
}

const isServicePath = (path: string): boolean => SERVICE_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));

const wantsHtml = (request: FastifyRequest): boolean => (request.headers.accept ?? '').split(',').some((part) => part.trim().startsWith('text/html'));

/** Adds the console to the Fastify instance (an onRequest hook: no routes, so nothing in the API's route list). */
export function registerConsole(fastify: FastifyInstance, files: ConsoleFiles): void {
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    const path = request.url.split('?')[0] ?? '/';
    if (isServicePath(path)) return;
    const asset = files.assets.get(path);
    if (asset) {
      const immutable = path.startsWith('/assets/');
      await reply
        .code(200)
        .header('content-type', asset.type)
        .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
        .header('x-content-type-options', 'nosniff')
        .send(asset.body);
      return reply;
    }
    if (path.startsWith('/assets/') || !wantsHtml(request)) return;
    await reply
      .code(200)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-security-policy', CONSOLE_CSP)
      .send(files.index);
    return reply;
  });
}

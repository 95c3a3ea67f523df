import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { Injectable } from '@nestjs/common';
import type { ResolvedAddress } from './host-resolver';

/** How much of a receiver's answer is kept: enough to debug, too little to hold anything else. */
export const RESPONSE_EXCERPT_BYTES = 256;
export const CONNECT_TIMEOUT_MS = 5_000;
export const RESPONSE_TIMEOUT_MS = 10_000;

export interface EgressRequest {
  url: URL;
  /** The address the guard checked: the connection goes there and nowhere else. */
  address: ResolvedAddress;
  headers: Record<string, string>;
  body: string;
}

export type EgressResult =
  | { kind: 'response'; statusCode: number; retryAfter: string | undefined; excerpt: string | null }
  | { kind: 'error'; code: 'CONNECT_TIMEOUT' | 'RESPONSE_TIMEOUT' | 'CONNECTION_FAILED' | 'TLS_FAILED' };

/**
 * POSTs to a checked address with node:http(s). The connection is pinned to the address the
 * guard approved (a fixed `lookup`), while Host and TLS SNI/certificate checks use the URL's name,
 * so a DNS answer that changes after the check (rebinding) is never followed. No redirects are
 * followed (a 3xx is just a status), no agent pools connections, and only the first bytes of the
 * answer are read.
 */
@Injectable()
export class EgressClient {
  post(input: EgressRequest): Promise<EgressResult> {
    const pinned: LookupFunction = (_hostname, options, callback) => {
      if (options.all) callback(null, [{ address: input.address.address, family: input.address.family }]);
      else callback(null, input.address.address, input.address.family);
    };
    const https = input.url.protocol === 'https:';
    const options: RequestOptions & { servername?: string } = {
      method: 'POST',
      host: input.url.hostname.replace(/^\[|\]$/g, ''),
      port: input.url.port || (https ? 443 : 80),
      path: `${input.url.pathname}${input.url.search}`,
      headers: { ...input.headers, 'content-length': String(Buffer.byteLength(input.body)) },
      lookup: pinned,
      agent: false,
      timeout: CONNECT_TIMEOUT_MS,
      ...(https ? { servername: input.url.hostname } : {}),
    };
    return new Promise<EgressResult>((resolve) => {
      let settled = false;
      const finish = (result: EgressResult): void => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        request.destroy();
        resolve(result);
      };
      const request = (https ? httpsRequest : httpRequest)(options, (response: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let length = 0;
        const done = (): void =>
          finish({
            kind: 'response',
            statusCode: response.statusCode ?? 0,
            retryAfter: header(response, 'retry-after'),
            excerpt: excerptOf(Buffer.concat(chunks)),
          });
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          length += chunk.length;
          if (length >= RESPONSE_EXCERPT_BYTES) done();
        });
        response.on('end', done);
        response.on('error', done);
      });
      // The socket timeout covers connecting and idle gaps; the deadline the whole exchange.
      const deadline = setTimeout(() => finish({ kind: 'error', code: 'RESPONSE_TIMEOUT' }), RESPONSE_TIMEOUT_MS);
      request.on('timeout', () => finish({ kind: 'error', code: request.socket?.connecting === false ? 'RESPONSE_TIMEOUT' : 'CONNECT_TIMEOUT' }));
      request.on('error', (error: NodeJS.ErrnoException) =>
        finish({ kind: 'error', code: /CERT|SSL|TLS|ERR_TLS/i.test(error.code ?? '') ? 'TLS_FAILED' : 'CONNECTION_FAILED' }),
      );
      request.end(input.body);
    });
  }
}

function header(response: IncomingMessage, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The first ≤ 256 bytes as text, cut at a character boundary, without NULs; null when empty. */
export function excerptOf(bytes: Buffer): string | null {
  let text = bytes.subarray(0, RESPONSE_EXCERPT_BYTES).toString('utf8').replaceAll(String.fromCharCode(0), '');
  while (Buffer.byteLength(text) > RESPONSE_EXCERPT_BYTES || text.endsWith('\uFFFD')) text = text.slice(0, -1);
  return text.length > 0 ? text : null;
}

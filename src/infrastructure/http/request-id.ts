import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const ACCEPTABLE_INCOMING_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * A request id from a trusted proxy is kept if it looks like one; anything else is replaced, so
 * clients cannot inject text into logs. The id is also put on the raw request.
 */
export function generateRequestId(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && ACCEPTABLE_INCOMING_ID.test(incoming) ? incoming : randomUUID();
  (req as IncomingMessage & { id?: string }).id = id;
  return id;
}

import type { FastifyReply } from 'fastify';
import type { DocumentDownload } from './documents.service';

/** Sends a decrypted document: an attachment, never cached, never rendered in the API's origin. */
export function sendDocument(reply: FastifyReply, download: DocumentDownload): FastifyReply {
  return reply
    .header('content-type', download.mediaType)
    .header('content-length', String(download.sizeBytes))
    .header('content-disposition', `attachment; filename="${download.fileName}"`)
    .header('cache-control', 'no-store')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .send(download.body);
}

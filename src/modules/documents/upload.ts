import { Readable } from 'node:stream';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import {
  DocumentTooLargeException,
  DocumentTypeNotAllowedException,
  DocumentUploadMalformedException,
  DocumentUploadNotMultipartException,
} from './documents.exception';
import { SNIFF_BYTES, isImage, sniffMediaType, type DocumentMediaType } from './domain/media-type';
import { MalformedImageError, stripImageMetadata, type RemovedMetadata } from './domain/strip-metadata';

/** A staff upload as the service sees it: the form fields, the file's name and its bytes as they arrive. */
export interface DocumentUpload {
  fields: Record<string, string>;
  fileName: string | null;
  content: AsyncIterable<Buffer>;
}

const MAX_FIELDS = 8;
const MAX_FIELD_BYTES = 4096;

/**
 * Reads the multipart form up to its file part (fields must come first) without buffering the
 * file: `content` streams it, and fails with `DocumentTooLargeException` past `maxBytes`.
 */
export async function readUpload(request: FastifyRequest, maxBytes: number): Promise<DocumentUpload> {
  if (!request.isMultipart()) throw new DocumentUploadNotMultipartException();
  let file: MultipartFile | undefined;
  try {
    file = await request.file({ limits: { fileSize: maxBytes, files: 1, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES, parts: MAX_FIELDS + 1 } });
  } catch (error) {
    throw translateMultipartError(error, maxBytes);
  }
  if (!file || file.fieldname !== 'file') throw new DocumentUploadMalformedException('no-file');
  const fields: Record<string, string> = {};
  for (const [name, entry] of Object.entries(file.fields)) {
    if (name === 'file' || entry === undefined) continue;
    if (Array.isArray(entry) || entry.type !== 'field') throw new DocumentUploadMalformedException('too-many-parts');
    const value = entry.value;
    if (entry.valueTruncated) throw new DocumentUploadMalformedException('too-many-parts');
    fields[name] = typeof value === 'string' ? value : String(value);
  }
  const stream = file.file;
  return {
    fields,
    fileName: file.filename ? file.filename.slice(0, 255) : null,
    content: (async function* () {
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) yield chunk;
      } catch (error) {
        throw translateMultipartError(error, maxBytes);
      }
      // Busboy truncates silently when the error is not thrown: treat it the same.
      if (stream.truncated) throw new DocumentTooLargeException(maxBytes);
    })(),
  };
}

function translateMultipartError(error: unknown, maxBytes: number): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new DocumentTooLargeException(maxBytes);
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT' || code === 'FST_PROTO_VIOLATION')
    return new DocumentUploadMalformedException('too-many-parts');
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return new DocumentUploadNotMultipartException();
  return error;
}

export interface PreparedContent {
  mediaType: DocumentMediaType;
  metadataRemoved: RemovedMetadata[];
  body: AsyncIterable<Buffer>;
}

/**
 * Decides the media type from the first bytes and, for images, removes the metadata. A PDF
 * streams through untouched; an image is held in memory once (it is bounded by the upload
 * limit) because its metadata may sit anywhere before the pixels.
 */
export async function prepareContent(content: AsyncIterable<Buffer>): Promise<PreparedContent> {
  const iterator = content[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headBytes = 0;
  let ended = false;
  while (headBytes < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value);
    headBytes += next.value.length;
  }
  const first = Buffer.concat(head);
  const sniffed = sniffMediaType(first);
  if (sniffed.kind === 'refused') throw new DocumentTypeNotAllowedException(sniffed.reason);
  const mediaType = sniffed.mediaType;
  const rest = async function* (): AsyncGenerator<Buffer> {
    if (ended) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  };
  if (!isImage(mediaType)) {
    return {
      mediaType,
      metadataRemoved: [],
      body: (async function* () {
        yield first;
        yield* rest();
      })(),
    };
  }
  const parts: Buffer[] = [first];
  for await (const chunk of rest()) parts.push(chunk);
  const image = Buffer.concat(parts);
  parts.length = 0;
  try {
    const stripped = stripImageMetadata(mediaType, image);
    return {
      mediaType,
      metadataRemoved: stripped.removed,
      body: Readable.from([stripped.bytes]),
    };
  } catch (error) {
    if (error instanceof MalformedImageError) throw new DocumentTypeNotAllowedException('malformed-image');
    throw error;
  }
}

import type { DocumentStoreKind } from '@config/documents.config';

/**
 * Port: where the sealed segments of a document stream are kept. Adapters see only ciphertext
 * and stream ids; they never decide what is readable (the segment cipher does, so a store that
 * loses, repeats or reorders a segment makes the read fail, never return wrong bytes).
 */
export abstract class DocumentStore {
  abstract readonly kind: DocumentStoreKind;

  /** Stores the sealed segments in order. Resolves once every one is durable; throws on any failure. */
  abstract write(streamId: string, segments: AsyncIterable<Buffer>): Promise<void>;

  /** The stored segments of the stream in order, one at a time (`sealedSegmentBytes` is a full segment's size). */
  abstract read(streamId: string, sealedSegmentBytes: number): AsyncIterable<Buffer>;

  /** Deletes everything stored for the stream. Idempotent: a stream with nothing stored is fine. */
  abstract delete(streamId: string): Promise<void>;
}

/** A store could not be reached or refused an operation. Carries a code, never data. */
export class DocumentStoreError extends Error {
  constructor(
    readonly store: DocumentStoreKind,
    readonly operation: 'write' | 'read' | 'delete',
    readonly code: string,
  ) {
    super(`document store ${store}: ${operation} failed (${code})`);
    this.name = 'DocumentStoreError';
  }
}

/**
 * Cuts a byte stream into pieces of `size` bytes (the last may be shorter). Holds at most one
 * piece plus one incoming chunk.
 */
export async function* fixedPieces(source: AsyncIterable<Buffer | Uint8Array>, size: number): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const chunk of source) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    pending.push(bytes);
    pendingBytes += bytes.length;
    if (pendingBytes < size) continue;
    let all = Buffer.concat(pending, pendingBytes);
    while (all.length >= size) {
      yield all.subarray(0, size);
      all = all.subarray(size);
    }
    pending = [all];
    pendingBytes = all.length;
  }
  if (pendingBytes > 0) yield Buffer.concat(pending, pendingBytes);
}

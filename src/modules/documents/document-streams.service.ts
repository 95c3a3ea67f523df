import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '@common/clock/clock';
import { JobName } from '@common/jobs/job-name';
import { DocumentsConfig, type DocumentStoreKind } from '@config/documents.config';
import type { DataKey } from '@infra/crypto/data-key';
import {
  SEGMENT_BYTES,
  SegmentStreamError,
  decryptSegments,
  deriveStreamKey,
  encryptSegments,
  newStreamSalt,
  sealedSegmentLength,
  type StreamBinding,
} from '@infra/crypto/segmented-cipher';
import { OutboxService } from '@infra/outbox/outbox.service';
import type { OutsideJobContext } from '@infra/queue/job-handler.decorator';
import { TickScheduler } from '@infra/scheduling/tick-scheduler';
import type { DocumentBlobEntity } from './document.entity';
import { DocumentUnreadableException } from './documents.exception';
import { DocumentsRepository } from './documents.repository';
import { DocumentStores } from './storage/document-stores';

const SWEEP_MS = 5 * 60_000;
const SWEEP_BATCH = 200;

/** A stream written to the store, not yet claimed by a document. */
export interface StoredStream {
  blobId: string;
  segments: number;
  sizeBytes: number;
}

/**
 * The life of an encrypted content stream (`document_blobs`):
 *
 *   UPLOADING (row committed first) ─ segments written ─▶ STORED (with the document, one tx)
 *        └─ failed, abandoned (sweep), replaced, deleted, erased ─▶ DISCARDED ─ document.purge ─▶ gone
 *
 * A stream is readable only through a document row, which commits after every segment is
 * stored; whatever is left of a failed upload is deleted by the purge job (retried until done).
 */
@Injectable()
export class DocumentStreams implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: DocumentsRepository,
    private readonly stores: DocumentStores,
    private readonly outbox: OutboxService,
    private readonly ticks: TickScheduler,
    private readonly clock: Clock,
    @Inject(DocumentsConfig) private readonly config: DocumentsConfig,
  ) {}

  onModuleInit(): void {
    // Uploads whose process died mid-way: their row says UPLOADING long after any upload could run.
    this.ticks.declare('documents.sweep', SWEEP_MS, async (tx) => {
      const before = new Date(this.clock.nowMs() - this.config.abandonMinutes * 60_000);
      const ids = await this.repository.abandonedUploads(tx, before, SWEEP_BATCH);
      await this.discard(tx, ids);
    });
  }

  /**
   * Encrypts `plaintext` under a key derived from the case key and writes every segment to the
   * configured store. The stream's row is committed before the first segment (so a crash leaves
   * something the sweep finds); on any failure the stream is discarded and the error rethrown.
   */
  async write(dek: DataKey, caseId: string, plaintext: AsyncIterable<Buffer>, segmentBytes = SEGMENT_BYTES): Promise<StoredStream> {
    const store = this.stores.current;
    const blobId = randomUUID();
    const salt = newStreamSalt();
    await this.dataSource.transaction((tx) =>
      this.repository.insertBlob(tx, {
        id: blobId,
        caseId,
        store: store.kind,
        status: 'UPLOADING',
        keyVersion: dek.version,
        salt,
        segmentBytes,
        segments: null,
        sizeBytes: null,
        createdAt: this.clock.now(),
        discardedAt: null,
      }),
    );
    const binding: StreamBinding = { streamId: blobId, ownerId: caseId, keyVersion: dek.version, segmentBytes };
    const key = deriveStreamKey(dek, binding, salt);
    let sizeBytes = 0;
    let segments = 0;
    async function* counted(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
      for await (const chunk of source) {
        sizeBytes += chunk.length;
        yield chunk;
      }
    }
    async function* countedSegments(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
      for await (const segment of source) {
        segments++;
        yield segment;
      }
    }
    try {
      await store.write(blobId, countedSegments(encryptSegments(key, binding, counted(plaintext))));
    } catch (error) {
      await this.discardAlone(blobId);
      throw error;
    }
    return { blobId, segments, sizeBytes };
  }

  /** Claims a written stream for a document, in the document's transaction. False: it was discarded meanwhile. */
  claim(tx: EntityManager, stream: StoredStream): Promise<boolean> {
    return this.repository.markStored(tx, stream.blobId, stream.segments, stream.sizeBytes);
  }

  /** A written stream whose document did not commit: discard it (own transaction), best effort. */
  async discardAlone(blobId: string): Promise<void> {
    await this.dataSource.transaction((tx) => this.discard(tx, [blobId]));
  }

  /** Marks streams DISCARDED and records their purge (in the caller's transaction). */
  async discard(tx: EntityManager, blobIds: string[]): Promise<void> {
    const discarded = await this.repository.markDiscarded(tx, blobIds, this.clock.now());
    for (const id of discarded) await this.outbox.record(tx, { job: JobName.DocumentPurge, payload: { blobId: id }, dedupeKey: `document.purge:${id}` });
  }

  /**
   * The plaintext of a stored stream, segment by segment. The first segment is opened before
   * this resolves, so a stream that fails at once (wrong key, swapped, altered first segment)
   * is refused before any answer starts; a later failure ends the stream with an error.
   */
  async open(dek: DataKey, blob: DocumentBlobEntity): Promise<AsyncIterable<Buffer>> {
    const binding: StreamBinding = { streamId: blob.id, ownerId: blob.caseId, keyVersion: blob.keyVersion, segmentBytes: blob.segmentBytes };
    const store = this.stores.get(blob.store as DocumentStoreKind);
    const plaintext = translate(
      decryptSegments(deriveStreamKey(dek, binding, blob.salt), binding, store.read(blob.id, sealedSegmentLength(blob.segmentBytes))),
    );
    const first = await plaintext.next();
    return (async function* () {
      if (first.done) return;
      yield first.value;
      yield* plaintext;
    })();
  }

  async purge(context: OutsideJobContext): Promise<void> {
    const blobId = String(context.payload.blobId);
    const blob = await this.dataSource.transaction((tx) => this.repository.findBlob(tx, blobId));
    if (!blob || blob.status !== 'DISCARDED') return;
    // Throws when the store is unreachable: the job is retried with backoff until it succeeds.
    await this.stores.get(blob.store as DocumentStoreKind).delete(blobId);
    await context.complete((tx) => this.repository.deleteBlob(tx, blobId));
  }
}

async function* translate(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer, void, undefined> {
  try {
    yield* source;
  } catch (error) {
    if (error instanceof SegmentStreamError) throw new DocumentUnreadableException(error.reason);
    throw error;
  }
}

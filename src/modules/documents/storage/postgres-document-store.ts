import type { DataSource } from 'typeorm';
import { DocumentStore } from './document-store';

/** Segments written per INSERT and read per SELECT (1 MiB of 64 KiB segments). */
const BATCH = 16;

/**
 * The single-machine default: one `document_segments` row per sealed segment, written outside
 * any transaction (each batch commits on its own; the document's metadata commits only after the
 * last one). One batch is in flight while the next is encrypted (writes) or handed on (reads), so
 * memory holds two batches at most, whatever the file's size.
 */
export class PostgresDocumentStore extends DocumentStore {
  readonly kind = 'postgres' as const;

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async write(streamId: string, segments: AsyncIterable<Buffer>): Promise<void> {
    let batch: Buffer[] = [];
    let index = 0;
    let inFlight: Promise<unknown> = Promise.resolve();
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      const rows = batch;
      const first = index;
      batch = [];
      index += rows.length;
      // One INSERT at a time, in order: wait for the previous one, then start this one.
      await inFlight;
      const values: unknown[] = [streamId];
      const tuples = rows.map((segment, offset) => {
        values.push(first + offset, segment);
        return `($1, $${values.length - 1}, $${values.length})`;
      });
      inFlight = this.dataSource.query(`INSERT INTO document_segments (blob_id, idx, data) VALUES ${tuples.join(', ')}`, values);
      // Observed here so a failure while the next batch is being encrypted is not "unhandled"; awaited below.
      inFlight.catch(() => undefined);
    };
    for await (const segment of segments) {
      batch.push(segment);
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    await inFlight;
  }

  async *read(streamId: string): AsyncGenerator<Buffer> {
    const page = (from: number): Promise<Array<{ idx: number; data: Buffer }>> =>
      this.dataSource.query(`SELECT idx, data FROM document_segments WHERE blob_id = $1 AND idx >= $2 ORDER BY idx LIMIT ${BATCH}`, [streamId, from]);
    let pending = page(0);
    for (;;) {
      const rows = await pending;
      const last = rows[rows.length - 1];
      // The next page is fetched while this one is decrypted and sent.
      if (rows.length === BATCH && last) {
        pending = page(last.idx + 1);
        pending.catch(() => undefined);
      }
      for (const row of rows) yield row.data;
      if (rows.length < BATCH || !last) return;
    }
  }

  async delete(streamId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM document_segments WHERE blob_id = $1`, [streamId]);
  }
}

import type { DataSource } from 'typeorm';
import { DocumentStore } from './document-store';

/** Segments written per INSERT and read per SELECT (1 MiB of 64 KiB segments). */
const BATCH = 16;

/**
 * The single-machine default: one `document_segments` row per sealed segment, written outside
 * any transaction (each batch commits on its own; the document's metadata commits only after the
 * last one). Reads page through the segments by index, so memory holds one batch.
 */
export class PostgresDocumentStore extends DocumentStore {
  readonly kind = 'postgres' as const;

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async write(streamId: string, segments: AsyncIterable<Buffer>): Promise<void> {
    let batch: Buffer[] = [];
    let index = 0;
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      const values: unknown[] = [streamId];
      const rows = batch.map((segment, offset) => {
        values.push(index + offset, segment);
        return `($1, $${values.length - 1}, $${values.length})`;
      });
      await this.dataSource.query(`INSERT INTO document_segments (blob_id, idx, data) VALUES ${rows.join(', ')}`, values);
      index += batch.length;
      batch = [];
    };
    for await (const segment of segments) {
      batch.push(segment);
      if (batch.length >= BATCH) await flush();
    }
    await flush();
  }

  async *read(streamId: string): AsyncGenerator<Buffer> {
    let next = 0;
    for (;;) {
      const rows: Array<{ idx: number; data: Buffer }> = await this.dataSource.query(
        `SELECT idx, data FROM document_segments WHERE blob_id = $1 AND idx >= $2 ORDER BY idx LIMIT ${BATCH}`,
        [streamId, next],
      );
      for (const row of rows) yield row.data;
      if (rows.length < BATCH) return;
      next = (rows[rows.length - 1]?.idx ?? next) + 1;
    }
  }

  async delete(streamId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM document_segments WHERE blob_id = $1`, [streamId]);
  }
}

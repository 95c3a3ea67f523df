import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { StaffRole } from '@common/access/roles';
import { loadConfig } from '@config/app.config';
import { DataKey } from '@infra/crypto/data-key';
import { JobDispatcher } from '@infra/queue/job-dispatcher';
import {
  SEGMENT_BYTES,
  decryptSegments,
  deriveStreamKey,
  encryptSegments,
  newStreamSalt,
  sealedSegmentLength,
  segmentCount,
  type StreamBinding,
} from '@infra/crypto/segmented-cipher';
import type { DocumentStore } from '@modules/documents/storage/document-store';
import { PostgresDocumentStore } from '@modules/documents/storage/postgres-document-store';
import { S3DocumentStore } from '@modules/documents/storage/s3-document-store';
import { eraseCase, newCase } from '@test/support/builders/cases';
import { bearer, longLivedStaff, type StaffFixture } from '@test/support/builders/staff';
import { FakeClock } from '@test/support/fake-clock';
import { LogCapture } from '@test/support/log-capture';
import { multipartBody } from '@test/support/multipart';
import { scanDatabaseForPlaintext } from '@test/support/plaintext-scan';
import { runDueJobs } from '@test/support/run-due-jobs';
import { TestS3Server } from '@test/support/s3-server';
import { TestContext, type TestApp } from '@test/support/test-context';

const MiB = 1024 * 1024;
const SEG = SEGMENT_BYTES;
/** On and around segment boundaries, and around the S3 adapter's 128-segment objects. */
const SIZES = [0, 1, SEG - 1, SEG, SEG + 1, 2 * SEG - 1, 2 * SEG, 2 * SEG + 1, 128 * SEG - 1, 128 * SEG, 128 * SEG + 1];
const HUNDRED_MB = 100 * 1000 * 1000;

/** `size` deterministic bytes in irregular chunks, hashed as they are produced. */
function source(size: number, digest: ReturnType<typeof createHash>): AsyncIterable<Buffer> {
  const block = randomBytes(MiB + 7);
  return Readable.from(
    (function* () {
      let produced = 0;
      let counter = 0;
      while (produced < size) {
        const length = Math.min(block.length - (counter % 13), size - produced);
        const chunk = Buffer.from(block.subarray(0, length));
        if (length >= 4) chunk.writeUInt32BE(counter >>> 0, 0);
        counter++;
        digest.update(chunk);
        produced += length;
        yield chunk;
      }
    })(),
    { objectMode: true },
  );
}

async function roundTrip(store: DocumentStore, size: number): Promise<{ segments: number; rssGrowthMiB: number }> {
  const caseId = randomUUID();
  const dek = DataKey.generate({ type: 'case', id: caseId }, 1);
  const binding: StreamBinding = { streamId: randomUUID(), ownerId: caseId, keyVersion: 1, segmentBytes: SEG };
  const salt = newStreamSalt();
  const key = deriveStreamKey(dek, binding, salt);
  const written = createHash('sha256');
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  let segments = 0;
  const counted = async function* (sealed: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const segment of sealed) {
      segments++;
      if (segments % 64 === 0) rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
      yield segment;
    }
  };
  await store.write(binding.streamId, counted(encryptSegments(key, binding, source(size, written))));
  const read = createHash('sha256');
  let bytes = 0;
  for await (const plain of decryptSegments(key, binding, store.read(binding.streamId, sealedSegmentLength(SEG)))) {
    read.update(plain);
    bytes += plain.length;
  }
  expect(bytes).toBe(size);
  expect(read.digest('hex')).toBe(written.digest('hex'));
  await store.delete(binding.streamId);
  // Nothing left: reading the deleted stream gives no segment at all.
  for await (const _ of store.read(binding.streamId, sealedSegmentLength(SEG))) throw new Error('segments left after delete');
  return { segments, rssGrowthMiB: Math.round((rssPeak - rssBefore) / MiB) };
}

describe('document storage: round trips through both backends, and the S3 store end to end', () => {
  let ctx: TestContext;
  let s3: TestS3Server;
  let app: TestApp;
  let db: DataSource;
  const clock = new FakeClock(new Date());
  const logs = new LogCapture();
  let caseworker: StaffFixture;
  let coordinator: StaffFixture;
  let secondCoordinator: StaffFixture;
  let stores: { postgres: PostgresDocumentStore; s3: S3DocumentStore };

  beforeAll(async () => {
    ctx = await TestContext.create();
    s3 = await TestS3Server.start();
    app = await ctx.startApp({ clock, logs, env: s3.env() });
    db = await ctx.dataSource();
    caseworker = await longLivedStaff(app, clock, [StaffRole.Caseworker]);
    coordinator = await longLivedStaff(app, clock, [StaffRole.Coordinator]);
    secondCoordinator = await longLivedStaff(app, clock, [StaffRole.Coordinator]);
    stores = { postgres: new PostgresDocumentStore(db), s3: new S3DocumentStore(loadConfig(ctx.env(s3.env('roundtrip/'))).documents) };
  }, 60_000);
  afterAll(async () => {
    stores.s3.destroy();
    await ctx.close();
    await s3.stop();
  });

  for (const backend of ['postgres', 's3'] as const) {
    it.each(SIZES)(
      `${backend}: %i bytes round-trip with the expected segments, and delete leaves nothing`,
      async (size) => {
        const { segments } = await roundTrip(stores[backend], size);
        expect(segments).toBe(segmentCount(size, SEG));
      },
      120_000,
    );

    it(`${backend}: 100 MB round-trip in bounded memory`, async () => {
      const { segments, rssGrowthMiB } = await roundTrip(stores[backend], HUNDRED_MB);
      expect(segments).toBe(segmentCount(HUNDRED_MB, SEG));
      // A figure, not a timed assertion: memory holds a batch of segments, not the file.
      process.stdout.write(`documents-storage ${backend}: 100 MB round trip, RSS grew ${rssGrowthMiB} MiB during the write\n`);
    }, 600_000);
  }

  it('S3: upload and download through the API, objects hold ciphertext only, erasure deletes them (purge job)', async () => {
    const { reference } = await newCase(app, caseworker.token);
    const marker = 'MARKER-S3-CONTENT';
    const content = Buffer.concat([Buffer.from(`%PDF-1.7\n% ${marker}\n`), randomBytes(3 * SEG)]);
    const body = multipartBody({ kind: 'RSD_DECISION', title: 'MARKER-S3-TITLE' }, { name: 'MARKER-S3-FILENAME.pdf', content });
    const created = await app.http!.inject({
      method: 'POST',
      url: `/api/v1/cases/${reference}/documents`,
      headers: { ...bearer(caseworker.token), ...body.headers },
      payload: body.payload,
    });
    expect(created.statusCode).toBe(201);
    const [{ store }] = await db.query(`SELECT b.store FROM document_blobs b JOIN case_documents d ON d.blob_id = b.id WHERE d.id = $1`, [created.json().id]);
    expect(store).toBe('s3');
    expect(await db.query(`SELECT count(*)::int AS n FROM document_segments`)).toEqual([{ n: 0 }]);
    const objectsBefore = s3.objectCount();
    expect(objectsBefore).toBeGreaterThan(0);
    const download = await app.http!.inject({
      method: 'GET',
      url: `/api/v1/cases/${reference}/documents/${created.json().id}/content`,
      headers: bearer(caseworker.token),
    });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload).toEqual(content);

    const needles = [marker, 'MARKER-S3-TITLE', 'MARKER-S3-FILENAME'];
    const inObjects = () => s3.files().filter((file) => needles.some((needle) => file.bytes.includes(Buffer.from(needle))));
    expect(inObjects()).toEqual([]);
    expect(await scanDatabaseForPlaintext(db, needles)).toEqual([]);

    const erased = await eraseCase(app, reference, coordinator.token, secondCoordinator.token, 'SAFETY');
    expect(erased.statusCode).toBe(200);
    await runDueJobs(app, clock);
    expect(s3.objectCount()).toBe(0);
    expect(await db.query(`SELECT count(*)::int AS n FROM document_blobs`)).toEqual([{ n: 0 }]);
    for (const needle of needles) expect(logs.text).not.toContain(needle);
  }, 60_000);

  it('S3 unreachable: the purge job fails (the outbox retries it with backoff) and the stream stays DISCARDED until a run succeeds', async () => {
    const { reference } = await newCase(app, caseworker.token);
    const body = multipartBody({ kind: 'OTHER', title: 'retry' }, { name: 'r.pdf', content: Buffer.from('%PDF-1.7\nretry') });
    const created = await app.http!.inject({
      method: 'POST',
      url: `/api/v1/cases/${reference}/documents`,
      headers: { ...bearer(caseworker.token), ...body.headers },
      payload: body.payload,
    });
    expect(created.statusCode).toBe(201);
    const [{ blob_id: blobId }] = await db.query(`SELECT blob_id FROM case_documents WHERE id = $1`, [created.json().id]);
    expect(
      (await app.http!.inject({ method: 'DELETE', url: `/api/v1/cases/${reference}/documents/${created.json().id}`, headers: bearer(caseworker.token) }))
        .statusCode,
    ).toBe(204);
    // The server is gone: the purge fails and stays due.
    const [event] = await db.query(`SELECT id FROM outbox_events WHERE job_name = 'document.purge' AND payload->>'blobId' = $1`, [blobId]);
    const objects = s3.objectCount();
    await s3.stop();
    await expect(app.context.get(JobDispatcher).dispatch({ id: event.id, name: 'document.purge', attemptsMade: 0, opts: { attempts: 8 } })).rejects.toThrow();
    expect(await db.query(`SELECT status FROM document_blobs WHERE id = $1`, [blobId])).toEqual([{ status: 'DISCARDED' }]);
    expect(objects).toBeGreaterThan(0);
    // afterAll stops a server again: give it one.
    s3 = await TestS3Server.start();
  }, 60_000);
});

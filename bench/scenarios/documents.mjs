// documents: a 50 MB case document uploaded (streamed multipart, encrypted in 64 KiB AES-256-GCM
// segments, stored as rows) and downloaded through the running service, beside the two limits it
// sits between, measured in the same run on the same bytes: the database storing those bytes
// unencrypted in the same 64 KiB rows and 16-row INSERTs (no HTTP, no crypto), and AES-256-GCM
// over the same bytes in memory (no HTTP, no database). Then the API process's RSS growth while
// a 100 MB document streams in.
import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const MB = 1000 * 1000;
const SEGMENT = 64 * 1024;

export default {
  name: 'documents',
  description:
    'streamed encrypted upload/download of a 50 MB document beside unencrypted storage of the same bytes and in-memory AES-GCM; RSS during a 100 MB upload',
  async run({ smoke, say, lib }) {
    const size = smoke ? 2 * MB : 50 * MB;
    const bigSize = smoke ? 4 * MB : 100 * MB;
    const database = lib.benchDatabase('documents');
    const env = { ...lib.serviceEnv(database, await lib.freePort()), CORRIDOR_ROLES: 'api', DOCUMENT_MAX_BYTES: String(bigSize + MB) };
    lib.prepareDatabase(database, env);
    const { child, base } = await lib.startService(env);
    const require = createRequire(join(lib.root, 'package.json'));
    const { Client } = require('pg');
    const db = new Client({ connectionString: env.DATABASE_URL });
    await db.connect();
    try {
      const token = await lib.seedCaseworker(base, env);
      const { reference } = await lib.post(base, '/api/v1/cases', lib.intakeBody(1), token);
      const block = randomBytes(MB);
      block.write('%PDF-1.7\n', 0, 'latin1');

      say(`upload ${size / MB} MB through POST /api/v1/cases/{ref}/documents …`);
      const upload = await timed(() => uploadDocument(base, token, reference, block, size));
      say(`download it …`);
      const download = await timed(() => downloadDocument(base, token, reference, upload.value.id, size));

      say('the same bytes stored unencrypted: 64 KiB rows, 16 per INSERT, then read back in order …');
      await db.query('CREATE TABLE bench_plain_segments (blob_id uuid, idx int, data bytea, PRIMARY KEY (blob_id, idx))');
      await db.query('ALTER TABLE bench_plain_segments ALTER COLUMN data SET STORAGE EXTERNAL');
      const blobId = randomUUID();
      const plainWrite = await timed(() => plainStore(db, blobId, block, size));
      const plainRead = await timed(() => plainLoad(db, blobId, size));

      say('AES-256-GCM over the same bytes in memory, 64 KiB segments …');
      const key = randomBytes(32);
      const sealed = [];
      const aesEncrypt = await timed(async () => {
        for (const [index, segment] of segments(block, size)) sealed.push(seal(key, index, segment));
      });
      const aesDecrypt = await timed(async () => {
        sealed.forEach((segment, index) => open(key, index, segment));
      });
      sealed.length = 0;

      say(`RSS of the API process while a ${bigSize / MB} MB document streams in …`);
      const before = lib.rssMb(child.pid);
      const stopSampling = lib.sampleRss(child.pid, 100);
      const big = await timed(() => uploadDocument(base, token, reference, block, bigSize));
      const peak = stopSampling();

      const mbps = (bytes, seconds) => Math.round((bytes / MB / seconds) * 10) / 10;
      const figures = {
        'upload through the API (encrypt + store)': { perSecond: mbps(size, upload.seconds), seconds: round(upload.seconds), note: 'MB/s' },
        'download through the API (read + decrypt)': { perSecond: mbps(size, download.seconds), seconds: round(download.seconds), note: 'MB/s' },
        'PostgreSQL storing the same bytes unencrypted': { perSecond: mbps(size, plainWrite.seconds), seconds: round(plainWrite.seconds), note: 'MB/s, write' },
        'PostgreSQL reading them back': { perSecond: mbps(size, plainRead.seconds), seconds: round(plainRead.seconds), note: 'MB/s, read' },
        'AES-256-GCM in memory, encrypt': { perSecond: mbps(size, aesEncrypt.seconds), seconds: round(aesEncrypt.seconds), note: 'MB/s' },
        'AES-256-GCM in memory, decrypt': { perSecond: mbps(size, aesDecrypt.seconds), seconds: round(aesDecrypt.seconds), note: 'MB/s' },
        [`upload of ${bigSize / MB} MB`]: {
          perSecond: mbps(bigSize, big.seconds),
          seconds: round(big.seconds),
          rssMb: peak,
          note: `MB/s; API RSS ${before} MB before, peak ${peak} MB`,
        },
      };
      const uploadLimit = Math.min(mbps(size, plainWrite.seconds), mbps(size, aesEncrypt.seconds));
      const downloadLimit = Math.min(mbps(size, plainRead.seconds), mbps(size, aesDecrypt.seconds));
      const uploadRatio = round(mbps(size, upload.seconds) / uploadLimit);
      const downloadRatio = round(mbps(size, download.seconds) / downloadLimit);
      const growth = peak - before;
      return {
        settings: { 'document MB': size / MB, 'large document MB': bigSize / MB, segment: '64 KiB', store: 'postgres', processes: 'api' },
        figures,
        ratios: {
          'upload / slower limit (unencrypted write, in-memory encrypt)': uploadRatio,
          'download / slower limit (unencrypted read, in-memory decrypt)': downloadRatio,
        },
        targets: [
          { target: 'upload ≥ 0.5 × the slower limit', actual: `${uploadRatio}×`, met: uploadRatio >= 0.5 },
          { target: 'download ≥ 0.5 × the slower limit', actual: `${downloadRatio}×`, met: downloadRatio >= 0.5 },
          { target: `API RSS grows ≤ 40 MB during a ${bigSize / MB} MB upload`, actual: `${growth} MB`, met: growth <= 40 },
        ],
      };
    } finally {
      await db.end();
      await lib.stopService(child);
      lib.psql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    }
  },
};

const round = (n) => Math.round(n * 100) / 100;

async function timed(work) {
  const started = process.hrtime.bigint();
  const value = await work();
  return { value, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/** `size` bytes as repeated blocks, in 1 MB chunks. */
function* chunks(block, size) {
  for (let sent = 0; sent < size; sent += block.length) yield block.subarray(0, Math.min(block.length, size - sent));
}

function* segments(block, size) {
  let index = 0;
  for (const chunk of chunks(block, size))
    for (let offset = 0; offset < chunk.length; offset += SEGMENT) yield [index++, chunk.subarray(offset, offset + SEGMENT)];
}

function nonce(index) {
  const iv = Buffer.alloc(12);
  iv.writeUInt32BE(index, 7);
  return iv;
}

function seal(key, index, plaintext) {
  const cipher = createCipheriv('aes-256-gcm', key, nonce(index), { authTagLength: 16 });
  return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

function open(key, index, sealed) {
  const decipher = createDecipheriv('aes-256-gcm', key, nonce(index), { authTagLength: 16 });
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]);
}

async function uploadDocument(base, token, reference, block, size) {
  const boundary = `----bench${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nOTHER\r\n--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nbench\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const body = (async function* () {
    yield head;
    yield* chunks(block, size);
    yield tail;
  })();
  const response = await fetch(`${base}/api/v1/cases/${reference}/documents`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': String(head.length + size + tail.length),
    },
    body,
    duplex: 'half',
  });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`upload: ${response.status} ${text.slice(0, 200)}`);
  return JSON.parse(text);
}

async function downloadDocument(base, token, reference, id, size) {
  const response = await fetch(`${base}/api/v1/cases/${reference}/documents/${id}/content`, { headers: { authorization: `Bearer ${token}` } });
  if (response.status !== 200) throw new Error(`download: ${response.status}`);
  let received = 0;
  for await (const chunk of response.body) received += chunk.length;
  if (received !== size) throw new Error(`download: ${received} of ${size} bytes`);
  return received;
}

async function plainStore(db, blobId, block, size) {
  let batch = [];
  let index = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const values = [blobId];
    const rows = batch.map((segment, offset) => {
      values.push(index + offset, segment);
      return `($1, $${values.length - 1}, $${values.length})`;
    });
    await db.query(`INSERT INTO bench_plain_segments (blob_id, idx, data) VALUES ${rows.join(', ')}`, values);
    index += batch.length;
    batch = [];
  };
  for (const [, segment] of segments(block, size)) {
    batch.push(segment);
    if (batch.length >= 16) await flush();
  }
  await flush();
}

async function plainLoad(db, blobId, size) {
  let next = 0;
  let received = 0;
  for (;;) {
    const { rows } = await db.query('SELECT idx, data FROM bench_plain_segments WHERE blob_id = $1 AND idx >= $2 ORDER BY idx LIMIT 16', [blobId, next]);
    for (const row of rows) received += row.data.length;
    if (rows.length < 16) break;
    next = rows[rows.length - 1].idx + 1;
  }
  if (received !== size) throw new Error(`plain read: ${received} of ${size}`);
}

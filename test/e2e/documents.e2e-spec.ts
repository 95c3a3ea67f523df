import { randomBytes, randomUUID } from 'node:crypto';
import exifr from 'exifr';
import { ApiKeyScope, StaffRole } from '@common/access/roles';
import { SEGMENT_BYTES } from '@infra/crypto/segmented-cipher';
import { TickScheduler } from '@infra/scheduling/tick-scheduler';
import { DataKeyService } from '@infra/crypto/data-key.service';
import { DataSource } from 'typeorm';
import { eraseCase, newCase } from '@test/support/builders/cases';
import { bearer as partnerBearer, newAgency, newApiKey } from '@test/support/builders/partners';
import { bearer, longLivedStaff, type StaffFixture } from '@test/support/builders/staff';
import { FakeClock } from '@test/support/fake-clock';
import { jpegWithGps } from '@test/support/images';
import { LogCapture } from '@test/support/log-capture';
import { multipartBody } from '@test/support/multipart';
import { expectPartnerContract } from '@test/support/partner-contract';
import { scanDatabaseForPlaintext } from '@test/support/plaintext-scan';
import { runDueJobs } from '@test/support/run-due-jobs';
import { TestContext, type TestApp } from '@test/support/test-context';

const MAX_BYTES = 512 * 1024;

describe('case documents (PostgreSQL store)', () => {
  let ctx: TestContext;
  let app: TestApp;
  const clock = new FakeClock(new Date());
  const logs = new LogCapture();
  let caseworker: StaffFixture;
  let otherCaseworker: StaffFixture;
  let coordinator: StaffFixture;
  let secondCoordinator: StaffFixture;
  let auditor: StaffFixture;

  beforeAll(async () => {
    ctx = await TestContext.create();
    app = await ctx.startApp({ clock, logs, env: { DOCUMENT_MAX_BYTES: String(MAX_BYTES) } });
    caseworker = await longLivedStaff(app, clock, [StaffRole.Caseworker]);
    otherCaseworker = await longLivedStaff(app, clock, [StaffRole.Caseworker]);
    coordinator = await longLivedStaff(app, clock, [StaffRole.Coordinator]);
    secondCoordinator = await longLivedStaff(app, clock, [StaffRole.Coordinator]);
    auditor = await longLivedStaff(app, clock, [StaffRole.Auditor]);
  });
  afterAll(() => ctx.close());

  const db = () => ctx.dataSource();
  const pdf = (marker: string, size = 3000): Buffer => {
    const head = Buffer.from(`%PDF-1.7\n% ${marker}\n`);
    return Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length), 0x20)]);
  };
  const upload = (
    reference: string,
    who: StaffFixture,
    fields: Record<string, string>,
    file?: { name: string; content: Buffer; type?: string },
    method: 'POST' | 'PUT' = 'POST',
    id?: string,
  ) => {
    const body = multipartBody(fields, file);
    return app.http!.inject({
      method,
      url: `/api/v1/cases/${reference}/documents${id ? `/${id}` : ''}`,
      headers: { ...bearer(who.token), ...body.headers },
      payload: body.payload,
    });
  };
  const get = (url: string, who: StaffFixture) => app.http!.inject({ method: 'GET', url, headers: bearer(who.token) });
  const caseId = async (reference: string): Promise<string> =>
    (await (await db()).query<Array<{ id: string }>>(`SELECT id FROM cases WHERE reference = $1`, [reference]))[0]!.id;
  const count = async (sql: string, params: unknown[]): Promise<number> => (await (await db()).query<Array<{ n: number }>>(sql, params))[0]!.n;

  it('uploads, lists (audited) and downloads (audited) a PDF: same bytes, attachment, no-store, detected type', async () => {
    const { reference } = await newCase(app, caseworker.token);
    const content = pdf('MARKER-CONTENT-1', 3 * SEGMENT_BYTES + 17);
    const created = await upload(
      reference,
      caseworker,
      { kind: 'PASSPORT', title: 'MARKER-TITLE-1 passport', note: 'MARKER-NOTE-1 seen' },
      { name: 'MARKER-FILENAME-1.pdf', content, type: 'image/png' },
    );
    expect(created.statusCode).toBe(201);
    const doc = created.json();
    expect(doc).toMatchObject({
      kind: 'PASSPORT',
      title: 'MARKER-TITLE-1 passport',
      note: 'MARKER-NOTE-1 seen',
      fileName: 'MARKER-FILENAME-1.pdf',
      mediaType: 'application/pdf',
      sizeBytes: content.length,
      metadataRemoved: [],
      version: 1,
      checklist: null,
      uploadedBy: caseworker.id,
    });

    const listed = await get(`/api/v1/cases/${reference}/documents`, caseworker);
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items).toEqual([doc]);

    const download = await get(`/api/v1/cases/${reference}/documents/${doc.id}/content`, caseworker);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload).toEqual(content);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe(`attachment; filename="document-${doc.id}.pdf"`);
    expect(download.headers['cache-control']).toBe('no-store');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(Number(download.headers['content-length'])).toBe(content.length);

    const id = await caseId(reference);
    const actions: Array<{ action: string }> = await (await db()).query(`SELECT action FROM audit_events WHERE case_id = $1 ORDER BY occurred_at, id`, [id]);
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['case.document_added', 'case.documents_read', 'case.document_downloaded']));
    // Segments of 64 KiB + tag, the last shorter.
    expect(await count(`SELECT count(*)::int AS n FROM document_segments s JOIN case_documents d ON d.blob_id = s.blob_id WHERE d.id = $1`, [doc.id])).toBe(4);
  });

  it('removes GPS, camera and text metadata from a JPEG before encryption, and says what it removed', async () => {
    const { reference } = await newCase(app, caseworker.token);
    const jpeg = jpegWithGps({ latitude: 41.7151, longitude: 44.8271, model: 'MARKER-PHONE-MODEL' });
    expect((await exifr.gps(jpeg))?.latitude).toBeCloseTo(41.7151, 3);
    const created = await upload(
      reference,
      caseworker,
      { kind: 'INJURY_PHOTO', title: 'Bruising, left arm' },
      { name: 'IMG_0001.jpg', content: jpeg, type: 'image/jpeg' },
    );
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ mediaType: 'image/jpeg', metadataRemoved: ['COMMENT', 'EXIF', 'IPTC', 'XMP'] });
    const download = await get(`/api/v1/cases/${reference}/documents/${created.json().id}/content`, caseworker);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/jpeg');
    expect(await exifr.gps(download.rawPayload)).toBeUndefined();
    expect(await exifr.parse(download.rawPayload, { tiff: true, gps: true, xmp: true, iptc: true })).toBeUndefined();
    expect(download.rawPayload.includes(Buffer.from('MARKER-PHONE-MODEL'))).toBe(false);
  });

  it('decides the type by magic bytes only: HTML named .pdf, HEIC and non-multipart bodies are 415; nothing is stored', async () => {
    const { reference } = await newCase(app, caseworker.token);
    const before = await count(`SELECT count(*)::int AS n FROM document_segments`, []);
    const html = await upload(
      reference,
      caseworker,
      { kind: 'OTHER', title: 'x' },
      { name: 'scan.pdf', content: Buffer.from('<html><script>alert(1)</script></html>'), type: 'application/pdf' },
    );
    expect(html.statusCode).toBe(415);
    expect(html.json()).toMatchObject({ type: 'urn:corridor:problem:document-type-not-allowed', reason: 'unknown' });
    const heic = await upload(
      reference,
      caseworker,
      { kind: 'OTHER', title: 'x' },
      { name: 'a.heic', content: Buffer.from('\0\0\0\x18ftypheic\0\0\0\0mif1heic', 'latin1') },
    );
    expect(heic.statusCode).toBe(415);
    expect(heic.json().reason).toBe('heic-metadata');
    const json = await app.http!.inject({
      method: 'POST',
      url: `/api/v1/cases/${reference}/documents`,
      headers: bearer(caseworker.token),
      payload: { kind: 'OTHER' },
    });
    expect(json.statusCode).toBe(415);
    expect(await count(`SELECT count(*)::int AS n FROM document_segments`, [])).toBe(before);
    expect(await count(`SELECT count(*)::int AS n FROM case_documents WHERE case_id = $1`, [await caseId(reference)])).toBe(0);
  });

  it('refuses bad fields with 400 naming them, an unknown checklist item with 422, a missing file with 400', async () => {
    const { reference } = await newCase(app, caseworker.token);
    const file = { name: 'a.pdf', content: pdf('x') };
    const bad = await upload(reference, caseworker, { kind: 'SELFIE', title: '', extra: 'y' }, file);
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { pointer: string }) => e.pointer)
        .sort(),
    ).toEqual(['/extra', '/kind', '/title']);
    expect(JSON.stringify(bad.json())).not.toContain('SELFIE');
    const checklist = await upload(reference, caseworker, { kind: 'PASSPORT', title: 't', applicationId: randomUUID(), checklistItem: 'PASSPORT' }, file);
    expect(checklist.statusCode).toBe(422);
    expect(checklist.json().type).toBe('urn:corridor:problem:checklist-item-not-found');
    const half = await upload(reference, caseworker, { kind: 'PASSPORT', title: 't', checklistItem: 'PASSPORT' }, file);
    expect(half.statusCode).toBe(400);
    const noFile = await upload(reference, caseworker, { kind: 'PASSPORT', title: 't' });
    expect(noFile.statusCode).toBe(400);
    expect(await count(`SELECT count(*)::int AS n FROM case_documents WHERE case_id = $1`, [await caseId(reference)])).toBe(0);
  });

  it('answers 413 beyond DOCUMENT_MAX_BYTES and leaves nothing readable; the purge removes what was written', async () => {
    const { reference } = await newCase(app, caseworker.token);
    const tooBig = await upload(reference, caseworker, { kind: 'MEDICAL', title: 'big' }, { name: 'big.pdf', content: pdf('big', MAX_BYTES + 1) });
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json()).toMatchObject({ type: 'urn:corridor:problem:document-too-large', maxBytes: MAX_BYTES });
    const id = await caseId(reference);
    expect(await count(`SELECT count(*)::int AS n FROM case_documents WHERE case_id = $1`, [id])).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM document_blobs WHERE case_id = $1 AND status <> 'DISCARDED'`, [id])).toBe(0);
    await runDueJobs(app, clock);
    expect(await count(`SELECT count(*)::int AS n FROM document_blobs WHERE case_id = $1`, [id])).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM document_segments s WHERE NOT EXISTS (SELECT 1 FROM document_blobs b WHERE b.id = s.blob_id)`, [])).toBe(
      0,
    );
    // Exactly at the limit is fine.
    expect((await upload(reference, caseworker, { kind: 'MEDICAL', title: 'fits' }, { name: 'fits.pdf', content: pdf('fits', MAX_BYTES) })).statusCode).toBe(
      201,
    );
  });

  it('sweeps an abandoned upload (a process that died mid-way) and purges its segments', async () => {
    const { reference } = await newCase(app, caseworker.token);
    const id = await caseId(reference);
    const blobId = randomUUID();
    await (
      await db()
    ).query(
      `INSERT INTO document_blobs (id, case_id, store, status, key_version, salt, segment_bytes, created_at) VALUES ($1, $2, 'postgres', 'UPLOADING', 1, $3, 65536, $4)`,
      [blobId, id, randomBytes(32), clock.now()],
    );
    await (await db()).query(`INSERT INTO document_segments (blob_id, idx, data) VALUES ($1, 0, $2)`, [blobId, randomBytes(100)]);
    await app.context.get(TickScheduler).fire('documents.sweep');
    await runDueJobs(app, clock);
    expect(await count(`SELECT count(*)::int AS n FROM document_blobs WHERE id = $1`, [blobId])).toBe(1);
    clock.advance(61 * 60_000);
    await app.context.get(TickScheduler).fire('documents.sweep');
    await runDueJobs(app, clock);
    expect(await count(`SELECT count(*)::int AS n FROM document_blobs WHERE id = $1`, [blobId])).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM document_segments WHERE blob_id = $1`, [blobId])).toBe(0);
  });

  it('replaces a document (version 2, old content purged) and deletes one (row at once, content by the job)', async () => {
    const { reference } = await newCase(app, caseworker.token);
    const doc = (await upload(reference, caseworker, { kind: 'VISA_OR_TRAVEL', title: 'visa v1' }, { name: 'v1.pdf', content: pdf('v1') })).json();
    const [{ blob_id: oldBlob }] = await (await db()).query(`SELECT blob_id FROM case_documents WHERE id = $1`, [doc.id]);
    const replacement = pdf('v2', 70_000);
    const replaced = await upload(reference, caseworker, { kind: 'VISA_OR_TRAVEL', title: 'visa v2' }, { name: 'v2.pdf', content: replacement }, 'PUT', doc.id);
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json()).toMatchObject({ id: doc.id, version: 2, title: 'visa v2', sizeBytes: replacement.length });
    expect((await get(`/api/v1/cases/${reference}/documents/${doc.id}/content`, caseworker)).rawPayload).toEqual(replacement);
    await runDueJobs(app, clock);
    expect(await count(`SELECT count(*)::int AS n FROM document_segments WHERE blob_id = $1`, [oldBlob])).toBe(0);

    const removed = await app.http!.inject({ method: 'DELETE', url: `/api/v1/cases/${reference}/documents/${doc.id}`, headers: bearer(caseworker.token) });
    expect(removed.statusCode).toBe(204);
    expect((await get(`/api/v1/cases/${reference}/documents/${doc.id}/content`, caseworker)).statusCode).toBe(404);
    expect((await get(`/api/v1/cases/${reference}/documents`, caseworker)).json().items).toEqual([]);
    await runDueJobs(app, clock);
    expect(await count(`SELECT count(*)::int AS n FROM document_blobs WHERE case_id = $1`, [await caseId(reference)])).toBe(0);
  });

  it('BOLA: another caseworker, another case, auditors and malformed ids all get 404 or 403, audited, changing nothing', async () => {
    const { reference } = await newCase(app, caseworker.token);
    const { reference: otherReference } = await newCase(app, otherCaseworker.token);
    const doc = (await upload(reference, caseworker, { kind: 'PASSPORT', title: 'mine' }, { name: 'a.pdf', content: pdf('bola') })).json();
    const file = { name: 'b.pdf', content: pdf('intruder') };
    const routes = (ref: string, id: string) => [
      () => upload(ref, otherCaseworker, { kind: 'OTHER', title: 'x' }, file),
      () => get(`/api/v1/cases/${ref}/documents`, otherCaseworker),
      () => get(`/api/v1/cases/${ref}/documents/${id}/content`, otherCaseworker),
      () => upload(ref, otherCaseworker, { kind: 'OTHER', title: 'x' }, file, 'PUT', id),
      () => app.http!.inject({ method: 'DELETE', url: `/api/v1/cases/${ref}/documents/${id}`, headers: bearer(otherCaseworker.token) }),
    ];
    // Not on the case: 404 like a missing case.
    for (const call of routes(reference, doc.id)) expect((await call()).statusCode).toBe(404);
    // On their own case, with a document id of another case: 404 like a missing document.
    for (const call of routes(otherReference, doc.id).slice(2)) expect((await call()).statusCode).toBe(404);
    expect((await get(`/api/v1/cases/${reference}/documents/not-a-uuid/content`, caseworker)).statusCode).toBe(404);
    expect((await get(`/api/v1/cases/${reference}/documents`, auditor)).statusCode).toBe(403);
    // A coordinator (no activation) sees it.
    expect((await get(`/api/v1/cases/${reference}/documents/${doc.id}/content`, coordinator)).statusCode).toBe(200);
    const after = await get(`/api/v1/cases/${reference}/documents`, caseworker);
    expect(after.json().items).toMatchObject([{ id: doc.id, title: 'mine', version: 1 }]);
    expect(
      await count(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'case.access_denied' AND actor_id = $1`, [otherCaseworker.id]),
    ).toBeGreaterThanOrEqual(5);
  });

  it('refuses a tampered or swapped segment with 503 document-unreadable and no content', async () => {
    const { reference } = await newCase(app, caseworker.token);
    const a = (await upload(reference, caseworker, { kind: 'THREAT_EVIDENCE', title: 'summons' }, { name: 'a.pdf', content: pdf('SECRET-A') })).json();
    const b = (await upload(reference, caseworker, { kind: 'THREAT_EVIDENCE', title: 'summons 2' }, { name: 'b.pdf', content: pdf('SECRET-B') })).json();
    const ds = await db();
    const blobOf = async (id: string): Promise<string> =>
      (await ds.query<Array<{ blob_id: string }>>(`SELECT blob_id FROM case_documents WHERE id = $1`, [id]))[0]!.blob_id;
    await ds.query(`UPDATE document_segments SET data = overlay(data placing '\\x00'::bytea from 20 for 1) WHERE blob_id = $1 AND idx = 0`, [
      await blobOf(a.id),
    ]);
    const flipped = await get(`/api/v1/cases/${reference}/documents/${a.id}/content`, caseworker);
    expect(flipped.statusCode).toBe(503);
    expect(flipped.json().type).toBe('urn:corridor:problem:document-unreadable');
    expect(flipped.body).not.toContain('SECRET');
    // B's segment copied over A's: another stream's key and AAD.
    await ds.query(`UPDATE document_segments SET data = (SELECT data FROM document_segments WHERE blob_id = $2 AND idx = 0) WHERE blob_id = $1 AND idx = 0`, [
      await blobOf(a.id),
      await blobOf(b.id),
    ]);
    const swapped = await get(`/api/v1/cases/${reference}/documents/${a.id}/content`, caseworker);
    expect(swapped.statusCode).toBe(503);
    expect(swapped.body).not.toContain('SECRET');
  });

  it('a need-to-know share includes chosen documents: the partner lists and downloads those only, audited; revoked, they are gone', async () => {
    const { reference } = await newCase(app, caseworker.token);
    const { reference: otherReference } = await newCase(app, caseworker.token);
    const chosenContent = pdf('shared', 70_000);
    const chosen = (
      await upload(reference, caseworker, { kind: 'UNHCR_REGISTRATION', title: 'UNHCR certificate' }, { name: 'u.pdf', content: chosenContent })
    ).json();
    const withheld = (
      await upload(reference, caseworker, { kind: 'MEDICAL', title: 'MARKER-WITHHELD-TITLE' }, { name: 'm.pdf', content: pdf('withheld') })
    ).json();
    const elsewhere = (await upload(otherReference, caseworker, { kind: 'OTHER', title: 'other case' }, { name: 'o.pdf', content: pdf('o') })).json();
    const agency = await newAgency(app);
    const key = await newApiKey(app, agency.id, [ApiKeyScope.CasesRead]);
    const outsider = await newApiKey(app, (await newAgency(app)).id, [ApiKeyScope.CasesRead]);
    const share = (documentIds: string[]) =>
      app.http!.inject({
        method: 'POST',
        url: `/api/v1/cases/${reference}/shares`,
        headers: bearer(caseworker.token),
        payload: { agencyId: agency.id, fields: ['firstName'], purpose: 'SHELTER', expiresAt: new Date(clock.nowMs() + 86_400_000).toISOString(), documentIds },
      });
    const refused = await share([elsewhere.id]);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().type).toBe('urn:corridor:problem:document-not-on-case');
    const created = await share([chosen.id]);
    expect(created.statusCode).toBe(201);
    expect(created.json().documentIds).toEqual([chosen.id]);

    const partner = (url: string, credential = key.key) => app.http!.inject({ method: 'GET', url, headers: partnerBearer(credential) });
    const listUrl = `/partner/v1/cases/${reference}/documents`;
    const listed = await partner(listUrl);
    expect(listed.statusCode).toBe(200);
    expect(expectPartnerContract('GET', listUrl, listed)).toEqual({
      items: [
        {
          id: chosen.id,
          kind: 'UNHCR_REGISTRATION',
          title: 'UNHCR certificate',
          mediaType: 'application/pdf',
          sizeBytes: chosenContent.length,
          version: 1,
          updatedAt: chosen.updatedAt,
        },
      ],
    });
    expect(listed.body).not.toContain('MARKER-WITHHELD-TITLE');
    const contentUrl = (id: string) => `/partner/v1/cases/${reference}/documents/${id}/content`;
    const download = await partner(contentUrl(chosen.id));
    expect(download.statusCode).toBe(200);
    expectPartnerContract('GET', contentUrl(chosen.id), download);
    expect(download.rawPayload).toEqual(chosenContent);
    expect(download.headers['content-disposition']).toBe(`attachment; filename="document-${chosen.id}.pdf"`);
    expect(download.headers['cache-control']).toBe('no-store');
    const notShared = await partner(contentUrl(withheld.id));
    expect(notShared.statusCode).toBe(404);
    expectPartnerContract('GET', contentUrl(withheld.id), notShared);
    expect((await partner(listUrl, outsider.key)).statusCode).toBe(404);
    expect((await partner(contentUrl(chosen.id), outsider.key)).statusCode).toBe(404);
    const id = await caseId(reference);
    const actions: Array<{ action: string; outcome: string }> = await (
      await db()
    ).query(`SELECT action, outcome FROM audit_events WHERE case_id = $1 AND actor_type = 'partner'`, [id]);
    expect(actions).toEqual(
      expect.arrayContaining([
        { action: 'case.partner_documents_read', outcome: 'SUCCESS' },
        { action: 'case.partner_document_downloaded', outcome: 'SUCCESS' },
        { action: 'case.access_denied', outcome: 'DENIED' },
      ]),
    );

    const revoked = await app.http!.inject({
      method: 'POST',
      url: `/api/v1/cases/${reference}/shares/${created.json().id}/revoke`,
      headers: bearer(caseworker.token),
    });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().documentIds).toEqual([chosen.id]);
    expect((await partner(listUrl)).statusCode).toBe(404);
    expect((await partner(contentUrl(chosen.id))).statusCode).toBe(404);
  });

  it('a segment that fails after the answer started cuts the transfer short: the response is destroyed, never completed', async () => {
    const { reference } = await newCase(app, caseworker.token);
    const content = Buffer.concat([pdf('x', SEGMENT_BYTES * 2), Buffer.alloc(SEGMENT_BYTES, 0x41)]);
    const doc = (await upload(reference, caseworker, { kind: 'OTHER', title: 'three segments' }, { name: 't.pdf', content })).json();
    await (
      await db()
    ).query(
      `UPDATE document_segments SET data = overlay(data placing '\\x00'::bytea from 5 for 1) WHERE blob_id = (SELECT blob_id FROM case_documents WHERE id = $1) AND idx = 2`,
      [doc.id],
    );
    // The answer had started (200, Content-Length): the server destroys the response, so the
    // client sees a broken transfer, never a complete file.
    await expect(get(`/api/v1/cases/${reference}/documents/${doc.id}/content`, caseworker)).rejects.toThrow('response destroyed before completion');
    // The first segment was good, so the read was audited and the answer began.
    expect(await count(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'case.document_downloaded' AND resource_id = $1`, [doc.id])).toBe(1);
  });

  it('master-key rotation (keys:rotate) re-wraps the case key only: every segment byte-identical, the document still reads', async () => {
    const { reference } = await newCase(app, caseworker.token);
    const content = pdf('rotate', 2 * SEGMENT_BYTES + 5);
    const doc = (await upload(reference, caseworker, { kind: 'NATIONAL_ID', title: 'id card' }, { name: 'id.pdf', content })).json();
    const fingerprint = async () =>
      (await db()).query(
        `SELECT md5(string_agg(s.data, ''::bytea ORDER BY s.idx)) AS h FROM document_segments s JOIN case_documents d ON d.blob_id = s.blob_id WHERE d.id = $1`,
        [doc.id],
      );
    const before = await fingerprint();
    const rotated = await ctx.startApp({
      clock,
      env: {
        CORRIDOR_MASTER_KEY: randomBytes(32).toString('base64'),
        CORRIDOR_MASTER_KEY_ID: 'k-rotated',
        CORRIDOR_PREVIOUS_MASTER_KEYS: `${ctx.keys.masterKeyId}:${ctx.keys.masterKey}`,
      },
    });
    const dataKeys = rotated.context.get(DataKeyService);
    const rotatedDb = rotated.context.get(DataSource);
    while ((await rotatedDb.transaction((tx) => dataKeys.rewrapBatch(tx, 500))) > 0);
    expect(await count(`SELECT count(*)::int AS n FROM data_keys WHERE kek_id <> 'k-rotated'`, [])).toBe(0);
    expect(await fingerprint()).toEqual(before);
    const download = await rotated.http!.inject({
      method: 'GET',
      url: `/api/v1/cases/${reference}/documents/${doc.id}/content`,
      headers: bearer(caseworker.token),
    });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload).toEqual(content);
    await rotated.close();
  });

  it('erasure shreds the key (documents unreadable at once), deletes rows and segments; no marker anywhere in the database or the log', async () => {
    const { reference } = await newCase(app, caseworker.token);
    const id = await caseId(reference);
    const markers = ['MARKER-ERASE-CONTENT', 'MARKER-ERASE-TITLE', 'MARKER-ERASE-NOTE', 'MARKER-ERASE-FILENAME'];
    const doc = (
      await upload(
        reference,
        caseworker,
        { kind: 'MEDICAL', title: `${markers[1]} report`, note: markers[2]! },
        { name: `${markers[3]}.pdf`, content: pdf(markers[0]!, 200_000) },
      )
    ).json();
    expect((await get(`/api/v1/cases/${reference}/documents`, caseworker)).statusCode).toBe(200);
    // Every marker of every document uploaded in this file, before and after erasure.
    const allMarkers = [...markers, 'MARKER-CONTENT-1', 'MARKER-TITLE-1', 'MARKER-NOTE-1', 'MARKER-FILENAME-1', 'MARKER-PHONE-MODEL'];
    expect(await scanDatabaseForPlaintext(await db(), allMarkers)).toEqual([]);

    const erased = await eraseCase(app, reference, coordinator.token, secondCoordinator.token);
    expect(erased.statusCode).toBe(200);
    expect(await count(`SELECT count(*)::int AS n FROM data_keys WHERE owner_id = $1`, [id])).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM case_documents WHERE case_id = $1`, [id])).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM document_blobs WHERE case_id = $1 AND status <> 'DISCARDED'`, [id])).toBe(0);
    expect((await get(`/api/v1/cases/${reference}/documents/${doc.id}/content`, caseworker)).statusCode).toBe(404);
    await runDueJobs(app, clock);
    expect(await count(`SELECT count(*)::int AS n FROM document_blobs WHERE case_id = $1`, [id])).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM document_segments s WHERE NOT EXISTS (SELECT 1 FROM document_blobs b WHERE b.id = s.blob_id)`, [])).toBe(
      0,
    );
    expect(await scanDatabaseForPlaintext(await db(), allMarkers)).toEqual([]);
    for (const marker of allMarkers) expect(logs.text).not.toContain(marker);
  });
});

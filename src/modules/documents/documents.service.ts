import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { Inject, Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource, type EntityManager } from 'typeorm';
import { RecordNotFoundException } from '@common/access/access.exception';
import { actorOf, partnerOf, staffOf, type RequestContext } from '@common/access/request-context';
import { Clock } from '@common/clock/clock';
import { MAX_PAGE_SIZE, startAfter, toPage, type Page } from '@common/pagination/keyset';
import type { PageQueryDto } from '@common/pagination/page-query.dto';
import { DocumentsConfig } from '@config/documents.config';
import type { DataKey } from '@infra/crypto/data-key';
import { RequestValidationException } from '@infra/http/request-validation.exception';
import { CaseFieldGroup } from '@modules/access/case-access.policy';
import { AuditOutcome } from '@modules/audit/audit-outcome';
import { AuditService } from '@modules/audit/audit.service';
import { CaseAccessService, type AccessibleCase } from '@modules/cases/case-access.service';
import { CaseErasureParticipant, CaseErasureParticipants } from '@modules/cases/case-erasure.port';
import { CaseShares } from '@modules/cases/case-shares.port';
import { CaseJournal } from '@modules/cases/case-journal';
import { CaseSealer } from '@modules/cases/case-sealer';
import { ResettlementChecklist } from '@modules/journeys/resettlement/resettlement-checklist';
import type { CaseDocumentEntity, DocumentBlobEntity } from './document.entity';
import { DocumentStreams, type StoredStream } from './document-streams.service';
import { ChecklistItemNotFoundException, DocumentNotOnCaseException, DocumentStoreUnavailableException } from './documents.exception';
import { DocumentsRepository, type GrantType } from './documents.repository';
import { DocumentFieldsDto, type DocumentKind, type DocumentView, type PartnerDocumentListView, type PartnerDocumentView } from './dto/document.dto';
import { prepareContent, type DocumentUpload } from './upload';

const TABLE = 'case_documents';

/** A download about to start: headers first, then the decrypted bytes. */
export interface DocumentDownload {
  mediaType: string;
  sizeBytes: number;
  fileName: string;
  body: Readable;
}

const EXTENSION: Record<string, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/**
 * Case documents for staff: upload (streamed, type from magic bytes, image metadata removed,
 * encrypted in segments), list (titles opened, audited), download (audited, streamed), replace,
 * delete. A document needs the `documents` field group; out of scope answers 404 like missing.
 */
@Injectable()
export class DocumentsService extends CaseErasureParticipant implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: DocumentsRepository,
    private readonly streams: DocumentStreams,
    private readonly access: CaseAccessService,
    private readonly sealer: CaseSealer,
    private readonly journal: CaseJournal,
    private readonly audit: AuditService,
    private readonly checklist: ResettlementChecklist,
    private readonly participants: CaseErasureParticipants,
    private readonly clock: Clock,
    @Inject(DocumentsConfig) private readonly config: DocumentsConfig,
    // Provided by the shares module; without it no partner reaches a document.
    @Optional() private readonly shares?: CaseShares,
  ) {
    super();
  }

  onModuleInit(): void {
    this.participants.join(this);
  }

  get maxBytes(): number {
    return this.config.maxBytes;
  }

  /** Erasure: the case key is shredded in the same transaction; here the rows go and every stream is queued for deletion. */
  async eraseProtected(tx: EntityManager, caseId: string): Promise<void> {
    await this.streams.discard(tx, await this.repository.blobIdsOfCase(tx, caseId));
    await this.repository.deleteDocumentsOfCase(tx, caseId);
  }

  async upload(ctx: RequestContext, reference: string, upload: DocumentUpload): Promise<DocumentView> {
    const fields = await validFields(upload.fields);
    const { caseId, dek } = await this.dataSource.transaction(async (tx) => {
      const found = await this.requireDocuments(tx, ctx, reference, 'write');
      await this.checkChecklist(tx, found.row.id, fields);
      return { caseId: found.row.id, dek: await this.sealer.key(tx, found.row.id) };
    });
    const prepared = await prepareContent(upload.content);
    const stream = await this.streams.write(dek, caseId, prepared.body);
    return this.commit(
      stream,
      async (tx, found) => {
        const id = randomUUID();
        const now = this.clock.now();
        const row: CaseDocumentEntity = {
          id,
          caseId,
          blobId: stream.blobId,
          kind: fields.kind,
          applicationId: fields.applicationId ?? null,
          checklistItem: fields.checklistItem ?? null,
          ...this.seal(dek, caseId, id, fields, upload.fileName),
          mediaType: prepared.mediaType,
          sizeBytes: String(stream.sizeBytes),
          metadataRemoved: prepared.metadataRemoved,
          version: 1,
          uploadedBy: staffOf(ctx).userId,
          createdAt: now,
          updatedAt: now,
        };
        await this.repository.insertDocument(tx, row);
        await this.journal.record(tx, staffOf(ctx), ctx.requestId, found.row, {
          kind: 'DOCUMENT_ADDED',
          auditAction: 'case.document_added',
          details: { documentId: id, kind: fields.kind, mediaType: prepared.mediaType, metadataRemoved: prepared.metadataRemoved },
        });
        return view(row, fields.title, fields.note ?? null, upload.fileName);
      },
      ctx,
      reference,
    );
  }

  async replace(ctx: RequestContext, reference: string, documentId: string, upload: DocumentUpload): Promise<DocumentView> {
    const fields = await validFields(upload.fields);
    const { caseId, dek } = await this.dataSource.transaction(async (tx) => {
      const found = await this.requireDocuments(tx, ctx, reference, 'write');
      if (!(await this.repository.findDocument(tx, found.row.id, documentId))) throw new RecordNotFoundException('document');
      await this.checkChecklist(tx, found.row.id, fields);
      return { caseId: found.row.id, dek: await this.sealer.key(tx, found.row.id) };
    });
    const prepared = await prepareContent(upload.content);
    const stream = await this.streams.write(dek, caseId, prepared.body);
    return this.commit(
      stream,
      async (tx, found) => {
        const existing = await this.repository.findDocument(tx, caseId, documentId, true);
        // Deleted while the new content was being stored.
        if (!existing) throw new RecordNotFoundException('document');
        const changes: Partial<CaseDocumentEntity> = {
          blobId: stream.blobId,
          kind: fields.kind,
          applicationId: fields.applicationId ?? null,
          checklistItem: fields.checklistItem ?? null,
          ...this.seal(dek, caseId, documentId, fields, upload.fileName),
          mediaType: prepared.mediaType,
          sizeBytes: String(stream.sizeBytes),
          metadataRemoved: prepared.metadataRemoved,
          version: existing.version + 1,
          uploadedBy: staffOf(ctx).userId,
          updatedAt: this.clock.now(),
        };
        await this.repository.updateDocument(tx, documentId, changes);
        await this.streams.discard(tx, [existing.blobId]);
        await this.journal.record(tx, staffOf(ctx), ctx.requestId, found.row, {
          kind: 'DOCUMENT_REPLACED',
          auditAction: 'case.document_replaced',
          details: { documentId, version: existing.version + 1, kind: fields.kind, mediaType: prepared.mediaType, metadataRemoved: prepared.metadataRemoved },
        });
        return view({ ...existing, ...changes }, fields.title, fields.note ?? null, upload.fileName);
      },
      ctx,
      reference,
    );
  }

  list(ctx: RequestContext, reference: string, query: PageQueryDto): Promise<Page<DocumentView>> {
    return this.dataSource.transaction(async (tx) => {
      const found = await this.requireDocuments(tx, ctx, reference, 'read');
      const rows = await this.repository.documents(tx, found.row.id, startAfter(query.cursor), query.limit);
      const dek = rows.length > 0 ? await this.sealer.key(tx, found.row.id) : null;
      const page = dek ? toPage(rows, query.limit, (row) => this.open(dek, row)) : { items: [], nextCursor: null };
      await this.audit.record(tx, {
        actor: actorOf(ctx),
        action: 'case.documents_read',
        resourceType: 'case',
        resourceId: reference,
        caseId: found.row.id,
        requestId: ctx.requestId,
        details: { documents: page.items.length },
      });
      return page;
    });
  }

  async download(ctx: RequestContext, reference: string, documentId: string): Promise<DocumentDownload> {
    const { row, blob, dek } = await this.dataSource.transaction(async (tx) => {
      const found = await this.requireDocuments(tx, ctx, reference, 'read');
      const document = await this.repository.findDocument(tx, found.row.id, documentId);
      if (!document) throw new RecordNotFoundException('document');
      const stored = await this.repository.findBlob(tx, document.blobId);
      if (!stored || stored.status !== 'STORED') throw new DocumentStoreUnavailableException();
      // The read is on the record before a byte leaves.
      await this.audit.record(tx, {
        actor: actorOf(ctx),
        action: 'case.document_downloaded',
        resourceType: 'case_document',
        resourceId: documentId,
        caseId: found.row.id,
        requestId: ctx.requestId,
        details: { version: document.version },
      });
      return { row: document, blob: stored, dek: await this.sealer.key(tx, found.row.id) };
    });
    return this.downloadOf(row, blob, dek);
  }

  /** For the partner routes: the stream of a document already authorised and audited by the caller. */
  async downloadOf(row: CaseDocumentEntity, blob: DocumentBlobEntity, dek: DataKey): Promise<DocumentDownload> {
    const plaintext = await this.streams.open(dek, blob);
    return {
      mediaType: row.mediaType,
      sizeBytes: Number(row.sizeBytes),
      fileName: `document-${row.id}.${EXTENSION[row.mediaType] ?? 'bin'}`,
      body: Readable.from(plaintext, { objectMode: false }),
    };
  }

  remove(ctx: RequestContext, reference: string, documentId: string): Promise<void> {
    return this.dataSource.transaction(async (tx) => {
      const found = await this.requireDocuments(tx, ctx, reference, 'write');
      const document = await this.repository.findDocument(tx, found.row.id, documentId, true);
      if (!document) throw new RecordNotFoundException('document');
      await this.repository.deleteDocument(tx, documentId);
      await this.streams.discard(tx, [document.blobId]);
      await this.journal.record(tx, staffOf(ctx), ctx.requestId, found.row, {
        kind: 'DOCUMENT_DELETED',
        auditAction: 'case.document_deleted',
        details: { documentId, kind: document.kind },
      });
    });
  }

  /**
   * Grants chosen documents of a case to a partner grant (a share or an expedited request), in
   * the grant's transaction. 422 `document-not-on-case` if any is not the case's.
   */
  async grant(tx: EntityManager, grantType: GrantType, grantId: string, caseId: string, documentIds: readonly string[]): Promise<string[]> {
    const wanted = [...new Set(documentIds.map((id) => id.toLowerCase()))].sort();
    if (wanted.length === 0) return [];
    if ((await this.repository.existing(tx, caseId, wanted)).length !== wanted.length) throw new DocumentNotOnCaseException();
    await this.repository.grant(tx, grantType, grantId, caseId, wanted);
    return wanted;
  }

  /** Document ids granted to each of the grants. */
  async grantedTo(tx: EntityManager, grantType: GrantType, grantIds: readonly string[]): Promise<Map<string, string[]>> {
    return this.repository.grantedByGrant(tx, grantType, [...grantIds]);
  }

  /**
   * A document granted to a grant (e.g. an expedited request), opened for download: null when
   * the grant does not include it. The caller has checked the grant is the partner's, and audits.
   */
  async openGranted(
    tx: EntityManager,
    grantType: GrantType,
    grantId: string,
    caseId: string,
    documentId: string,
  ): Promise<{ row: CaseDocumentEntity; blob: DocumentBlobEntity; dek: DataKey } | null> {
    const granted = (await this.repository.grantedByGrant(tx, grantType, [grantId])).get(grantId) ?? [];
    const row = granted.includes(documentId) ? await this.repository.findDocument(tx, caseId, documentId) : null;
    if (!row) return null;
    const blob = await this.repository.findBlob(tx, row.blobId);
    if (!blob || blob.status !== 'STORED') throw new DocumentStoreUnavailableException();
    return { row, blob, dek: await this.sealer.key(tx, caseId) };
  }

  /** Partner: the documents its active share of the case grants (titles opened), audited. */
  partnerList(ctx: RequestContext, reference: string): Promise<PartnerDocumentListView> {
    return this.dataSource.transaction(async (tx) => {
      const { found, shareId, documentIds } = await this.partnerGrant(tx, ctx, reference);
      const rows = documentIds.length > 0 ? await this.repository.documents(tx, found.row.id, null, MAX_PAGE_SIZE, documentIds) : [];
      const dek = rows.length > 0 ? await this.sealer.key(tx, found.row.id) : null;
      const items = dek
        ? rows.slice(0, MAX_PAGE_SIZE).map((row) => partnerView(row, this.sealer.openText(dek, row.caseId, TABLE, 'title', row.id, row.titleSealed)))
        : [];
      await this.audit.record(tx, {
        actor: actorOf(ctx),
        action: 'case.partner_documents_read',
        resourceType: 'case',
        resourceId: reference,
        caseId: found.row.id,
        requestId: ctx.requestId,
        details: { shareId, documents: items.length },
      });
      return { items };
    });
  }

  /** Partner: one granted document's content, audited before a byte leaves. */
  async partnerDownload(ctx: RequestContext, reference: string, documentId: string): Promise<DocumentDownload> {
    const { row, blob, dek } = (await this.dataSource.transaction(async (tx) => {
      const { found, shareId, documentIds } = await this.partnerGrant(tx, ctx, reference);
      const document = documentIds.includes(documentId) ? await this.repository.findDocument(tx, found.row.id, documentId) : null;
      if (!document) {
        await this.audit.record(tx, {
          actor: actorOf(ctx),
          action: 'case.access_denied',
          resourceType: 'case_document',
          resourceId: documentId,
          caseId: found.row.id,
          requestId: ctx.requestId,
          outcome: AuditOutcome.Denied,
          details: { action: 'read', reason: 'document-not-shared' },
        });
        return null;
      }
      const stored = await this.repository.findBlob(tx, document.blobId);
      if (!stored || stored.status !== 'STORED') throw new DocumentStoreUnavailableException();
      await this.audit.record(tx, {
        actor: actorOf(ctx),
        action: 'case.partner_document_downloaded',
        resourceType: 'case_document',
        resourceId: documentId,
        caseId: found.row.id,
        requestId: ctx.requestId,
        details: { shareId, version: document.version },
      });
      return { row: document, blob: stored, dek: await this.sealer.key(tx, found.row.id) };
    })) ?? { row: null, blob: null, dek: null };
    if (!row || !blob || !dek) throw new RecordNotFoundException('document');
    return this.downloadOf(row, blob, dek);
  }

  private async partnerGrant(
    tx: EntityManager,
    ctx: RequestContext,
    reference: string,
  ): Promise<{ found: AccessibleCase; shareId: string; documentIds: string[] }> {
    // Passes only with an active share (read in this transaction, at this instant).
    const found = await this.access.require(tx, ctx, reference, 'read');
    const shareId = this.shares ? await this.shares.activeShareId(tx, found.row.id, partnerOf(ctx).agencyId, this.clock.now()) : null;
    if (!shareId) throw new RecordNotFoundException('case');
    const documentIds = (await this.repository.grantedByGrant(tx, 'share', [shareId])).get(shareId) ?? [];
    return { found, shareId, documentIds };
  }

  private async requireDocuments(tx: EntityManager, ctx: RequestContext, reference: string, action: 'read' | 'write'): Promise<AccessibleCase> {
    const found = await this.access.require(tx, ctx, reference, action);
    if (!found.fieldGroups.has(CaseFieldGroup.Documents)) throw new RecordNotFoundException('case');
    return found;
  }

  private async checkChecklist(tx: EntityManager, caseId: string, fields: DocumentFieldsDto): Promise<void> {
    if (fields.applicationId && fields.checklistItem && !(await this.checklist.has(tx, caseId, fields.applicationId, fields.checklistItem)))
      throw new ChecklistItemNotFoundException();
  }

  /**
   * Commits a written stream's metadata in one transaction, access checked again (the case may
   * have been erased or reassigned while the bytes arrived). On any failure the stream is
   * discarded, so nothing of it stays readable or stored.
   */
  private async commit<T>(
    stream: StoredStream,
    work: (tx: EntityManager, found: AccessibleCase) => Promise<T>,
    ctx: RequestContext,
    reference: string,
  ): Promise<T> {
    try {
      return await this.dataSource.transaction(async (tx) => {
        const found = await this.requireDocuments(tx, ctx, reference, 'write');
        if (!(await this.streams.claim(tx, stream))) throw new DocumentStoreUnavailableException();
        return work(tx, found);
      });
    } catch (error) {
      await this.streams.discardAlone(stream.blobId);
      throw error;
    }
  }

  private seal(
    dek: DataKey,
    caseId: string,
    id: string,
    fields: DocumentFieldsDto,
    fileName: string | null,
  ): Pick<CaseDocumentEntity, 'titleSealed' | 'noteSealed' | 'fileNameSealed'> {
    return {
      titleSealed: this.sealer.sealText(dek, caseId, TABLE, 'title', id, fields.title),
      noteSealed: fields.note ? this.sealer.sealText(dek, caseId, TABLE, 'note', id, fields.note) : null,
      fileNameSealed: fileName ? this.sealer.sealText(dek, caseId, TABLE, 'file_name', id, fileName) : null,
    };
  }

  private open(dek: DataKey, row: CaseDocumentEntity): DocumentView {
    const text = (field: string, sealed: Buffer | null) => (sealed ? this.sealer.openText(dek, row.caseId, TABLE, field, row.id, sealed) : null);
    return view(row, text('title', row.titleSealed) ?? '', text('note', row.noteSealed), text('file_name', row.fileNameSealed));
  }
}

async function validFields(fields: Record<string, string>): Promise<DocumentFieldsDto> {
  const dto = plainToInstance(DocumentFieldsDto, fields);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false, value: false } });
  if (errors.length > 0) throw RequestValidationException.fromValidationErrors(errors);
  return dto;
}

function view(row: CaseDocumentEntity, title: string, note: string | null, fileName: string | null): DocumentView {
  return {
    id: row.id,
    kind: row.kind as DocumentKind,
    title,
    note,
    fileName,
    mediaType: row.mediaType,
    sizeBytes: Number(row.sizeBytes),
    checklist: row.applicationId && row.checklistItem ? { applicationId: row.applicationId, item: row.checklistItem } : null,
    metadataRemoved: row.metadataRemoved,
    version: row.version,
    uploadedBy: row.uploadedBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function partnerView(row: CaseDocumentEntity, title: string): PartnerDocumentView {
  return {
    id: row.id,
    kind: row.kind as DocumentKind,
    title,
    mediaType: row.mediaType,
    sizeBytes: Number(row.sizeBytes),
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One stored, encrypted content stream (an upload). Its segments live in the configured store. */
@Entity({ name: 'document_blobs' })
@Index('document_blobs_case_idx', ['caseId'])
@Index('document_blobs_uploading_idx', ['createdAt'], { where: `"status" = 'UPLOADING'` })
export class DocumentBlobEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  /** `postgres` or `s3`. */
  @Column({ type: 'varchar', length: 16 })
  store!: string;

  /** UPLOADING (segments being written), STORED (a document points at it), DISCARDED (to delete). */
  @Column({ type: 'varchar', length: 16 })
  status!: string;

  @Column({ name: 'key_version', type: 'integer' })
  keyVersion!: number;

  /** HKDF salt of the stream key (not secret). */
  @Column({ type: 'bytea' })
  salt!: Buffer;

  @Column({ name: 'segment_bytes', type: 'integer' })
  segmentBytes!: number;

  @Column({ type: 'integer', nullable: true })
  segments!: number | null;

  @Column({ name: 'size_bytes', type: 'bigint', nullable: true })
  sizeBytes!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'discarded_at', type: 'timestamptz', nullable: true })
  discardedAt!: Date | null;
}

/** A stream's sealed segments when the PostgreSQL store holds them. */
@Entity({ name: 'document_segments' })
export class DocumentSegmentEntity {
  @PrimaryColumn({ name: 'blob_id', type: 'uuid' })
  blobId!: string;

  @PrimaryColumn({ type: 'integer' })
  idx!: number;

  @Column({ type: 'bytea' })
  data!: Buffer;
}

/** A case document: what it is (plain codes) and its sealed title, note and file name. */
@Entity({ name: 'case_documents' })
@Index('case_documents_case_idx', ['caseId', 'createdAt', 'id'])
@Index('case_documents_blob_uq', ['blobId'], { unique: true })
export class CaseDocumentEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  /** The current content (a replacement points it at a new stream). */
  @Column({ name: 'blob_id', type: 'uuid' })
  blobId!: string;

  @Column({ type: 'varchar', length: 24 })
  kind!: string;

  @Column({ name: 'application_id', type: 'uuid', nullable: true })
  applicationId!: string | null;

  @Column({ name: 'checklist_item', type: 'varchar', length: 40, nullable: true })
  checklistItem!: string | null;

  @Column({ name: 'title_sealed', type: 'bytea' })
  titleSealed!: Buffer;

  @Column({ name: 'note_sealed', type: 'bytea', nullable: true })
  noteSealed!: Buffer | null;

  @Column({ name: 'file_name_sealed', type: 'bytea', nullable: true })
  fileNameSealed!: Buffer | null;

  @Column({ name: 'media_type', type: 'varchar', length: 32 })
  mediaType!: string;

  @Column({ name: 'size_bytes', type: 'bigint' })
  sizeBytes!: string;

  @Column({ name: 'metadata_removed', type: 'text', array: true })
  metadataRemoved!: string[];

  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'uploaded_by', type: 'uuid' })
  uploadedBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** A document chosen for a partner grant: a need-to-know share (`share`) or an expedited request (`expedite`). */
@Entity({ name: 'shared_documents' })
@Index('shared_documents_document_idx', ['documentId'])
export class SharedDocumentEntity {
  @PrimaryColumn({ name: 'grant_type', type: 'varchar', length: 16 })
  grantType!: string;

  @PrimaryColumn({ name: 'grant_id', type: 'uuid' })
  grantId!: string;

  @PrimaryColumn({ name: 'document_id', type: 'uuid' })
  documentId!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;
}

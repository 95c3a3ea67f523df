import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Case documents: metadata (title, note and file name sealed), the encrypted content streams
 * (`document_blobs`, one per upload), their segments when stored in PostgreSQL, and the documents
 * chosen for a share or an expedited request.
 */
export class CaseDocuments1763871000000 implements MigrationInterface {
  name = 'CaseDocuments1763871000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE "document_blobs" (
        "id" uuid NOT NULL,
        "case_id" uuid NOT NULL,
        "store" varchar(16) NOT NULL,
        "status" varchar(16) NOT NULL,
        "key_version" integer NOT NULL,
        "salt" bytea NOT NULL,
        "segment_bytes" integer NOT NULL,
        "segments" integer,
        "size_bytes" bigint,
        "created_at" timestamptz NOT NULL,
        "discarded_at" timestamptz,
        CONSTRAINT "PK_document_blobs" PRIMARY KEY ("id")
      )`);
    await db.query(`CREATE INDEX "document_blobs_case_idx" ON "document_blobs" ("case_id")`);
    await db.query(`CREATE INDEX "document_blobs_uploading_idx" ON "document_blobs" ("created_at") WHERE "status" = 'UPLOADING'`);
    await db.query(`
      CREATE TABLE "document_segments" (
        "blob_id" uuid NOT NULL,
        "idx" integer NOT NULL,
        "data" bytea NOT NULL,
        CONSTRAINT "PK_document_segments" PRIMARY KEY ("blob_id", "idx")
      )`);
    // Ciphertext does not compress: store it out of line without trying.
    await db.query(`ALTER TABLE "document_segments" ALTER COLUMN "data" SET STORAGE EXTERNAL`);
    await db.query(`
      CREATE TABLE "case_documents" (
        "id" uuid NOT NULL,
        "case_id" uuid NOT NULL,
        "blob_id" uuid NOT NULL,
        "kind" varchar(24) NOT NULL,
        "application_id" uuid,
        "checklist_item" varchar(40),
        "title_sealed" bytea NOT NULL,
        "note_sealed" bytea,
        "file_name_sealed" bytea,
        "media_type" varchar(32) NOT NULL,
        "size_bytes" bigint NOT NULL,
        "metadata_removed" text array NOT NULL,
        "version" integer NOT NULL,
        "uploaded_by" uuid NOT NULL,
        "created_at" timestamptz NOT NULL,
        "updated_at" timestamptz NOT NULL,
        CONSTRAINT "PK_case_documents" PRIMARY KEY ("id")
      )`);
    await db.query(`CREATE INDEX "case_documents_case_idx" ON "case_documents" ("case_id", "created_at", "id")`);
    await db.query(`CREATE UNIQUE INDEX "case_documents_blob_uq" ON "case_documents" ("blob_id")`);
    await db.query(`
      CREATE TABLE "shared_documents" (
        "grant_type" varchar(16) NOT NULL,
        "grant_id" uuid NOT NULL,
        "document_id" uuid NOT NULL,
        "case_id" uuid NOT NULL,
        CONSTRAINT "PK_shared_documents" PRIMARY KEY ("grant_type", "grant_id", "document_id")
      )`);
    await db.query(`CREATE INDEX "shared_documents_document_idx" ON "shared_documents" ("document_id")`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "shared_documents"`);
    await db.query(`DROP TABLE "case_documents"`);
    await db.query(`DROP TABLE "document_segments"`);
    await db.query(`DROP TABLE "document_blobs"`);
  }
}

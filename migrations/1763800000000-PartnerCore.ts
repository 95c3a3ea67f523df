import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The partner API core: idempotency records (per agency and key), referrals (a partner's link to
 * the case its referral opened), case shares (need-to-know grants to one agency) and partner
 * service updates (typed, note sealed under the case key).
 */
export class PartnerCore1763800000000 implements MigrationInterface {
  name = 'PartnerCore1763800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE "idempotency_records" (
        "scope" varchar(100) NOT NULL,
        "key" varchar(255) NOT NULL,
        "fingerprint" char(64) NOT NULL,
        "state" varchar(16) NOT NULL,
        "status_code" integer,
        "response_body" jsonb,
        "created_at" timestamptz NOT NULL,
        "locked_until" timestamptz NOT NULL,
        "expires_at" timestamptz NOT NULL,
        CONSTRAINT "PK_idempotency_records" PRIMARY KEY ("scope", "key"),
        CONSTRAINT "idempotency_records_state_ck" CHECK ("state" IN ('IN_FLIGHT', 'COMPLETED'))
      )`);
    await db.query(`CREATE INDEX "idempotency_records_expiry_idx" ON "idempotency_records" ("expires_at")`);

    await db.query(`
      CREATE TABLE "referrals" (
        "id" uuid NOT NULL,
        "agency_id" uuid NOT NULL,
        "case_id" uuid NOT NULL,
        "status" varchar(16) NOT NULL,
        "status_version" integer NOT NULL DEFAULT 1,
        "possible_duplicate" boolean NOT NULL,
        "created_at" timestamptz NOT NULL,
        "status_changed_at" timestamptz NOT NULL,
        CONSTRAINT "PK_referrals" PRIMARY KEY ("id")
      )`);
    await db.query(`CREATE UNIQUE INDEX "referrals_case_uq" ON "referrals" ("case_id")`);
    await db.query(`CREATE INDEX "referrals_agency_idx" ON "referrals" ("agency_id", "created_at", "id")`);

    await db.query(`
      CREATE TABLE "case_shares" (
        "id" uuid NOT NULL,
        "case_id" uuid NOT NULL,
        "agency_id" uuid NOT NULL,
        "fields" text array NOT NULL,
        "purpose" varchar(32) NOT NULL,
        "created_by" varchar(100) NOT NULL,
        "created_at" timestamptz NOT NULL,
        "expires_at" timestamptz NOT NULL,
        "revoked_at" timestamptz,
        "revoked_by" varchar(100),
        CONSTRAINT "PK_case_shares" PRIMARY KEY ("id")
      )`);
    await db.query(`CREATE INDEX "case_shares_case_idx" ON "case_shares" ("case_id", "created_at", "id")`);
    await db.query(`CREATE INDEX "case_shares_agency_idx" ON "case_shares" ("agency_id", "expires_at")`);

    await db.query(`
      CREATE TABLE "service_updates" (
        "id" uuid NOT NULL,
        "case_id" uuid NOT NULL,
        "agency_id" uuid NOT NULL,
        "type" varchar(32) NOT NULL,
        "note_sealed" bytea,
        "occurred_on" date,
        "created_at" timestamptz NOT NULL,
        CONSTRAINT "PK_service_updates" PRIMARY KEY ("id")
      )`);
    await db.query(`CREATE INDEX "service_updates_case_idx" ON "service_updates" ("case_id", "created_at", "id")`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "service_updates"`);
    await db.query(`DROP TABLE "case_shares"`);
    await db.query(`DROP TABLE "referrals"`);
    await db.query(`DROP TABLE "idempotency_records"`);
  }
}

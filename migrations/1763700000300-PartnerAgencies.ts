import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Partner agencies and their API keys (stored as SHA-256 hashes, never in clear). */
export class PartnerAgencies1763700000300 implements MigrationInterface {
  name = 'PartnerAgencies1763700000300';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE "partner_agencies" (
        "id" uuid NOT NULL,
        "name" varchar(200) NOT NULL,
        "type" varchar(32) NOT NULL,
        "countries" varchar(2) array NOT NULL,
        "status" varchar(16) NOT NULL,
        "contact_channel" varchar(200),
        "created_at" timestamptz NOT NULL,
        "updated_at" timestamptz NOT NULL,
        CONSTRAINT "PK_partner_agencies" PRIMARY KEY ("id"),
        CONSTRAINT "partner_agencies_type_check" CHECK ("type" IN ('NGO', 'SHELTER', 'UNHCR', 'GOVERNMENT', 'SETTLEMENT_AGENCY')),
        CONSTRAINT "partner_agencies_status_check" CHECK ("status" IN ('ACTIVE', 'SUSPENDED'))
      )`);
    await db.query(`CREATE INDEX "partner_agencies_keyset_idx" ON "partner_agencies" ("created_at", "id")`);
    await db.query(`
      CREATE TABLE "api_keys" (
        "id" uuid NOT NULL,
        "agency_id" uuid NOT NULL,
        "label" varchar(100) NOT NULL,
        "lookup_id" varchar(12) NOT NULL,
        "secret_hash" varchar(64) NOT NULL,
        "scopes" text array NOT NULL,
        "created_at" timestamptz NOT NULL,
        "expires_at" timestamptz,
        "revoked_at" timestamptz,
        "last_used_at" timestamptz,
        "epoch" integer NOT NULL,
        "rotated_from" uuid,
        CONSTRAINT "PK_api_keys" PRIMARY KEY ("id"),
        CONSTRAINT "api_keys_agency_fk" FOREIGN KEY ("agency_id") REFERENCES "partner_agencies" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
        CONSTRAINT "api_keys_rotated_from_fk" FOREIGN KEY ("rotated_from") REFERENCES "api_keys" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`);
    await db.query(`CREATE UNIQUE INDEX "api_keys_lookup_id_uq" ON "api_keys" ("lookup_id")`);
    await db.query(`CREATE UNIQUE INDEX "api_keys_rotated_from_uq" ON "api_keys" ("rotated_from")`);
    await db.query(`CREATE INDEX "api_keys_agency_keyset_idx" ON "api_keys" ("agency_id", "created_at", "id")`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "api_keys"`);
    await db.query(`DROP TABLE "partner_agencies"`);
  }
}

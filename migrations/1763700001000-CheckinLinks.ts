import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Check-in PINs (argon2id hashes) and one-time check-in links (SHA-256 of the token). */
export class CheckinLinks1763700001000 implements MigrationInterface {
  name = 'CheckinLinks1763700001000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE "checkin_pins" (
        "case_id" uuid NOT NULL,
        "safety_pin_hash" varchar(200) NOT NULL,
        "duress_pin_hash" varchar(200) NOT NULL,
        "set_at" timestamptz NOT NULL,
        "set_by" varchar(100) NOT NULL,
        CONSTRAINT "PK_checkin_pins" PRIMARY KEY ("case_id")
      )`);
    await db.query(`
      CREATE TABLE "checkin_links" (
        "id" uuid NOT NULL,
        "case_id" uuid NOT NULL,
        "kind" varchar(16) NOT NULL,
        "token_hash" char(64) NOT NULL,
        "created_at" timestamptz NOT NULL,
        "created_by" varchar(100) NOT NULL,
        "expires_at" timestamptz NOT NULL,
        "spent_at" timestamptz,
        "failed_attempts" integer NOT NULL DEFAULT 0,
        CONSTRAINT "PK_checkin_links" PRIMARY KEY ("id"),
        CONSTRAINT "checkin_links_attempts_ck" CHECK ("failed_attempts" >= 0)
      )`);
    await db.query(`CREATE UNIQUE INDEX "checkin_links_token_uq" ON "checkin_links" ("token_hash")`);
    await db.query(`CREATE INDEX "checkin_links_case_idx" ON "checkin_links" ("case_id")`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "checkin_links"`);
    await db.query(`DROP TABLE "checkin_pins"`);
  }
}

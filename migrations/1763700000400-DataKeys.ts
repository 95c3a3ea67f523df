import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Per-owner data keys for envelope encryption, stored only wrapped under a master key. */
export class DataKeys1763700000400 implements MigrationInterface {
  name = 'DataKeys1763700000400';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE "data_keys" (
        "owner_type" varchar(32) NOT NULL,
        "owner_id" uuid NOT NULL,
        "key_version" integer NOT NULL,
        "kek_id" varchar(32) NOT NULL,
        "wrapped_key" bytea NOT NULL,
        "created_at" timestamptz NOT NULL,
        "rotated_at" timestamptz,
        CONSTRAINT "PK_data_keys" PRIMARY KEY ("owner_type", "owner_id")
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "data_keys"`);
  }
}

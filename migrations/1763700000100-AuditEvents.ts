import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The append-only audit log (sealing, chaining and the immutability trigger follow). */
export class AuditEvents1763700000100 implements MigrationInterface {
  name = 'AuditEvents1763700000100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE "audit_events" (
        "id" uuid NOT NULL,
        "seq" bigint,
        "occurred_at" timestamptz NOT NULL,
        "actor_type" varchar(16) NOT NULL,
        "actor_id" varchar(100),
        "actor_credential_id" uuid,
        "action" varchar(64) NOT NULL,
        "resource_type" varchar(40) NOT NULL,
        "resource_id" varchar(100),
        "case_id" uuid,
        "outcome" varchar(10) NOT NULL,
        "request_id" varchar(64),
        "details" jsonb NOT NULL DEFAULT '{}',
        "prev_hash" varchar(64),
        "hash" varchar(64),
        "sealed_at" timestamptz,
        CONSTRAINT "PK_audit_events" PRIMARY KEY ("id")
      )`);
    await db.query(`CREATE UNIQUE INDEX "audit_events_seq_uq" ON "audit_events" ("seq")`);
    await db.query(`CREATE INDEX "audit_events_unsealed_idx" ON "audit_events" ("occurred_at") WHERE "seq" IS NULL`);
    await db.query(`CREATE INDEX "audit_events_case_idx" ON "audit_events" ("case_id", "occurred_at")`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "audit_events"`);
  }
}

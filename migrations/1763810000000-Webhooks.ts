import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Outbound webhooks (partner endpoints and staff alert channels), their deliveries, and the egress allowlist. */
export class Webhooks1763810000000 implements MigrationInterface {
  name = 'Webhooks1763810000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE "webhook_endpoints" (
        "id" uuid NOT NULL,
        "audience" varchar(16) NOT NULL,
        "agency_id" uuid,
        "url" varchar(2048) NOT NULL,
        "description" varchar(100),
        "event_types" text array NOT NULL,
        "secret_sealed" bytea,
        "status" varchar(16) NOT NULL,
        "disabled_reason" varchar(32),
        "disabled_at" timestamptz,
        "consecutive_failed_deliveries" integer NOT NULL DEFAULT 0,
        "failing_since" timestamptz,
        "created_at" timestamptz NOT NULL,
        "created_by" varchar(100) NOT NULL,
        "deleted_at" timestamptz,
        CONSTRAINT "PK_webhook_endpoints" PRIMARY KEY ("id"),
        CONSTRAINT "webhook_endpoints_audience_ck" CHECK (("audience" = 'PARTNER') = ("agency_id" IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX "webhook_endpoints_agency_idx" ON "webhook_endpoints" ("agency_id", "created_at", "id")`);
    await db.query(`
      CREATE TABLE "webhook_deliveries" (
        "id" uuid NOT NULL,
        "endpoint_id" uuid NOT NULL,
        "event_id" uuid NOT NULL,
        "event_type" varchar(64) NOT NULL,
        "body" text NOT NULL,
        "status" varchar(16) NOT NULL,
        "attempts" integer NOT NULL DEFAULT 0,
        "max_attempts" integer NOT NULL,
        "next_attempt_at" timestamptz,
        "last_attempt_at" timestamptz,
        "last_status_code" integer,
        "last_error" varchar(64),
        "response_excerpt" varchar(256),
        "created_at" timestamptz NOT NULL,
        "completed_at" timestamptz,
        CONSTRAINT "PK_webhook_deliveries" PRIMARY KEY ("id"),
        CONSTRAINT "webhook_deliveries_attempts_ck" CHECK ("attempts" >= 0 AND "attempts" <= "max_attempts")
      )`);
    await db.query(`CREATE UNIQUE INDEX "webhook_deliveries_event_endpoint_uq" ON "webhook_deliveries" ("event_id", "endpoint_id")`);
    await db.query(`CREATE INDEX "webhook_deliveries_endpoint_idx" ON "webhook_deliveries" ("endpoint_id", "created_at", "id")`);
    await db.query(`
      CREATE TABLE "egress_allowlist" (
        "id" uuid NOT NULL,
        "host" varchar(253) NOT NULL,
        "created_at" timestamptz NOT NULL,
        "created_by" varchar(100) NOT NULL,
        CONSTRAINT "PK_egress_allowlist" PRIMARY KEY ("id")
      )`);
    await db.query(`CREATE UNIQUE INDEX "egress_allowlist_host_uq" ON "egress_allowlist" ("host")`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "egress_allowlist"`);
    await db.query(`DROP TABLE "webhook_deliveries"`);
    await db.query(`DROP TABLE "webhook_endpoints"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Expedited protection requests and their answers; escalation reassignment and timeline. Existing
 * escalations get the timeline their columns can still tell (opened, acknowledged, resolved).
 */
export class ExpediteRequests1763830000000 implements MigrationInterface {
  name = 'ExpediteRequests1763830000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE "expedite_requests" (
        "id" uuid NOT NULL,
        "case_id" uuid NOT NULL,
        "case_reference" varchar(11) NOT NULL,
        "application_id" uuid NOT NULL,
        "agency_id" uuid NOT NULL,
        "destination_country" char(2) NOT NULL,
        "pathway" varchar(24) NOT NULL,
        "deadline_at" timestamptz NOT NULL,
        "status" varchar(32) NOT NULL,
        "shared_fields" varchar(24) array NOT NULL,
        "person_share_sealed" bytea,
        "consent_override_reason_sealed" bytea,
        "requested_by" uuid NOT NULL,
        "created_at" timestamptz NOT NULL,
        "decided_at" timestamptz,
        "overdue_at" timestamptz,
        "updated_at" timestamptz NOT NULL,
        CONSTRAINT "PK_expedite_requests" PRIMARY KEY ("id")
      )`);
    await db.query(`CREATE INDEX "expedite_requests_agency_idx" ON "expedite_requests" ("agency_id", "created_at", "id")`);
    await db.query(`CREATE INDEX "expedite_requests_case_idx" ON "expedite_requests" ("case_id", "created_at")`);
    // One undecided request per application and liaison: a second would only duplicate the ask.
    await db.query(`CREATE UNIQUE INDEX "expedite_requests_undecided_uq" ON "expedite_requests" ("application_id", "agency_id") WHERE "decided_at" IS NULL`);
    await db.query(`CREATE INDEX "expedite_requests_deadline_idx" ON "expedite_requests" ("deadline_at") WHERE "decided_at" IS NULL AND "overdue_at" IS NULL`);
    await db.query(`
      CREATE TABLE "expedite_responses" (
        "id" uuid NOT NULL,
        "request_id" uuid NOT NULL,
        "case_id" uuid NOT NULL,
        "agency_id" uuid NOT NULL,
        "api_key_id" uuid NOT NULL,
        "answer" varchar(32) NOT NULL,
        "late" boolean NOT NULL,
        "message_sealed" bytea,
        "document_sealed" bytea,
        "responded_at" timestamptz NOT NULL,
        CONSTRAINT "PK_expedite_responses" PRIMARY KEY ("id")
      )`);
    await db.query(`CREATE INDEX "expedite_responses_request_idx" ON "expedite_responses" ("request_id", "responded_at", "id")`);
    await db.query(`CREATE INDEX "expedite_responses_case_idx" ON "expedite_responses" ("case_id")`);

    await db.query(`ALTER TABLE "escalations" ADD "assignee_id" uuid`);
    await db.query(`
      CREATE TABLE "escalation_events" (
        "id" uuid NOT NULL,
        "escalation_id" uuid NOT NULL,
        "case_id" uuid NOT NULL,
        "kind" varchar(16) NOT NULL,
        "level" integer NOT NULL,
        "actor" varchar(100) NOT NULL,
        "details" jsonb NOT NULL DEFAULT '{}',
        "occurred_at" timestamptz NOT NULL,
        CONSTRAINT "PK_escalation_events" PRIMARY KEY ("id")
      )`);
    await db.query(`CREATE INDEX "escalation_events_escalation_idx" ON "escalation_events" ("escalation_id", "occurred_at", "id")`);
    // Level climbs before this migration are in the audit log only; the rest is in the row.
    await db.query(`
      INSERT INTO "escalation_events" ("id", "escalation_id", "case_id", "kind", "level", "actor", "details", "occurred_at")
      SELECT gen_random_uuid(), "id", "case_id", 'OPENED', "level", "opened_by", jsonb_build_object('trigger', "trigger", 'backfilled', true), "opened_at" FROM "escalations"
      UNION ALL
      SELECT gen_random_uuid(), "id", "case_id", 'ACKNOWLEDGED', "level", "acknowledged_by", '{}', "acknowledged_at" FROM "escalations" WHERE "acknowledged_at" IS NOT NULL
      UNION ALL
      SELECT gen_random_uuid(), "id", "case_id", 'RESOLVED', "level", "resolved_by", jsonb_build_object('outcome', "outcome"), "resolved_at" FROM "escalations" WHERE "resolved_at" IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "escalation_events"`);
    await db.query(`ALTER TABLE "escalations" DROP COLUMN "assignee_id"`);
    await db.query(`DROP TABLE "expedite_responses"`);
    await db.query(`DROP TABLE "expedite_requests"`);
  }
}

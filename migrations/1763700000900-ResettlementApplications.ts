import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Resettlement applications (four-eyes submission, consent gate, destination arrival, handover) and their milestones. */
export class ResettlementApplications1763700000900 implements MigrationInterface {
  name = 'ResettlementApplications1763700000900';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE "resettlement_applications" (
        "id" uuid NOT NULL,
        "case_id" uuid NOT NULL,
        "destination_country" char(2) NOT NULL,
        "pathway" varchar(24) NOT NULL,
        "sponsoring_body" varchar(200),
        "status" varchar(24) NOT NULL,
        "next_step" varchar(24),
        "documents" jsonb NOT NULL,
        "submission_requested_by" uuid,
        "submission_requested_at" timestamptz,
        "submission_approved_by" uuid,
        "submission_approved_at" timestamptz,
        "consent_overridden" boolean NOT NULL DEFAULT false,
        "consent_override_reason_sealed" bytea,
        "destination_arrived_on" date,
        "handed_over_at" timestamptz,
        "settlement_agency_id" uuid,
        "created_by" uuid NOT NULL,
        "created_at" timestamptz NOT NULL,
        "updated_at" timestamptz NOT NULL,
        CONSTRAINT "PK_resettlement_applications" PRIMARY KEY ("id")
      )`);
    await db.query(`CREATE INDEX "resettlement_applications_case_idx" ON "resettlement_applications" ("case_id", "created_at", "id")`);
    await db.query(`
      CREATE TABLE "resettlement_milestones" (
        "id" uuid NOT NULL,
        "application_id" uuid NOT NULL,
        "case_id" uuid NOT NULL,
        "type" varchar(24) NOT NULL,
        "occurred_on" date NOT NULL,
        "note_sealed" bytea,
        "recorded_by" uuid NOT NULL,
        "created_at" timestamptz NOT NULL,
        CONSTRAINT "PK_resettlement_milestones" PRIMARY KEY ("id")
      )`);
    await db.query(`CREATE INDEX "resettlement_milestones_application_idx" ON "resettlement_milestones" ("application_id", "occurred_on", "id")`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['resettlement_milestones', 'resettlement_applications']) await db.query(`DROP TABLE "${table}"`);
  }
}

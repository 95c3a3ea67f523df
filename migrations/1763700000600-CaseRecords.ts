import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Protected case records: the case file, assignments, notes, history, match keys, triage. */
export class CaseRecords1763700000600 implements MigrationInterface {
  name = 'CaseRecords1763700000600';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE "cases" (
        "id" uuid NOT NULL,
        "reference" varchar(11) NOT NULL,
        "stage" varchar(32) NOT NULL,
        "previous_stage" varchar(32),
        "priority" varchar(16) NOT NULL,
        "flags" text array NOT NULL DEFAULT '{}',
        "origin_country" char(2) NOT NULL,
        "current_country" char(2),
        "activation_id" uuid,
        "referring_agency_id" uuid,
        "consent_services" boolean NOT NULL DEFAULT false,
        "consent_sharing" boolean NOT NULL DEFAULT false,
        "consent_resettlement" boolean NOT NULL DEFAULT false,
        "consent_method" varchar(24),
        "consent_obtained_at" timestamptz,
        "consent_recorded_by" varchar(100),
        "consent_recorded_at" timestamptz,
        "verification" varchar(24) NOT NULL DEFAULT 'NONE',
        "triage_due_at" timestamptz,
        "triaged_at" timestamptz,
        "possible_duplicate" boolean NOT NULL DEFAULT false,
        "dependants_count" integer NOT NULL DEFAULT 0,
        "closure_reason" varchar(32),
        "closed_at" timestamptz,
        "legal_hold" boolean NOT NULL DEFAULT false,
        "erased_at" timestamptz,
        "created_at" timestamptz NOT NULL,
        "updated_at" timestamptz NOT NULL,
        "person_sealed" bytea,
        "contact_sealed" bytea,
        "location_sealed" bytea,
        "narrative_sealed" bytea,
        "sogiesc_sealed" bytea,
        "health_sealed" bytea,
        "documents_sealed" bytea,
        "dependants_sealed" bytea,
        CONSTRAINT "PK_cases" PRIMARY KEY ("id")
      )`);
    await db.query(`CREATE UNIQUE INDEX "cases_reference_uq" ON "cases" ("reference")`);
    await db.query(`CREATE INDEX "cases_stage_idx" ON "cases" ("stage", "created_at", "id")`);
    await db.query(`CREATE INDEX "cases_origin_idx" ON "cases" ("origin_country")`);
    await db.query(`CREATE INDEX "cases_activation_idx" ON "cases" ("activation_id")`);
    await db.query(`
      CREATE TABLE "case_assignments" (
        "case_id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "assigned_at" timestamptz NOT NULL,
        "assigned_by" varchar(100) NOT NULL,
        CONSTRAINT "PK_case_assignments" PRIMARY KEY ("case_id", "user_id")
      )`);
    await db.query(`CREATE INDEX "case_assignments_user_idx" ON "case_assignments" ("user_id")`);
    await db.query(`
      CREATE TABLE "case_notes" (
        "id" uuid NOT NULL,
        "case_id" uuid NOT NULL,
        "author_id" uuid NOT NULL,
        "body_sealed" bytea NOT NULL,
        "created_at" timestamptz NOT NULL,
        CONSTRAINT "PK_case_notes" PRIMARY KEY ("id")
      )`);
    await db.query(`CREATE INDEX "case_notes_case_idx" ON "case_notes" ("case_id", "created_at", "id")`);
    await db.query(`
      CREATE TABLE "case_history" (
        "id" uuid NOT NULL,
        "case_id" uuid NOT NULL,
        "occurred_at" timestamptz NOT NULL,
        "actor_type" varchar(16) NOT NULL,
        "actor_id" varchar(100),
        "kind" varchar(40) NOT NULL,
        "from_stage" varchar(32),
        "to_stage" varchar(32),
        "details" jsonb NOT NULL DEFAULT '{}',
        CONSTRAINT "PK_case_history" PRIMARY KEY ("id")
      )`);
    await db.query(`CREATE INDEX "case_history_case_idx" ON "case_history" ("case_id", "occurred_at", "id")`);
    await db.query(`
      CREATE TABLE "case_match_keys" (
        "case_id" uuid NOT NULL,
        "kind" varchar(32) NOT NULL,
        "digest" varchar(64) NOT NULL,
        CONSTRAINT "PK_case_match_keys" PRIMARY KEY ("case_id", "kind", "digest")
      )`);
    await db.query(`CREATE INDEX "case_match_keys_digest_idx" ON "case_match_keys" ("digest")`);
    await db.query(`
      CREATE TABLE "case_duplicate_candidates" (
        "case_id" uuid NOT NULL,
        "candidate_case_id" uuid NOT NULL,
        "reasons" text array NOT NULL,
        "flagged_at" timestamptz NOT NULL,
        "resolved_at" timestamptz,
        CONSTRAINT "PK_case_duplicate_candidates" PRIMARY KEY ("case_id", "candidate_case_id")
      )`);
    await db.query(`
      CREATE TABLE "triage_assessments" (
        "id" uuid NOT NULL,
        "case_id" uuid NOT NULL,
        "factors" text array NOT NULL,
        "score" integer NOT NULL,
        "suggested_priority" varchar(16) NOT NULL,
        "priority" varchar(16) NOT NULL,
        "override_reason_sealed" bytea,
        "assessed_by" uuid NOT NULL,
        "assessed_at" timestamptz NOT NULL,
        CONSTRAINT "PK_triage_assessments" PRIMARY KEY ("id")
      )`);
    await db.query(`CREATE INDEX "triage_assessments_case_idx" ON "triage_assessments" ("case_id", "assessed_at")`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['triage_assessments', 'case_duplicate_candidates', 'case_match_keys', 'case_history', 'case_notes', 'case_assignments', 'cases']) {
      await db.query(`DROP TABLE "${table}"`);
    }
  }
}

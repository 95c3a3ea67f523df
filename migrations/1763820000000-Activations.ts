import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rapid-response activations (spec 3.7): the activation, its roster, and the history of which
 * cases it held. "A case belongs to at most one active activation" is the partial unique index
 * `activation_cases_held_uq`; `cases.activation_id` mirrors the held link for the case queries.
 */
export class Activations1763820000000 implements MigrationInterface {
  name = 'Activations1763820000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE "activations" (
        "id" uuid NOT NULL,
        "code" varchar(32) NOT NULL,
        "title" varchar(200) NOT NULL,
        "description" varchar(4000) NOT NULL DEFAULT '',
        "origin_countries" text array NOT NULL,
        "transit_countries" text array NOT NULL DEFAULT '{}',
        "agency_ids" uuid array NOT NULL DEFAULT '{}',
        "coordinator_ids" uuid array NOT NULL,
        "overrides" jsonb NOT NULL DEFAULT '{}',
        "status" varchar(16) NOT NULL,
        "started_at" timestamptz NOT NULL,
        "started_by" uuid NOT NULL,
        "stood_down_at" timestamptz,
        "stood_down_by" uuid,
        "fanout_kind" varchar(16),
        "fanout_generation" integer NOT NULL DEFAULT 0,
        "fanout_chunks_total" integer NOT NULL DEFAULT 0,
        "fanout_chunks_done" integer NOT NULL DEFAULT 0,
        "fanout_targeted" integer NOT NULL DEFAULT 0,
        "fanout_linked" integer NOT NULL DEFAULT 0,
        "fanout_rescheduled" integer NOT NULL DEFAULT 0,
        "fanout_assigned" integer NOT NULL DEFAULT 0,
        "fanout_unplaced" integer NOT NULL DEFAULT 0,
        "fanout_failed" integer NOT NULL DEFAULT 0,
        "fanout_released" integer NOT NULL DEFAULT 0,
        "fanout_started_at" timestamptz,
        "fanout_finished_at" timestamptz,
        "updated_at" timestamptz NOT NULL,
        CONSTRAINT "PK_activations" PRIMARY KEY ("id"),
        CONSTRAINT "activations_status_ck" CHECK ("status" IN ('ACTIVE', 'STOOD_DOWN')),
        CONSTRAINT "activations_stood_down_ck" CHECK (("status" = 'STOOD_DOWN') = ("stood_down_at" IS NOT NULL))
      )`);
    await db.query(`CREATE UNIQUE INDEX "activations_code_uq" ON "activations" ("code")`);
    await db.query(`
      CREATE TABLE "activation_roster" (
        "activation_id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "caseload_cap" integer NOT NULL,
        "added_at" timestamptz NOT NULL,
        CONSTRAINT "PK_activation_roster" PRIMARY KEY ("activation_id", "user_id"),
        CONSTRAINT "activation_roster_cap_ck" CHECK ("caseload_cap" > 0)
      )`);
    await db.query(`
      CREATE TABLE "activation_cases" (
        "activation_id" uuid NOT NULL,
        "case_id" uuid NOT NULL,
        "linked_at" timestamptz NOT NULL,
        "linked_via" varchar(16) NOT NULL,
        "policy_generation" integer NOT NULL,
        "released_at" timestamptz,
        CONSTRAINT "PK_activation_cases" PRIMARY KEY ("activation_id", "case_id")
      )`);
    await db.query(`CREATE UNIQUE INDEX "activation_cases_held_uq" ON "activation_cases" ("case_id") WHERE "released_at" IS NULL`);
    await db.query(`
      CREATE TABLE "activation_fanout_chunks" (
        "activation_id" uuid NOT NULL,
        "generation" integer NOT NULL,
        "chunk" integer NOT NULL,
        "done_at" timestamptz NOT NULL,
        "counts" jsonb NOT NULL,
        CONSTRAINT "PK_activation_fanout_chunks" PRIMARY KEY ("activation_id", "generation", "chunk")
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['activation_fanout_chunks', 'activation_cases', 'activation_roster', 'activations']) await db.query(`DROP TABLE "${table}"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Journeys: relocation plans, movement legs, safe-country stays and the stay-rule table.
 *
 * The seeded stay rules were taken from the sources named in each row on the date given; laws
 * change, so the operator must verify them (and re-date `checked_on`) before relying on them.
 */
export class Journeys1763700000700 implements MigrationInterface {
  name = 'Journeys1763700000700';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE "relocation_plans" (
        "id" uuid NOT NULL,
        "case_id" uuid NOT NULL,
        "status" varchar(16) NOT NULL,
        "origin_country" char(2) NOT NULL,
        "transit_country" char(2) NOT NULL,
        "destination_country" char(2) NOT NULL,
        "planned_departure_date" date,
        "estimated_cost_minor" integer,
        "cost_currency" char(3),
        "notes_sealed" bytea,
        "requested_by" uuid NOT NULL,
        "requested_at" timestamptz NOT NULL,
        "decided_by" uuid,
        "decided_at" timestamptz,
        "updated_at" timestamptz NOT NULL,
        CONSTRAINT "PK_relocation_plans" PRIMARY KEY ("id")
      )`);
    await db.query(`CREATE INDEX "relocation_plans_case_idx" ON "relocation_plans" ("case_id", "requested_at", "id")`);
    await db.query(`
      CREATE TABLE "movement_legs" (
        "id" uuid NOT NULL,
        "case_id" uuid NOT NULL,
        "from_country" char(2) NOT NULL,
        "to_country" char(2) NOT NULL,
        "mode" varchar(8) NOT NULL,
        "status" varchar(16) NOT NULL,
        "planned_departure_date" date,
        "planned_arrival_date" date,
        "departed_at" timestamptz,
        "arrived_at" timestamptz,
        "aborted_at" timestamptz,
        "created_by" uuid NOT NULL,
        "created_at" timestamptz NOT NULL,
        "updated_at" timestamptz NOT NULL,
        CONSTRAINT "PK_movement_legs" PRIMARY KEY ("id")
      )`);
    await db.query(`CREATE INDEX "movement_legs_case_idx" ON "movement_legs" ("case_id", "created_at", "id")`);
    await db.query(`
      CREATE TABLE "safe_country_stays" (
        "id" uuid NOT NULL,
        "case_id" uuid NOT NULL,
        "host_country" char(2) NOT NULL,
        "entry_date" date NOT NULL,
        "allowed_days" integer,
        "stay_rule_source" text,
        "exit_date" date,
        "accommodation_type" varchar(16),
        "accommodation_location_sealed" bytea,
        "recorded_by" uuid NOT NULL,
        "created_at" timestamptz NOT NULL,
        "updated_at" timestamptz NOT NULL,
        CONSTRAINT "PK_safe_country_stays" PRIMARY KEY ("id")
      )`);
    await db.query(`CREATE INDEX "safe_country_stays_case_idx" ON "safe_country_stays" ("case_id", "entry_date", "id")`);
    await db.query(`
      CREATE TABLE "stay_rules" (
        "nationality" char(2) NOT NULL,
        "host_country" char(2) NOT NULL,
        "allowed_days" integer NOT NULL,
        "source" text NOT NULL,
        "checked_on" date NOT NULL,
        "updated_by" varchar(100),
        "updated_at" timestamptz NOT NULL,
        CONSTRAINT "PK_stay_rules" PRIMARY KEY ("nationality", "host_country")
      )`);
    const seeded = '2026-11-21T00:00:00Z';
    const georgia =
      'Law of Georgia on the Legal Status of Aliens and Stateless Persons, with the list of visa-free countries: visa-free stay of 365 days. Seed value: operator to verify.';
    await db.query(
      `INSERT INTO "stay_rules" ("nationality", "host_country", "allowed_days", "source", "checked_on", "updated_by", "updated_at") VALUES
        ('AZ', 'GE', 365, $1, '2026-11-21', 'seed', $3),
        ('RU', 'GE', 365, $1, '2026-11-21', 'seed', $3),
        ('AZ', 'TR', 90, $2, '2026-11-21', 'seed', $3)`,
      [
        georgia,
        'Republic of Türkiye visa exemption for ordinary passport holders of Azerbaijan: 90 days within any 180. Seed value: operator to verify.',
        seeded,
      ],
    );
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['stay_rules', 'safe_country_stays', 'movement_legs', 'relocation_plans']) await db.query(`DROP TABLE "${table}"`);
  }
}

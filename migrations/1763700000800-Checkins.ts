import type { MigrationInterface, QueryRunner } from 'typeorm';

const H = 60;
const D = 24 * H;
/** Spec 3.5 defaults, minutes: [stage, EMERGENCY, URGENT, NORMAL]. */
const DEFAULT_INTERVALS: Array<[string, number, number, number]> = [
  ['INTAKE', 24 * H, 48 * H, 7 * D],
  ['VERIFICATION', 24 * H, 48 * H, 7 * D],
  ['TRIAGED', 24 * H, 48 * H, 7 * D],
  ['RELOCATION_PLANNED', 24 * H, 48 * H, 7 * D],
  ['IN_TRANSIT', 12 * H, 12 * H, 12 * H],
  ['IN_SAFE_COUNTRY', 72 * H, 72 * H, 7 * D],
  ['RESETTLEMENT_IN_PROGRESS', 7 * D, 7 * D, 7 * D],
  ['DEPARTED', 7 * D, 7 * D, 7 * D],
  ['RESETTLED', 30 * D, 30 * D, 30 * D],
];

/** Check-in policy, schedules, check-ins and escalations. */
export class Checkins1763700000800 implements MigrationInterface {
  name = 'Checkins1763700000800';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE "checkin_policy" (
        "stage" varchar(32) NOT NULL,
        "priority" varchar(16) NOT NULL,
        "interval_minutes" integer NOT NULL,
        "updated_at" timestamptz NOT NULL,
        "updated_by" varchar(100),
        CONSTRAINT "PK_checkin_policy" PRIMARY KEY ("stage", "priority"),
        CONSTRAINT "checkin_policy_interval_ck" CHECK ("interval_minutes" > 0)
      )`);
    for (const [stage, emergency, urgent, normal] of DEFAULT_INTERVALS) {
      await db.query(
        `INSERT INTO "checkin_policy" ("stage", "priority", "interval_minutes", "updated_at")
         VALUES ($1, 'EMERGENCY', $2, now()), ($1, 'URGENT', $3, now()), ($1, 'NORMAL', $4, now())`,
        [stage, emergency, urgent, normal],
      );
    }
    await db.query(`
      CREATE TABLE "checkin_schedules" (
        "case_id" uuid NOT NULL,
        "case_reference" varchar(11) NOT NULL,
        "version" integer NOT NULL,
        "status" varchar(16) NOT NULL,
        "stage" varchar(32) NOT NULL,
        "priority" varchar(16) NOT NULL,
        "interval_minutes" integer,
        "stage_entered_at" timestamptz NOT NULL,
        "last_checkin_at" timestamptz,
        "due_at" timestamptz,
        "deadline_at" timestamptz,
        "updated_at" timestamptz NOT NULL,
        CONSTRAINT "PK_checkin_schedules" PRIMARY KEY ("case_id")
      )`);
    await db.query(`CREATE INDEX "checkin_schedules_deadline_idx" ON "checkin_schedules" ("deadline_at") WHERE "status" = 'ACTIVE'`);
    await db.query(`
      CREATE TABLE "checkins" (
        "id" uuid NOT NULL,
        "case_id" uuid NOT NULL,
        "channel" varchar(16) NOT NULL,
        "source" varchar(16) NOT NULL,
        "recorded_by" varchar(100) NOT NULL,
        "occurred_at" timestamptz NOT NULL,
        "note_sealed" bytea,
        CONSTRAINT "PK_checkins" PRIMARY KEY ("id")
      )`);
    await db.query(`CREATE INDEX "checkins_case_idx" ON "checkins" ("case_id", "occurred_at")`);
    await db.query(`
      CREATE TABLE "escalations" (
        "id" uuid NOT NULL,
        "case_id" uuid NOT NULL,
        "case_reference" varchar(11) NOT NULL,
        "trigger" varchar(24) NOT NULL,
        "level" integer NOT NULL,
        "state" varchar(16) NOT NULL,
        "opened_at" timestamptz NOT NULL,
        "opened_by" varchar(100) NOT NULL,
        "level_changed_at" timestamptz NOT NULL,
        "acknowledged_at" timestamptz,
        "acknowledged_by" varchar(100),
        "resolved_at" timestamptz,
        "resolved_by" varchar(100),
        "outcome" varchar(24),
        CONSTRAINT "PK_escalations" PRIMARY KEY ("id")
      )`);
    // The rule "at most one unresolved escalation per case and trigger" lives in the database,
    // so two deadline jobs racing cannot both open one.
    await db.query(`CREATE UNIQUE INDEX "escalations_unresolved_uq" ON "escalations" ("case_id", "trigger") WHERE "state" <> 'RESOLVED'`);
    await db.query(`CREATE INDEX "escalations_opened_idx" ON "escalations" ("opened_at", "id")`);
    await db.query(`CREATE INDEX "escalations_case_idx" ON "escalations" ("case_id")`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "escalations"`);
    await db.query(`DROP TABLE "checkins"`);
    await db.query(`DROP TABLE "checkin_schedules"`);
    await db.query(`DROP TABLE "checkin_policy"`);
  }
}

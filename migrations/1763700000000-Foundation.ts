import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The transactional outbox and the scheduler's once-per-period claims. */
export class Foundation1763700000000 implements MigrationInterface {
  name = 'Foundation1763700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE "outbox_events" (
        "id" uuid NOT NULL,
        "job_name" varchar(100) NOT NULL,
        "payload" jsonb NOT NULL DEFAULT '{}'::jsonb,
        "dedupe_key" varchar(200),
        "status" varchar(16) NOT NULL DEFAULT 'PENDING',
        "available_at" timestamptz NOT NULL,
        "attempts" integer NOT NULL DEFAULT 0,
        "last_error" varchar(200),
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "enqueued_at" timestamptz,
        "finished_at" timestamptz,
        CONSTRAINT "PK_outbox_events" PRIMARY KEY ("id")
      )`);
    await db.query(`CREATE UNIQUE INDEX "outbox_events_dedupe_key_uq" ON "outbox_events" ("dedupe_key")`);
    await db.query(`CREATE INDEX "outbox_events_pending_idx" ON "outbox_events" ("available_at") WHERE "status" = 'PENDING'`);
    await db.query(`CREATE INDEX "outbox_events_enqueued_idx" ON "outbox_events" ("available_at") WHERE "status" = 'ENQUEUED'`);
    await db.query(`
      CREATE TABLE "scheduler_ticks" (
        "name" varchar(100) NOT NULL,
        "last_period" bigint NOT NULL,
        "ran_at" timestamptz NOT NULL,
        CONSTRAINT "PK_scheduler_ticks" PRIMARY KEY ("name")
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "scheduler_ticks"`);
    await db.query(`DROP TABLE "outbox_events"`);
  }
}

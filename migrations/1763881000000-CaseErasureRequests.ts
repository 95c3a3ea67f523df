import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Erasure on request becomes four-eyes (issue 15, finding 1): a request by one coordinator,
 * confirmed by another. Retention-driven erasure by the system is unchanged.
 */
export class CaseErasureRequests1763881000000 implements MigrationInterface {
  name = 'CaseErasureRequests1763881000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE "case_erasure_requests" (
        "id" uuid NOT NULL,
        "case_id" uuid NOT NULL,
        "status" varchar(16) NOT NULL,
        "reason" varchar(24) NOT NULL,
        "requested_by" uuid NOT NULL,
        "requested_at" timestamptz NOT NULL,
        "decided_by" uuid,
        "decided_at" timestamptz,
        CONSTRAINT "PK_case_erasure_requests" PRIMARY KEY ("id")
      )`);
    await db.query(`CREATE INDEX "case_erasure_requests_case_idx" ON "case_erasure_requests" ("case_id", "requested_at")`);
    await db.query(`CREATE UNIQUE INDEX "case_erasure_requests_pending_uq" ON "case_erasure_requests" ("case_id") WHERE "status" = 'REQUESTED'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "case_erasure_requests"`);
  }
}

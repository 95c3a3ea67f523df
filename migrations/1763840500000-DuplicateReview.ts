import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Duplicate review: a candidate pair is decided once (SAME_PERSON, closing one case as a duplicate
 * of the other, or NOT_SAME) and never flagged again; the pair is found from either case.
 */
export class DuplicateReview1763840500000 implements MigrationInterface {
  name = 'DuplicateReview1763840500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "case_duplicate_candidates" ADD "decision" varchar(16)`);
    await db.query(`ALTER TABLE "case_duplicate_candidates" ADD "decided_by" uuid`);
    await db.query(`ALTER TABLE "case_duplicate_candidates" ADD "closed_case_id" uuid`);
    await db.query(`CREATE INDEX "case_duplicate_candidates_candidate_idx" ON "case_duplicate_candidates" ("candidate_case_id")`);
    // Until now only the newer case of a pair was flagged.
    await db.query(`
      UPDATE "cases" SET "possible_duplicate" = true
      WHERE "id" IN (SELECT "candidate_case_id" FROM "case_duplicate_candidates" WHERE "resolved_at" IS NULL) AND NOT "possible_duplicate"`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX "case_duplicate_candidates_candidate_idx"`);
    await db.query(`ALTER TABLE "case_duplicate_candidates" DROP COLUMN "closed_case_id"`);
    await db.query(`ALTER TABLE "case_duplicate_candidates" DROP COLUMN "decided_by"`);
    await db.query(`ALTER TABLE "case_duplicate_candidates" DROP COLUMN "decision"`);
  }
}

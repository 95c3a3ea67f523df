import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15, finding 4: triage risk-factor codes (OUTED, IN_HIDING…), the triage score and case
 * flags (DETAINED, IN_HIDING…) leave the clear. New rows seal them under the case key
 * (`triage_assessments.factors_sealed`, `case_history.details_sealed`). A migration has no keys,
 * so rows of live cases are sealed by the `cases.seal_clear_codes` tick (partial indexes below find
 * them); rows of erased cases, whose key is gone, lose their codes here. Audit rows are immutable
 * (trigger, hash chain): the `details.factors` of `case.triaged` events written before this stay.
 */
export class SealRiskCodes1763884000000 implements MigrationInterface {
  name = 'SealRiskCodes1763884000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "triage_assessments" ADD "factors_sealed" bytea`);
    await db.query(`ALTER TABLE "triage_assessments" ALTER COLUMN "factors" DROP NOT NULL`);
    await db.query(`ALTER TABLE "case_history" ADD "details_sealed" bytea`);
    await db.query(`UPDATE "triage_assessments" SET "factors" = NULL WHERE "case_id" IN (SELECT "id" FROM "cases" WHERE "erased_at" IS NOT NULL)`);
    await db.query(`
      UPDATE "case_history" SET "details" = CASE "kind" WHEN 'TRIAGED' THEN "details" - 'factors' - 'score' ELSE "details" - 'before' - 'after' END
       WHERE (("kind" = 'TRIAGED' AND "details" ? 'factors') OR ("kind" = 'FLAGS_CHANGED' AND "details" ? 'after'))
         AND "case_id" IN (SELECT "id" FROM "cases" WHERE "erased_at" IS NOT NULL)`);
    await db.query(`CREATE INDEX "triage_assessments_clear_factors_idx" ON "triage_assessments" ("id") WHERE "factors" IS NOT NULL`);
    await db.query(
      `CREATE INDEX "case_history_clear_codes_idx" ON "case_history" ("id") WHERE ("kind" = 'TRIAGED' AND "details" ? 'factors') OR ("kind" = 'FLAGS_CHANGED' AND "details" ? 'after')`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    // Sealed codes cannot be opened in SQL: they are lost on the way down.
    await db.query(`DROP INDEX "case_history_clear_codes_idx"`);
    await db.query(`DROP INDEX "triage_assessments_clear_factors_idx"`);
    await db.query(`ALTER TABLE "case_history" DROP COLUMN "details_sealed"`);
    await db.query(`UPDATE "triage_assessments" SET "factors" = '{}' WHERE "factors" IS NULL`);
    await db.query(`ALTER TABLE "triage_assessments" ALTER COLUMN "factors" SET NOT NULL`);
    await db.query(`ALTER TABLE "triage_assessments" DROP COLUMN "factors_sealed"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15, finding 3: a partner's referral no longer tells whether Corridor already knew the
 * person. The flag goes from `referrals` (the case keeps its own, for staff), and from the stored
 * answers idempotent replays would send again. Audit rows are immutable and stay as written
 * (auditors only; never a partner).
 */
export class ReferralsForgetDuplicates1763883000000 implements MigrationInterface {
  name = 'ReferralsForgetDuplicates1763883000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "referrals" DROP COLUMN "possible_duplicate"`);
    await db.query(
      `UPDATE "idempotency_records" SET "response_body" = "response_body" - 'possibleDuplicate' WHERE jsonb_typeof("response_body") = 'object' AND "response_body" ? 'possibleDuplicate' AND "scope" LIKE 'agency:%'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    // The flags are gone; the column comes back false everywhere.
    await db.query(`ALTER TABLE "referrals" ADD "possible_duplicate" boolean NOT NULL DEFAULT false`);
    await db.query(`ALTER TABLE "referrals" ALTER COLUMN "possible_duplicate" DROP DEFAULT`);
  }
}

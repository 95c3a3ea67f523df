import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15, finding 2: an authenticator-reset token needs the owner's current password (wrong
 * attempts counted on the token); a reset for lost credentials waits for a second admin.
 * Accounts that already mix administration and case roles are not changed here: the access
 * policy refuses them every case, and an admin must choose one side at the next role change.
 */
export class StaffResetSeparation1763882000000 implements MigrationInterface {
  name = 'StaffResetSeparation1763882000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "staff_users" ADD "credential_reset_requested_by" uuid`);
    await db.query(`ALTER TABLE "staff_users" ADD "credential_reset_requested_at" timestamptz`);
    await db.query(`ALTER TABLE "staff_enrolments" ADD "failed_attempts" integer NOT NULL DEFAULT 0`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "staff_enrolments" DROP COLUMN "failed_attempts"`);
    await db.query(`ALTER TABLE "staff_users" DROP COLUMN "credential_reset_requested_at"`);
    await db.query(`ALTER TABLE "staff_users" DROP COLUMN "credential_reset_requested_by"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A staff member's own console setting: mask names in lists until a row is revealed (kept server-side, never in the browser). */
export class StaffMaskNames1796602273148 implements MigrationInterface {
  name = 'StaffMaskNames1796602273148';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "staff_users" ADD "mask_names" boolean NOT NULL DEFAULT false`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "staff_users" DROP COLUMN "mask_names"`);
  }
}

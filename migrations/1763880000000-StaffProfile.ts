import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff profiles: a display name sealed under the user's own data key (like the email), a
 * preferred language, and a NOTIFY on each new inbox row (the live event stream's signal).
 */
export class StaffProfile1763880000000 implements MigrationInterface {
  name = 'StaffProfile1763880000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "staff_users" ADD "display_name_sealed" bytea`);
    await db.query(`ALTER TABLE "staff_users" ADD "preferred_language" varchar(2) NOT NULL DEFAULT 'en'`);
    await db.query(`ALTER TABLE "staff_users" ADD CONSTRAINT "staff_users_language_ck" CHECK ("preferred_language" IN ('en', 'ru'))`);
    // Ids only in the payload: the stream reads the row itself. Fires at commit, never for a rollback.
    await db.query(`
      CREATE FUNCTION corridor_notify_staff_notification() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('corridor_staff_notifications', NEW.recipient_user_id::text || ':' || NEW.id::text);
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER staff_notifications_notify AFTER INSERT ON "staff_notifications"
      FOR EACH ROW EXECUTE FUNCTION corridor_notify_staff_notification()`);
    // Revoked sessions and a new credential epoch (lockdown) close live streams at once.
    await db.query(`
      CREATE FUNCTION corridor_notify_session_revoked() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('corridor_staff_sessions', 'session:' || NEW.id::text);
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER staff_sessions_revoked_notify AFTER UPDATE OF "revoked_at" ON "staff_sessions"
      FOR EACH ROW WHEN (OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL) EXECUTE FUNCTION corridor_notify_session_revoked()`);
    await db.query(`
      CREATE FUNCTION corridor_notify_epoch() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('corridor_staff_sessions', 'epoch:' || NEW.credential_epoch::text);
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER system_state_epoch_notify AFTER UPDATE OF "credential_epoch" ON "system_state"
      FOR EACH ROW WHEN (OLD.credential_epoch IS DISTINCT FROM NEW.credential_epoch) EXECUTE FUNCTION corridor_notify_epoch()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER IF EXISTS system_state_epoch_notify ON "system_state"`);
    await db.query(`DROP FUNCTION IF EXISTS corridor_notify_epoch()`);
    await db.query(`DROP TRIGGER IF EXISTS staff_sessions_revoked_notify ON "staff_sessions"`);
    await db.query(`DROP FUNCTION IF EXISTS corridor_notify_session_revoked()`);
    await db.query(`DROP TRIGGER IF EXISTS staff_notifications_notify ON "staff_notifications"`);
    await db.query(`DROP FUNCTION IF EXISTS corridor_notify_staff_notification()`);
    await db.query(`ALTER TABLE "staff_users" DROP CONSTRAINT "staff_users_language_ck"`);
    await db.query(`ALTER TABLE "staff_users" DROP COLUMN "preferred_language"`);
    await db.query(`ALTER TABLE "staff_users" DROP COLUMN "display_name_sealed"`);
  }
}

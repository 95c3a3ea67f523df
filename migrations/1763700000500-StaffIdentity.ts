import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Staff accounts, enrolment, sessions, system security state, inbox, break-glass grants. */
export class StaffIdentity1763700000500 implements MigrationInterface {
  name = 'StaffIdentity1763700000500';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE "staff_users" (
        "id" uuid NOT NULL,
        "email_index" varchar(64) NOT NULL,
        "email_sealed" bytea NOT NULL,
        "roles" text array NOT NULL,
        "status" varchar(16) NOT NULL,
        "password_hash" varchar(200),
        "totp_secret_sealed" bytea,
        "totp_last_step" bigint,
        "failed_logins" integer NOT NULL DEFAULT 0,
        "lockouts" integer NOT NULL DEFAULT 0,
        "locked_until" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "activated_at" timestamptz,
        "deactivated_at" timestamptz,
        "password_changed_at" timestamptz,
        CONSTRAINT "PK_staff_users" PRIMARY KEY ("id")
      )`);
    await db.query(`CREATE UNIQUE INDEX "staff_users_email_index_uq" ON "staff_users" ("email_index")`);
    await db.query(`
      CREATE TABLE "staff_enrolments" (
        "id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "token_hash" varchar(64) NOT NULL,
        "purpose" varchar(24) NOT NULL,
        "expires_at" timestamptz NOT NULL,
        "used_at" timestamptz,
        "pending_password_hash" varchar(200),
        "pending_totp_sealed" bytea,
        "issued_by" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_staff_enrolments" PRIMARY KEY ("id")
      )`);
    await db.query(`CREATE INDEX "staff_enrolments_user_idx" ON "staff_enrolments" ("user_id")`);
    await db.query(`CREATE UNIQUE INDEX "staff_enrolments_token_hash_uq" ON "staff_enrolments" ("token_hash")`);
    await db.query(`
      CREATE TABLE "staff_sessions" (
        "id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "access_token_hash" varchar(64) NOT NULL,
        "access_expires_at" timestamptz NOT NULL,
        "expires_at" timestamptz NOT NULL,
        "epoch" integer NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "refreshed_at" timestamptz,
        "revoked_at" timestamptz,
        "revoke_reason" varchar(32),
        CONSTRAINT "PK_staff_sessions" PRIMARY KEY ("id")
      )`);
    await db.query(`CREATE UNIQUE INDEX "staff_sessions_access_token_hash_uq" ON "staff_sessions" ("access_token_hash")`);
    await db.query(`CREATE INDEX "staff_sessions_user_idx" ON "staff_sessions" ("user_id", "created_at")`);
    await db.query(`
      CREATE TABLE "staff_refresh_tokens" (
        "token_hash" varchar(64) NOT NULL,
        "session_id" uuid NOT NULL,
        "issued_at" timestamptz NOT NULL,
        "used_at" timestamptz,
        CONSTRAINT "PK_staff_refresh_tokens" PRIMARY KEY ("token_hash")
      )`);
    await db.query(`CREATE INDEX "staff_refresh_tokens_session_idx" ON "staff_refresh_tokens" ("session_id")`);
    await db.query(`
      CREATE TABLE "system_state" (
        "id" smallint NOT NULL,
        "credential_epoch" integer NOT NULL DEFAULT 0,
        "lockdown_active" boolean NOT NULL DEFAULT false,
        "lockdown_declared_by" uuid,
        "lockdown_declared_at" timestamptz,
        "lockdown_lifted_by" uuid,
        "lockdown_lifted_at" timestamptz,
        CONSTRAINT "system_state_single_row" CHECK ("id" = 1),
        CONSTRAINT "PK_system_state" PRIMARY KEY ("id")
      )`);
    await db.query(`INSERT INTO "system_state" ("id") VALUES (1)`);
    await db.query(`
      CREATE TABLE "staff_notifications" (
        "id" uuid NOT NULL,
        "recipient_user_id" uuid NOT NULL,
        "kind" varchar(48) NOT NULL,
        "subject_type" varchar(32),
        "subject_id" varchar(100),
        "details" jsonb NOT NULL DEFAULT '{}',
        "created_at" timestamptz NOT NULL,
        "read_at" timestamptz,
        CONSTRAINT "PK_staff_notifications" PRIMARY KEY ("id")
      )`);
    await db.query(`CREATE INDEX "staff_notifications_recipient_idx" ON "staff_notifications" ("recipient_user_id", "created_at", "id")`);
    await db.query(`
      CREATE TABLE "break_glass_grants" (
        "id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "case_id" uuid NOT NULL,
        "reason_code" varchar(32) NOT NULL,
        "granted_at" timestamptz NOT NULL,
        "expires_at" timestamptz NOT NULL,
        CONSTRAINT "PK_break_glass_grants" PRIMARY KEY ("id")
      )`);
    await db.query(`CREATE INDEX "break_glass_grants_lookup_idx" ON "break_glass_grants" ("user_id", "case_id", "expires_at")`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'break_glass_grants',
      'staff_notifications',
      'system_state',
      'staff_refresh_tokens',
      'staff_sessions',
      'staff_enrolments',
      'staff_users',
    ]) {
      await db.query(`DROP TABLE "${table}"`);
    }
  }
}

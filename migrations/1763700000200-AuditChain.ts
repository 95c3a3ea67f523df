import type { MigrationInterface, QueryRunner } from 'typeorm';

const GENESIS_HASH = '0'.repeat(64);

/**
 * Makes the audit log append-only and adds the chain head.
 *
 * audit_events: rows are inserted unsealed; the only UPDATE allowed is sealing an unsealed row
 * once (setting seq, prev_hash, hash and sealed_at together, nothing else changing); DELETE and
 * TRUNCATE always fail. Inserts pay nothing: the insert trigger's WHEN clause only calls the
 * function for a row that arrives already sealed.
 *
 * audit_chain_head: one row, the last sealed seq and hash (so truncating the tail of the chain
 * is detectable) and the verification checkpoint. Both only move forward.
 */
export class AuditChain1763700000200 implements MigrationInterface {
  name = 'AuditChain1763700000200';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION audit_events_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        resealed audit_events;
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          RAISE EXCEPTION 'audit_events is append-only: TRUNCATE is not allowed' USING ERRCODE = 'restrict_violation';
        ELSIF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'audit_events is append-only: DELETE is not allowed' USING ERRCODE = 'restrict_violation';
        ELSIF TG_OP = 'INSERT' THEN
          RAISE EXCEPTION 'audit_events rows are inserted unsealed' USING ERRCODE = 'restrict_violation';
        END IF;
        IF OLD.seq IS NOT NULL OR OLD.prev_hash IS NOT NULL OR OLD.hash IS NOT NULL OR OLD.sealed_at IS NOT NULL THEN
          RAISE EXCEPTION 'audit_events: a sealed row never changes' USING ERRCODE = 'restrict_violation';
        END IF;
        -- Lengths, not a hex regex: a regex costs as much as the rest of the seal, and a bad
        -- hash fails verification anyway. This trigger is about immutability.
        IF NEW.seq IS NULL OR NEW.seq < 1 OR NEW.sealed_at IS NULL
           OR length(NEW.prev_hash) IS DISTINCT FROM 64 OR length(NEW.hash) IS DISTINCT FROM 64 THEN
          RAISE EXCEPTION 'audit_events: the only UPDATE seals a row, setting seq, prev_hash, hash and sealed_at together' USING ERRCODE = 'restrict_violation';
        END IF;
        -- The old row with the new seal must be the new row: compared as whole rows, so a
        -- column added later is covered without touching this function.
        resealed := OLD;
        resealed.seq := NEW.seq;
        resealed.prev_hash := NEW.prev_hash;
        resealed.hash := NEW.hash;
        resealed.sealed_at := NEW.sealed_at;
        IF resealed IS DISTINCT FROM NEW THEN
          RAISE EXCEPTION 'audit_events: sealing may change nothing but the seal' USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN NEW;
      END
      $$`);
    await db.query(`
      CREATE TRIGGER audit_events_immutable BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_guard()`);
    await db.query(`
      CREATE TRIGGER audit_events_insert_unsealed BEFORE INSERT ON audit_events
      FOR EACH ROW WHEN (NEW.seq IS NOT NULL OR NEW.prev_hash IS NOT NULL OR NEW.hash IS NOT NULL OR NEW.sealed_at IS NOT NULL)
      EXECUTE FUNCTION audit_events_guard()`);
    await db.query(`
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_guard()`);

    // The sealer reads ORDER BY occurred_at, id LIMIT n: with the index in exactly that order it
    // is a plain index scan, which also marks entries of already-sealed rows dead as it passes
    // (a bitmap scan would revisit every one of them until VACUUM).
    await db.query(`DROP INDEX "audit_events_unsealed_idx"`);
    await db.query(`CREATE INDEX "audit_events_unsealed_idx" ON "audit_events" ("occurred_at", "id") WHERE "seq" IS NULL`);

    await db.query(`
      CREATE TABLE "audit_chain_head" (
        "id" smallint NOT NULL,
        "last_seq" bigint NOT NULL,
        "last_hash" varchar(64) NOT NULL,
        "last_sealed_at" timestamptz,
        "verified_seq" bigint NOT NULL,
        "verified_hash" varchar(64) NOT NULL,
        "verified_at" timestamptz,
        CONSTRAINT "PK_audit_chain_head" PRIMARY KEY ("id")
      )`);
    // Sealing events already in the table (none in practice) starts from here like any other.
    await db.query(`INSERT INTO audit_chain_head (id, last_seq, last_hash, verified_seq, verified_hash) VALUES (1, 0, $1, 0, $1)`, [GENESIS_HASH]);
    await db.query(`
      CREATE FUNCTION audit_chain_head_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'UPDATE' THEN
          RAISE EXCEPTION 'audit_chain_head has exactly one row: % is not allowed', TG_OP USING ERRCODE = 'restrict_violation';
        END IF;
        IF NEW.id <> OLD.id
           OR NEW.last_seq < OLD.last_seq OR (NEW.last_seq = OLD.last_seq AND NEW.last_hash <> OLD.last_hash)
           OR NEW.verified_seq < OLD.verified_seq OR (NEW.verified_seq = OLD.verified_seq AND NEW.verified_hash <> OLD.verified_hash) THEN
          RAISE EXCEPTION 'audit_chain_head only moves forward' USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN NEW;
      END
      $$`);
    await db.query(`
      CREATE TRIGGER audit_chain_head_forward_only BEFORE INSERT OR UPDATE OR DELETE ON audit_chain_head
      FOR EACH ROW EXECUTE FUNCTION audit_chain_head_guard()`);
    await db.query(`
      CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON audit_chain_head
      FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_head_guard()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "audit_chain_head"`);
    await db.query(`DROP FUNCTION audit_chain_head_guard()`);
    await db.query(`DROP TRIGGER audit_events_no_truncate ON audit_events`);
    await db.query(`DROP TRIGGER audit_events_insert_unsealed ON audit_events`);
    await db.query(`DROP TRIGGER audit_events_immutable ON audit_events`);
    await db.query(`DROP FUNCTION audit_events_guard()`);
    await db.query(`DROP INDEX "audit_events_unsealed_idx"`);
    await db.query(`CREATE INDEX "audit_events_unsealed_idx" ON "audit_events" ("occurred_at") WHERE "seq" IS NULL`);
  }
}

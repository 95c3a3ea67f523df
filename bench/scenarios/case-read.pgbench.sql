-- The SQL one audited GET /api/v1/cases/{ref} runs, in the same order, as one transaction
-- (the session lookup runs just before it, outside). Variables: ncases, hash, userid, sessionid.
\set n random(1, :ncases)
SELECT s.id, u.id, u.roles FROM staff_sessions s JOIN staff_users u ON u.id = s.user_id JOIN system_state st ON st.id = 1 WHERE s.access_token_hash = :hash AND s.revoked_at IS NULL AND s.access_expires_at > now() AND s.expires_at > now() AND s.epoch = st.credential_epoch AND u.status = 'ACTIVE';
BEGIN;
SELECT *, id AS case_id FROM cases WHERE reference = (SELECT reference FROM bench_refs WHERE n = :n) \gset
SELECT user_id FROM case_assignments WHERE case_id = :case_id ORDER BY assigned_at;
SELECT max(expires_at) FROM break_glass_grants WHERE user_id = :userid AND case_id = :case_id AND expires_at > now();
SELECT * FROM data_keys WHERE owner_type = 'case' AND owner_id = :case_id;
INSERT INTO audit_events (id, occurred_at, actor_type, actor_id, actor_credential_id, action, resource_type, resource_id, case_id, outcome, request_id, details) VALUES (gen_random_uuid(), now(), 'staff', :userid, :sessionid, 'case.read', 'case', :reference, :case_id, 'SUCCESS', 'pgbench', '{"fieldGroups":["identity"]}');
SELECT c.reference, d.reasons FROM case_duplicate_candidates d JOIN cases c ON c.id = d.candidate_case_id WHERE d.case_id = :case_id AND d.resolved_at IS NULL AND c.erased_at IS NULL ORDER BY d.flagged_at;
COMMIT;

/**
 * Server migration 3: checkpoints of each workstation's audit
 * trail. Frozen once landed: never edit; add a new migration instead. Imports nothing from the app.
 *
 * Every sync round a workstation whose trail checks out sends its head (seq and keyed hash);
 * later checks compare the local trail with every checkpoint the server holds for that
 * workstation, so entries removed from the end, or a chain rewritten by someone holding the key,
 * are seen (audit/audit-server.ts). The server vouches for nothing: it keeps what it was sent,
 * with the login that sent it (`session_user`, which no SQL can change), and never forgets it:
 * - insert only through `put_audit_checkpoint` (SECURITY DEFINER), by a unit login, at most
 *   CHECKPOINT_QUOTA rows per login, so a hostile login cannot fill the disk;
 * - no login can update or delete a checkpoint (only the functions are granted, and a trigger
 *   refuses even the owner), so a rewound workstation cannot erase what it sent before;
 * - read through `audit_checkpoints(device)`: a device's checkpoints with who sent them (MACs
 *   and sequence numbers only, nothing about cases).
 */
import type { SqlRunner } from './0001-initial';

/** Checkpoints one login may store: one a round for years of rounds. */
const CHECKPOINT_QUOTA = 200_000;

const STATEMENTS: readonly string[] = [
  `CREATE TABLE alur.audit_checkpoint (
     device_id text NOT NULL CHECK (length(device_id) BETWEEN 1 AND 64),
     seq bigint NOT NULL CHECK (seq > 0),
     hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
     login text NOT NULL,
     at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (device_id, seq, hash, login)
   )`,
  `CREATE INDEX audit_checkpoint_login ON alur.audit_checkpoint (login)`,
  `REVOKE ALL ON alur.audit_checkpoint FROM PUBLIC`,
  `CREATE FUNCTION alur.audit_checkpoint_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN RAISE EXCEPTION 'audit checkpoints are append-only'; END $$`,
  `CREATE TRIGGER audit_checkpoint_no_change BEFORE UPDATE OR DELETE ON alur.audit_checkpoint
     FOR EACH ROW EXECUTE FUNCTION alur.audit_checkpoint_frozen()`,
  `CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON alur.audit_checkpoint
     FOR EACH STATEMENT EXECUTE FUNCTION alur.audit_checkpoint_frozen()`,

  `CREATE FUNCTION alur.put_audit_checkpoint(p_device text, p_seq bigint, p_hash text) RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER
     SET search_path = pg_catalog, pg_temp AS $$
   DECLARE n bigint;
   BEGIN
     IF (SELECT u.login FROM alur.session_unit() AS u) IS NULL THEN
       RAISE EXCEPTION 'put_audit_checkpoint: bukan login unit' USING ERRCODE = 'insufficient_privilege';
     END IF;
     SELECT count(*) INTO n FROM alur.audit_checkpoint WHERE login = session_user;
     IF n >= ${CHECKPOINT_QUOTA} THEN
       RAISE EXCEPTION 'put_audit_checkpoint: kuota checkpoint login ini habis' USING ERRCODE = 'disk_full';
     END IF;
     INSERT INTO alur.audit_checkpoint (device_id, seq, hash, login) VALUES (p_device, p_seq, p_hash, session_user)
       ON CONFLICT DO NOTHING;
     RETURN FOUND;
   END $$`,

  `CREATE FUNCTION alur.audit_checkpoints(p_device text) RETURNS TABLE (seq bigint, hash text, login text, at timestamptz)
     LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
   BEGIN
     IF (SELECT u.login FROM alur.session_unit() AS u) IS NULL THEN
       RAISE EXCEPTION 'audit_checkpoints: bukan login unit' USING ERRCODE = 'insufficient_privilege';
     END IF;
     RETURN QUERY SELECT c.seq, c.hash, c.login, c.at FROM alur.audit_checkpoint c WHERE c.device_id = p_device ORDER BY c.seq, c.at;
   END $$`,

  `REVOKE ALL ON FUNCTION alur.put_audit_checkpoint(text, bigint, text), alur.audit_checkpoints(text), alur.audit_checkpoint_frozen() FROM PUBLIC`,
  // Logins that exist already (as roles); server init grants the same to logins it creates later.
  `DO $$ DECLARE r record; BEGIN
     FOR r IN SELECT ul.login FROM alur.unit_login ul JOIN pg_catalog.pg_roles pr ON pr.rolname = ul.login LOOP
       EXECUTE format('GRANT EXECUTE ON FUNCTION alur.put_audit_checkpoint(text, bigint, text), alur.audit_checkpoints(text) TO %I', r.login);
     END LOOP;
   END $$`,
];

export async function up(db: SqlRunner): Promise<void> {
  for (const s of STATEMENTS) await db.query(s);
}

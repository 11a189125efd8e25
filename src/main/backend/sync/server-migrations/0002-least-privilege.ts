/**
 * Server migration 2: least privilege for unit logins. Frozen once landed: never edit; add a
 * new migration instead. Imports nothing from the app.
 *
 * A unit's login and password sit on that unit's workstations, so a hostile clerk has them
 * and `psql`. Migration 1 trusted a login with plain INSERTs; from here on:
 * - events and files go in only through SECURITY DEFINER functions (`push_events`,
 *   `put_blob`) that take the writers' lock themselves and check what they insert: the
 *   inserting login is `session_user` (which no SQL can change), an author must hold a post
 *   of the login's own unit, a paper act's recording clerk must be of that unit, an
 *   authorless event must be an automatic one;
 * - the writers' lock cannot be sat on: whoever waits for it ends a holder that idles with
 *   it (or runs one statement for too long), so a hostile login stalls pushes seconds, not
 *   forever (the per-login timeouts are set by `server init`, but a session can lower them);
 * - a file is kept only when an event of the same transaction refers to it (a deferred
 *   check), counts against its login's quota, and is readable by a unit only through a
 *   reference made by a login that proved it holds the bytes (uploaded them), so knowing a
 *   file's SHA-256 is no longer enough to read it;
 * - large objects cannot be created (their functions are revoked; effective when the owner
 *   is a superuser, as only the functions' owner can revoke them);
 * - password verifiers and wrapped private keys are readable only by the units their user
 *   holds a post in (a user without any post belongs to the hub).
 */
import type { SqlRunner } from './0001-initial';

/** How long a lock holder may idle, and run one statement, before a waiting writer ends it. */
const HOLDER_IDLE = `interval '5 seconds'`;
const HOLDER_ACTIVE = `interval '30 seconds'`;

const STATEMENTS: readonly string[] = [
  // The login this session authenticated as. session_user cannot be changed by SET ROLE (the
  // unit logins are members of nothing) nor by SET SESSION AUTHORIZATION (superusers only).
  `CREATE FUNCTION alur.session_unit() RETURNS alur.unit_login LANGUAGE sql STABLE SECURITY DEFINER
     SET search_path = pg_catalog, pg_temp
     AS $$ SELECT * FROM alur.unit_login WHERE login = session_user $$`,

  `ALTER TABLE alur.unit_login ADD COLUMN blob_quota_bytes bigint NOT NULL DEFAULT 10737418240 CHECK (blob_quota_bytes >= 0)`,
  `ALTER TABLE alur.unit_login ADD COLUMN blob_bytes bigint NOT NULL DEFAULT 0`,
  `UPDATE alur.unit_login ul SET blob_bytes = coalesce((SELECT sum(octet_length(b.bytes)) FROM alur.blob b WHERE b.pushed_by = ul.login), 0)`,

  // The writers' lock, taken by every insert of an event or reference change. A holder that
  // idles inside its transaction (or sits on a session-level copy of the lock) for more than
  // HOLDER_IDLE, or whose statement has run for more than HOLDER_ACTIVE, is ended by the
  // waiter: an honest push holds the lock for one quick statement and commits at once.
  // Ending another login's backend needs the owner to be a superuser or pg_signal_backend
  // (and pg_read_all_stats to see its state); without them a waiter gives up after 20 s.
  `CREATE FUNCTION alur.take_writer_lock() RETURNS void LANGUAGE plpgsql SECURITY DEFINER
     SET search_path = pg_catalog, pg_temp AS $$
   DECLARE tries int := 0; h record;
   BEGIN
     WHILE NOT pg_try_advisory_xact_lock(7310, 1) LOOP
       FOR h IN SELECT a.pid FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
         WHERE l.locktype = 'advisory' AND l.classid = 7310 AND l.objid = 1 AND l.objsubid = 2 AND l.granted
           AND l.pid <> pg_backend_pid()
           AND ((a.state <> 'active' AND a.state_change < clock_timestamp() - ${HOLDER_IDLE})
             OR (a.state = 'active' AND a.query_start < clock_timestamp() - ${HOLDER_ACTIVE}))
       LOOP
         BEGIN
           PERFORM pg_terminate_backend(h.pid);
         EXCEPTION WHEN insufficient_privilege THEN NULL;
         END;
       END LOOP;
       tries := tries + 1;
       IF tries > 400 THEN
         RAISE EXCEPTION 'server sibuk: kunci penulisan dipegang terlalu lama' USING ERRCODE = 'lock_not_available';
       END IF;
       PERFORM pg_sleep(0.05);
     END LOOP;
   END $$`,

  // Every insert takes the lock through the evicting path, and the inserting login is the
  // session's own, whatever the row said.
  `CREATE OR REPLACE FUNCTION alur.stamp() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
     SET search_path = pg_catalog, pg_temp AS $$
   BEGIN
     -- Already held by this transaction (push_events took it): no call needed.
     IF NOT pg_try_advisory_xact_lock(7310, 1) THEN PERFORM alur.take_writer_lock(); END IF;
     IF TG_TABLE_NAME = 'event' THEN NEW.seq := nextval('alur.event_seq');
     ELSE NEW.seq := nextval('alur.ref_seq');
     END IF;
     NEW.pushed_by := session_user;
     NEW.received_at := now();
     RETURN NEW;
   END $$`,

  // The start of a push: the lock, and the last seq handed out (see sync-push.ts).
  `CREATE FUNCTION alur.begin_push() RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER
     SET search_path = pg_catalog, pg_temp AS $$
   BEGIN
     PERFORM alur.take_writer_lock();
     RETURN (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM alur.event_seq);
   END $$`,

  // The unit a post belongs to, from its latest unitId (posts never move in practice).
  `CREATE FUNCTION alur.position_unit(p text) RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
     SET search_path = pg_catalog, pg_temp AS $$
     SELECT fields->>'unitId' FROM alur.ref_change
     WHERE kind = 'position' AND id = p AND fields ? 'unitId'
     ORDER BY clocks->>'unitId' DESC LIMIT 1 $$`,

  // Units a user ever held a post in (through any version of an assignment); none = the hub.
  `CREATE FUNCTION alur.user_units(u text) RETURNS SETOF text LANGUAGE sql STABLE SECURITY DEFINER
     SET search_path = pg_catalog, pg_temp AS $$
     WITH posts AS (
       SELECT DISTINCT alur.position_unit(a.fields->>'positionId') AS unit_id FROM alur.ref_change a
       WHERE a.kind = 'assignment' AND a.fields->>'userId' = u AND a.fields ? 'positionId')
     SELECT unit_id FROM posts WHERE unit_id IS NOT NULL
     UNION ALL
     SELECT unit_id FROM alur.unit_login WHERE is_hub AND NOT EXISTS (SELECT 1 FROM posts WHERE unit_id IS NOT NULL) $$`,

  /*
   * Inserts a batch of events (a JSON array of rows with the columns of alur.event, in push
   * order) and says which it refused and why, as data. An id already on the server is left
   * alone (a repeated push). A unit login may add only to cases it may read (the hub: any,
   * and only the hub starts one, for itself, and records a complainant's identity, which
   * happens only at registration), only as an author holding a post of its own
   * unit; a paper act's recording clerk must be of its unit (the desk records for any unit,
   * a unit's staff for their own); without an author only the automatic acts. The owner
   * (publishing an office) is not checked. One statement for the whole batch: a check per
   * row in PL/pgSQL made the push four times slower.
   */
  `CREATE FUNCTION alur.push_events(batch jsonb) RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER
     SET search_path = pg_catalog, pg_temp AS $$
   DECLARE
     me alur.unit_login := alur.session_unit();
     n_inserted bigint;
     refused jsonb;
   BEGIN
     IF jsonb_typeof(batch) IS DISTINCT FROM 'array' THEN
       RAISE EXCEPTION 'push_events: batch harus larik JSON' USING ERRCODE = 'invalid_parameter_value';
     END IF;
     PERFORM alur.take_writer_lock();
     WITH src AS (
       SELECT x.*,
         CASE WHEN x.type IN ('case.registered', 'case.identity_recorded') THEN
           CASE WHEN NOT me.is_hub THEN 'hanya unit meja layanan yang dapat meregistrasi aduan dan mencatat identitas pengadu'
                WHEN x.type = 'case.registered' AND (x.payload::jsonb)->>'hubUnitId' IS DISTINCT FROM me.unit_id THEN 'aduan diregistrasi atas nama unit lain' END
         END AS reg_why,
         CASE WHEN position('"recordedBy"' IN x.payload) > 0 THEN (x.payload::jsonb)->'paper'->>'recordedBy' END AS recorder
       FROM ROWS FROM (jsonb_to_recordset(batch) AS (id text, case_id text, type text, hlc text, at bigint, author_id text,
              position_id text, acting text, device_id text, payload text, signature text))
            WITH ORDINALITY AS x(id, case_id, type, hlc, at, author_id, position_id, acting, device_id, payload, signature, ord)
     ), posts AS (
       -- The unit of each post, from its latest unitId (posts never move in practice).
       SELECT DISTINCT ON (id) id, fields->>'unitId' AS unit_id FROM alur.ref_change
       WHERE kind = 'position' AND fields ? 'unitId' ORDER BY id, clocks->>'unitId' DESC
     ), judged AS (
       SELECT s.*, CASE
         WHEN me.login IS NULL THEN NULL
         WHEN s.reg_why IS NOT NULL THEN s.reg_why
         WHEN NOT me.is_hub AND NOT EXISTS (SELECT 1 FROM alur.case_unit cu WHERE cu.case_id = s.case_id AND cu.unit_id = me.unit_id)
           THEN 'aduan ini tidak boleh diakses unit login ini'
         WHEN s.recorder IS NOT NULL THEN CASE
           WHEN NOT EXISTS (SELECT 1 FROM alur.user_units(s.recorder) AS u WHERE u = me.unit_id) THEN 'pencatat tindakan kertas bukan pegawai unit login ini'
           WHEN NOT me.is_hub AND p.unit_id IS DISTINCT FROM me.unit_id THEN 'tindakan kertas untuk jabatan unit lain' END
         WHEN s.author_id IS NULL THEN CASE
           WHEN s.position_id IS NOT NULL OR s.type NOT IN ('case.closed', 'case.escalated') THEN 'peristiwa tanpa penulis hanya boleh tindakan otomatis' END
         WHEN s.position_id IS NOT NULL THEN CASE
           WHEN p.unit_id IS DISTINCT FROM me.unit_id THEN 'penulis bertindak dalam jabatan unit lain, bukan unit login ini' END
         WHEN NOT EXISTS (SELECT 1 FROM alur.user_units(s.author_id) AS u WHERE u = me.unit_id) THEN 'penulis bukan pegawai unit login ini'
       END AS why
       FROM src s LEFT JOIN posts p ON p.id = s.position_id
       WHERE NOT EXISTS (SELECT 1 FROM alur.event e WHERE e.id = s.id)
     ), ins AS (
       INSERT INTO alur.event (id, case_id, type, hlc, at, author_id, position_id, acting, device_id, payload, signature)
         SELECT id, case_id, type, hlc, at, author_id, position_id, acting, device_id, payload, signature FROM judged
         WHERE why IS NULL ORDER BY ord
         ON CONFLICT (id) DO NOTHING
         RETURNING 1
     )
     SELECT (SELECT count(*) FROM ins),
            coalesce((SELECT jsonb_agg(jsonb_build_object('id', id, 'reason', why) ORDER BY ord) FROM judged WHERE why IS NOT NULL), '[]'::jsonb)
       INTO n_inserted, refused;
     RETURN jsonb_build_object('inserted', n_inserted, 'refused', refused);
   END $$`,

  // Proof that a login held a file's bytes (it uploaded them): only its references count.
  `CREATE TABLE alur.blob_holder (sha256 text NOT NULL, login text NOT NULL, PRIMARY KEY (sha256, login))`,
  `INSERT INTO alur.blob_holder (sha256, login) SELECT sha256, pushed_by FROM alur.blob`,
  `ALTER TABLE alur.case_blob ADD COLUMN proven boolean NOT NULL DEFAULT false`,
  // Links made before this migration: proven when an event of that case naming the file was
  // pushed by its uploader or by the owner (not a unit login).
  `UPDATE alur.case_blob cb SET proven = true WHERE EXISTS (
     SELECT 1 FROM alur.event e LEFT JOIN alur.blob b ON b.sha256 = cb.sha256
     WHERE e.case_id = cb.case_id AND position(cb.sha256 IN e.payload) > 0
       AND (e.pushed_by = b.pushed_by OR NOT EXISTS (SELECT 1 FROM alur.unit_login ul WHERE ul.login = e.pushed_by)))`,

  /*
   * Stores a file (idempotent). The bytes are always sent, even when the server has them:
   * sending them is the proof that the login holds them. Counts against the login's quota.
   */
  `CREATE FUNCTION alur.put_blob(sha text, data bytea) RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER
     SET search_path = pg_catalog, pg_temp AS $$
   DECLARE me alur.unit_login := alur.session_unit(); size bigint := octet_length(data);
   BEGIN
     IF encode(sha256(data), 'hex') IS DISTINCT FROM sha THEN
       RAISE EXCEPTION 'berkas tidak cocok dengan SHA-256 yang disebut' USING ERRCODE = 'check_violation';
     END IF;
     INSERT INTO alur.blob_holder (sha256, login) VALUES (sha, session_user) ON CONFLICT DO NOTHING;
     IF EXISTS (SELECT 1 FROM alur.blob WHERE sha256 = sha) THEN RETURN false; END IF;
     IF me.login IS NOT NULL THEN
       IF me.blob_bytes + size > me.blob_quota_bytes THEN
         RAISE EXCEPTION 'kuota berkas unit % habis (% dari % bita)', me.unit_code, me.blob_bytes, me.blob_quota_bytes
           USING ERRCODE = 'disk_full';
       END IF;
       UPDATE alur.unit_login SET blob_bytes = blob_bytes + size WHERE login = me.login;
     END IF;
     INSERT INTO alur.blob (sha256, bytes, pushed_by) VALUES (sha, data, session_user);
     RETURN true;
   END $$`,

  // A file must be referred to, by the end of its transaction, by an event its login pushed
  // with it (or earlier): no orphans that nobody can delete.
  `CREATE FUNCTION alur.blob_referenced() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
     SET search_path = pg_catalog, pg_temp AS $$
   BEGIN
     IF NOT EXISTS (SELECT 1 FROM alur.case_blob WHERE sha256 = NEW.sha256 AND proven) THEN
       RAISE EXCEPTION 'berkas % tidak dirujuk oleh peristiwa mana pun yang dikirim bersamanya', NEW.sha256
         USING ERRCODE = 'check_violation';
     END IF;
     RETURN NULL;
   END $$`,
  `CREATE CONSTRAINT TRIGGER blob_referenced AFTER INSERT ON alur.blob DEFERRABLE INITIALLY DEFERRED
     FOR EACH ROW EXECUTE FUNCTION alur.blob_referenced()`,

  // Migration 1's grant trigger, with proven references.
  `CREATE OR REPLACE FUNCTION alur.event_grant() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
     SET search_path = pg_catalog, pg_temp AS $$
   DECLARE p jsonb; trusted boolean;
   BEGIN
     IF NEW.type = 'case.registered' THEN
       p := NEW.payload::jsonb;
       IF p->>'hubUnitId' IS NOT NULL THEN
         INSERT INTO alur.case_info (case_id, hub_unit_id, rahasia)
           VALUES (NEW.case_id, p->>'hubUnitId', coalesce(p->>'privacy', '') = 'rahasia')
           ON CONFLICT (case_id) DO NOTHING;
         INSERT INTO alur.case_unit (case_id, unit_id, grant_seq) VALUES (NEW.case_id, p->>'hubUnitId', NEW.seq)
           ON CONFLICT (case_id, unit_id) DO NOTHING;
       END IF;
     ELSIF NEW.type IN ('case.disposed', 'case.forwarded') THEN
       p := NEW.payload::jsonb;
       IF jsonb_typeof(p->'targets') = 'array' THEN
         INSERT INTO alur.case_unit (case_id, unit_id, grant_seq)
           SELECT NEW.case_id, t->>'unitId', NEW.seq FROM jsonb_array_elements(p->'targets') AS t
           WHERE jsonb_typeof(t) = 'object' AND t->>'unitId' IS NOT NULL
           ON CONFLICT (case_id, unit_id) DO NOTHING;
       END IF;
     END IF;
     IF position('sha256' IN NEW.payload) > 0 THEN
       p := coalesce(p, NEW.payload::jsonb);
       trusted := NOT EXISTS (SELECT 1 FROM alur.unit_login WHERE login = NEW.pushed_by);
       INSERT INTO alur.case_blob (sha256, case_id, proven)
         SELECT DISTINCT s, NEW.case_id, trusted OR EXISTS (SELECT 1 FROM alur.blob_holder h WHERE h.sha256 = s AND h.login = NEW.pushed_by)
         FROM (
           SELECT a->>'sha256' AS s FROM jsonb_array_elements(CASE WHEN jsonb_typeof(p->'attachments') = 'array' THEN p->'attachments' ELSE '[]'::jsonb END) AS a
           UNION ALL SELECT p->'attachment'->>'sha256'
           UNION ALL SELECT p->'paper'->'scan'->>'sha256'
         ) AS refs
         WHERE s ~ '^[0-9a-f]{64}$'
         ON CONFLICT (sha256, case_id) DO UPDATE SET proven = alur.case_blob.proven OR excluded.proven;
     END IF;
     RETURN NULL;
   END $$`,

  `DROP POLICY blob_read ON alur.blob`,
  `CREATE POLICY blob_read ON alur.blob FOR SELECT USING (
     (SELECT alur.i_am_hub()) OR pushed_by = current_user
     OR EXISTS (SELECT 1 FROM alur.case_blob cb JOIN alur.case_unit cu ON cu.case_id = cb.case_id
                WHERE cb.sha256 = blob.sha256 AND cb.proven AND cu.unit_id = (SELECT alur.my_unit())))`,
  // Files go in only through put_blob.
  `DROP POLICY blob_write ON alur.blob`,

  // Password verifiers and wrapped keys: only for the units their user holds a post in.
  `CREATE FUNCTION alur.secret_owner(k text, i text, f jsonb) RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
     SET search_path = pg_catalog, pg_temp AS $$
     SELECT CASE WHEN k = 'credential' THEN i
       ELSE coalesce(f->>'userId', (SELECT r.fields->>'userId' FROM alur.ref_change r
                                    WHERE r.kind = k AND r.id = i AND r.fields ? 'userId' LIMIT 1)) END $$`,
  `DROP POLICY ref_read ON alur.ref_change`,
  `CREATE POLICY ref_read ON alur.ref_change FOR SELECT USING (
     (SELECT alur.my_unit()) IS NOT NULL
     AND (kind NOT IN ('credential', 'key_secret')
          OR EXISTS (SELECT 1 FROM alur.user_units(alur.secret_owner(kind, id, fields)) AS u WHERE u = (SELECT alur.my_unit()))))`,

  // Large objects live outside every table's privileges: nobody but the owner makes one.
  `REVOKE EXECUTE ON FUNCTION pg_catalog.lo_create(oid), pg_catalog.lo_creat(integer), pg_catalog.lo_from_bytea(oid, bytea) FROM PUBLIC`,

  `REVOKE ALL ON FUNCTION alur.session_unit(), alur.take_writer_lock(), alur.begin_push(), alur.position_unit(text), alur.user_units(text),
     alur.push_events(jsonb), alur.put_blob(text, bytea), alur.secret_owner(text, text, jsonb) FROM PUBLIC`,
  `REVOKE ALL ON alur.blob_holder FROM PUBLIC`,
];

export async function up(db: SqlRunner): Promise<void> {
  for (const s of STATEMENTS) await db.query(s);
}

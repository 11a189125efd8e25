/**
 * Server migration 1: the shared store on PostgreSQL. Frozen once landed: never edit; add a
 * new migration instead. It imports nothing from the app, so later changes to app code cannot
 * change what it does.
 *
 * The server is a dumb, idempotent store: it keeps the log, the reference-data changes and
 * the attachment blobs exactly as workstations sent them, and reads a payload only where
 * row-level security needs it (which units a case went to, whether its identity is secret,
 * which blobs a case references).
 */

/** Every unit login is one of these roles; policies apply to them (the owner bypasses RLS). */
const STATEMENTS: readonly string[] = [
  `CREATE SCHEMA alur`,
  `REVOKE ALL ON SCHEMA alur FROM PUBLIC`,
  `CREATE TABLE alur.meta (key text PRIMARY KEY, value text NOT NULL)`,

  // Which unit each LOGIN role speaks for. Readable by unit logins (no secrets in it).
  `CREATE TABLE alur.unit_login (
     login text PRIMARY KEY,
     unit_id text NOT NULL UNIQUE,
     unit_code text NOT NULL,
     is_hub boolean NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  // Evaluated as the caller: current_user is the unit login asking.
  `CREATE FUNCTION alur.my_unit() RETURNS text LANGUAGE sql STABLE
     AS $$ SELECT unit_id FROM alur.unit_login WHERE login = current_user $$`,
  `CREATE FUNCTION alur.i_am_hub() RETURNS boolean LANGUAGE sql STABLE
     AS $$ SELECT coalesce((SELECT is_hub FROM alur.unit_login WHERE login = current_user), false) $$`,

  // The log. seq is the pull cursor: assigned by a trigger in commit order (see event_stamp).
  `CREATE SEQUENCE alur.event_seq`,
  `CREATE TABLE alur.event (
     seq bigint NOT NULL,
     id text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
     case_id text NOT NULL CHECK (length(case_id) BETWEEN 1 AND 64),
     type text NOT NULL CHECK (length(type) BETWEEN 1 AND 64),
     hlc text NOT NULL CHECK (length(hlc) BETWEEN 1 AND 100),
     at bigint NOT NULL,
     author_id text CHECK (length(author_id) <= 64),
     position_id text CHECK (length(position_id) <= 64),
     acting text CHECK (length(acting) <= 16),
     device_id text NOT NULL CHECK (length(device_id) <= 64),
     payload text NOT NULL CHECK (length(payload) <= 1000000),
     signature text CHECK (length(signature) <= 400),
     pushed_by text NOT NULL DEFAULT current_user,
     received_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE UNIQUE INDEX event_seq_key ON alur.event (seq)`,
  `CREATE INDEX event_case ON alur.event (case_id, seq)`,

  // Which units may read a case: the hub from its registration, OPDs from dispositions.
  // grant_seq is the seq of the granting event: a unit whose cursor passes it fetches the
  // case's earlier events too (they were invisible to it when its cursor passed them).
  `CREATE TABLE alur.case_unit (
     case_id text NOT NULL,
     unit_id text NOT NULL,
     grant_seq bigint NOT NULL,
     PRIMARY KEY (case_id, unit_id)
   )`,
  `CREATE INDEX case_unit_grant ON alur.case_unit (unit_id, grant_seq)`,
  `CREATE TABLE alur.case_info (case_id text PRIMARY KEY, hub_unit_id text NOT NULL, rahasia boolean NOT NULL)`,
  `CREATE TABLE alur.case_blob (sha256 text NOT NULL, case_id text NOT NULL, PRIMARY KEY (sha256, case_id))`,

  // Serialise writers: seq must be handed out in commit order, or a reader could move its
  // cursor past a smaller seq whose transaction commits later, and never see that event.
  // The lock is released after the commit is visible. Runs for every insert, so a client
  // cannot skip it; it also overrides whatever seq or time a client sent.
  `CREATE FUNCTION alur.stamp() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
     SET search_path = pg_catalog, pg_temp AS $$
   BEGIN
     PERFORM pg_advisory_xact_lock(7310, 1);
     IF TG_TABLE_NAME = 'event' THEN NEW.seq := nextval('alur.event_seq');
     ELSE NEW.seq := nextval('alur.ref_seq');
     END IF;
     NEW.received_at := now();
     RETURN NEW;
   END $$`,
  `CREATE TRIGGER event_stamp BEFORE INSERT ON alur.event FOR EACH ROW EXECUTE FUNCTION alur.stamp()`,

  // What row-level security needs from a payload, and nothing more.
  `CREATE FUNCTION alur.event_grant() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
     SET search_path = pg_catalog, pg_temp AS $$
   DECLARE p jsonb;
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
     -- Blobs a case references, so a unit reads only the attachments of its cases. A payload
     -- that names no sha256 is not parsed at all.
     IF position('sha256' IN NEW.payload) > 0 THEN
       p := coalesce(p, NEW.payload::jsonb);
       INSERT INTO alur.case_blob (sha256, case_id)
         SELECT DISTINCT s, NEW.case_id FROM (
           SELECT a->>'sha256' AS s FROM jsonb_array_elements(CASE WHEN jsonb_typeof(p->'attachments') = 'array' THEN p->'attachments' ELSE '[]'::jsonb END) AS a
           UNION ALL SELECT p->'attachment'->>'sha256'
           UNION ALL SELECT p->'paper'->'scan'->>'sha256'
         ) AS refs
         WHERE s ~ '^[0-9a-f]{64}$'
         ON CONFLICT DO NOTHING;
     END IF;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER event_grant AFTER INSERT ON alur.event FOR EACH ROW EXECUTE FUNCTION alur.event_grant()`,

  // Insert-only, for everyone including the owner: privileges are revoked as well (below, per
  // role), this catches what a privilege cannot (the owner, a superuser's mistake).
  `CREATE FUNCTION alur.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     RAISE EXCEPTION 'alur.% hanya dapat ditambah, tidak dapat diubah atau dihapus', TG_TABLE_NAME
       USING ERRCODE = 'insufficient_privilege';
   END $$`,
  `CREATE TRIGGER event_no_change BEFORE UPDATE OR DELETE ON alur.event FOR EACH ROW EXECUTE FUNCTION alur.refuse_change()`,
  `CREATE TRIGGER event_no_truncate BEFORE TRUNCATE ON alur.event FOR EACH STATEMENT EXECUTE FUNCTION alur.refuse_change()`,

  // Reference data: every version a workstation pushed, as it pushed it (fields and their
  // HLC clocks). Clients merge per field (LWW), which is commutative and idempotent, so the
  // server never needs to understand a record. The digest makes a repeated push a no-op.
  `CREATE SEQUENCE alur.ref_seq`,
  `CREATE TABLE alur.ref_change (
     seq bigint NOT NULL,
     kind text NOT NULL CHECK (length(kind) BETWEEN 1 AND 40),
     id text NOT NULL CHECK (length(id) BETWEEN 1 AND 200),
     fields jsonb NOT NULL CHECK (jsonb_typeof(fields) = 'object'),
     clocks jsonb NOT NULL CHECK (jsonb_typeof(clocks) = 'object'),
     digest text GENERATED ALWAYS AS (md5(fields::text || '|' || clocks::text)) STORED,
     pushed_by text NOT NULL DEFAULT current_user,
     received_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (kind, id, digest)
   )`,
  `CREATE UNIQUE INDEX ref_change_seq_key ON alur.ref_change (seq)`,
  `CREATE TRIGGER ref_stamp BEFORE INSERT ON alur.ref_change FOR EACH ROW EXECUTE FUNCTION alur.stamp()`,
  `CREATE TRIGGER ref_no_change BEFORE UPDATE OR DELETE ON alur.ref_change FOR EACH ROW EXECUTE FUNCTION alur.refuse_change()`,
  `CREATE TRIGGER ref_no_truncate BEFORE TRUNCATE ON alur.ref_change FOR EACH STATEMENT EXECUTE FUNCTION alur.refuse_change()`,

  // Attachments, content-addressed: the server checks the hash, so a blob is what it says.
  `CREATE TABLE alur.blob (
     sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
     bytes bytea NOT NULL CHECK (octet_length(bytes) <= 209715200),
     pushed_by text NOT NULL DEFAULT current_user,
     received_at timestamptz NOT NULL DEFAULT now(),
     CHECK (encode(sha256(bytes), 'hex') = sha256)
   )`,
  `CREATE TRIGGER blob_no_change BEFORE UPDATE OR DELETE ON alur.blob FOR EACH ROW EXECUTE FUNCTION alur.refuse_change()`,
  `CREATE TRIGGER blob_no_truncate BEFORE TRUNCATE ON alur.blob FOR EACH STATEMENT EXECUTE FUNCTION alur.refuse_change()`,

  // Row-level security. Policies are for every role (PUBLIC); a role that is not a unit login
  // gets no privileges on these tables at all, and the owner bypasses RLS.
  `ALTER TABLE alur.case_unit ENABLE ROW LEVEL SECURITY`,
  `CREATE POLICY case_unit_read ON alur.case_unit FOR SELECT
     USING ((SELECT alur.i_am_hub()) OR unit_id = (SELECT alur.my_unit()))`,
  `ALTER TABLE alur.case_info ENABLE ROW LEVEL SECURITY`,
  `CREATE POLICY case_info_read ON alur.case_info FOR SELECT
     USING ((SELECT alur.i_am_hub()) OR EXISTS (SELECT 1 FROM alur.case_unit cu
       WHERE cu.case_id = case_info.case_id AND cu.unit_id = (SELECT alur.my_unit())))`,
  `ALTER TABLE alur.case_blob ENABLE ROW LEVEL SECURITY`,
  `CREATE POLICY case_blob_read ON alur.case_blob FOR SELECT
     USING ((SELECT alur.i_am_hub()) OR EXISTS (SELECT 1 FROM alur.case_unit cu
       WHERE cu.case_id = case_blob.case_id AND cu.unit_id = (SELECT alur.my_unit())))`,

  `ALTER TABLE alur.event ENABLE ROW LEVEL SECURITY`,
  // The hub (Diskominfo) reads every case; an OPD reads the cases dispositioned to it, and
  // never the identity of a rahasia complainant (nor one whose registration it cannot see).
  `CREATE POLICY event_read ON alur.event FOR SELECT USING (
     (SELECT alur.i_am_hub())
     OR (EXISTS (SELECT 1 FROM alur.case_unit cu WHERE cu.case_id = event.case_id AND cu.unit_id = (SELECT alur.my_unit()))
         AND (event.type <> 'case.identity_recorded'
              OR EXISTS (SELECT 1 FROM alur.case_info ci WHERE ci.case_id = event.case_id AND NOT ci.rahasia))))`,
  // Anyone may add to the log of a case it may read; only the hub may start a case.
  `CREATE POLICY event_write ON alur.event FOR INSERT WITH CHECK (
     pushed_by = current_user
     AND ((SELECT alur.i_am_hub())
          OR EXISTS (SELECT 1 FROM alur.case_unit cu WHERE cu.case_id = event.case_id AND cu.unit_id = (SELECT alur.my_unit()))))`,

  `ALTER TABLE alur.ref_change ENABLE ROW LEVEL SECURITY`,
  `CREATE POLICY ref_read ON alur.ref_change FOR SELECT USING ((SELECT alur.my_unit()) IS NOT NULL)`,
  // Reference data (users, posts, presets, calendar) is administered from Diskominfo: an OPD
  // login cannot make itself an administrator for every workstation.
  `CREATE POLICY ref_write ON alur.ref_change FOR INSERT WITH CHECK (pushed_by = current_user AND (SELECT alur.i_am_hub()))`,

  `ALTER TABLE alur.blob ENABLE ROW LEVEL SECURITY`,
  `CREATE POLICY blob_read ON alur.blob FOR SELECT USING (
     (SELECT alur.i_am_hub()) OR pushed_by = current_user
     OR EXISTS (SELECT 1 FROM alur.case_blob cb JOIN alur.case_unit cu ON cu.case_id = cb.case_id
                WHERE cb.sha256 = blob.sha256 AND cu.unit_id = (SELECT alur.my_unit())))`,
  `CREATE POLICY blob_write ON alur.blob FOR INSERT WITH CHECK (pushed_by = current_user AND (SELECT alur.my_unit()) IS NOT NULL)`,
];

/** A client that can run one SQL statement (pg.Client or PoolClient). */
export interface SqlRunner {
  query(sql: string): Promise<unknown>;
}

export async function up(db: SqlRunner): Promise<void> {
  for (const s of STATEMENTS) await db.query(s);
}

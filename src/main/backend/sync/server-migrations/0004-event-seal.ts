/**
 * Server migration 4: events carry their writer's seal (`seal`, an Ed25519 signature over the
 * whole event by the key its writer opened at login). The server only stores it: every
 * workstation checks it on pull (sync/event-trust.ts), as the server vouches for nothing.
 * `push_events` is migration 2's with the column added; its checks are unchanged.
 * `seal_from_seq` in `alur.meta` is the last event the server held before this migration:
 * those were written before seals existed, and workstations judge them as before (the login
 * check), not as unsealed forgeries. Unit logins cannot write `alur.meta`.
 * Frozen once landed: never edit; add a new migration instead. Imports nothing from the app.
 */
import type { SqlRunner } from './0001-initial';

const STATEMENTS: readonly string[] = [
  `ALTER TABLE alur.event ADD COLUMN seal text CHECK (length(seal) <= 200)`,
  `INSERT INTO alur.meta (key, value) SELECT 'seal_from_seq', coalesce(max(seq), 0)::text FROM alur.event ON CONFLICT (key) DO NOTHING`,
  // CREATE OR REPLACE keeps the owner and the grants (EXECUTE revoked from PUBLIC, granted to unit logins).
  `CREATE OR REPLACE FUNCTION alur.push_events(batch jsonb) RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER
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
              position_id text, acting text, device_id text, payload text, signature text, seal text))
            WITH ORDINALITY AS x(id, case_id, type, hlc, at, author_id, position_id, acting, device_id, payload, signature, seal, ord)
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
       INSERT INTO alur.event (id, case_id, type, hlc, at, author_id, position_id, acting, device_id, payload, signature, seal)
         SELECT id, case_id, type, hlc, at, author_id, position_id, acting, device_id, payload, signature, seal FROM judged
         WHERE why IS NULL ORDER BY ord
         ON CONFLICT (id) DO NOTHING
         RETURNING 1
     )
     SELECT (SELECT count(*) FROM ins),
            coalesce((SELECT jsonb_agg(jsonb_build_object('id', id, 'reason', why) ORDER BY ord) FROM judged WHERE why IS NOT NULL), '[]'::jsonb)
       INTO n_inserted, refused;
     RETURN jsonb_build_object('inserted', n_inserted, 'refused', refused);
   END $$`,
];

export async function up(db: SqlRunner): Promise<void> {
  for (const s of STATEMENTS) await db.query(s);
}

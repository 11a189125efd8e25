/**
 * Pull: reference changes and events after this workstation's server cursors. Everything
 * pulled is checked before it touches the local database (the `CaseEvent` schema, the HLC,
 * what this unit may see, that it agrees with a copy already here); what fails is kept in
 * `sync_rejected` with the reason and reported, the rest applies. Each page is appended,
 * projected and the cursor moved in ONE local transaction, so a crash re-pulls a page, never
 * half of one.
 */
import type pg from 'pg';
import type { Kysely } from 'kysely';
import { CaseEvent } from '../../../shared/domain/events';
import { isHlc, MAX_AHEAD_MS } from '../../../shared/hlc';
import type { Database } from '../db/schema';
import { eventToRow, loadCaseEvents, rowToEvent } from '../projection/event-store';
import { projectEvents } from '../projection/projector';
import type { ProjectionContext } from '../projection/case-projection';
import { mergeRef } from '../refdata/ref-store';
import { persistClock } from '../services/commit';
import type { BackendContext } from '../services/context';
import { loadCursors, recordRejections, updateState, type Membership, type Rejection } from './settings-store';
import { checkRefChange } from './ref-check';
import { LOCAL_ONLY_KINDS } from './sync-push';
import { loadLoginRules, loginRefusal, type LoginRules } from './login-check';
import { EVENT_WIRE_COLUMNS, type EventWireRow } from './event-columns';
import { SealChecker } from '../keys/seal';
import { beforeSealing, loadSealCutoff, syncSealCutoff } from './seal-cutoff';
import { loadTrust } from '../keys/verify';

const EVENT_PAGE = 2000;
const REF_PAGE = 2000;

/**
 * A server event row: the wire columns, with pg's bigints (seq, at) as strings, and the login
 * that inserted it as the server recorded it (absent on a re-delivery).
 */
export type ServerEventRow = Omit<EventWireRow, 'at'> & { seq: string; at: string; pushed_by?: string };

const SELECT_EVENTS = `SELECT seq, ${EVENT_WIRE_COLUMNS.join(', ')}, pushed_by FROM alur.event`;
/** The local insert of a pulled event (named parameters, as eventToRow names them). */
// `hash`: the row's content hash (projection/event-hash.ts), computed by eventToRow.
const INSERT_PULLED = `INSERT INTO event (${EVENT_WIRE_COLUMNS.join(', ')}, local, hash) VALUES (${EVENT_WIRE_COLUMNS.map((c) => `@${c}`).join(', ')}, @local, @hash) ON CONFLICT (id) DO NOTHING`;

function firstIssue(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  const i = issues[0];
  return i ? `${i.path.map(String).join('.') || 'peristiwa'}: ${i.message}` : 'tidak valid';
}

/** Marks a quarantine for a clock from too far ahead, which a later round retries. */
export const AHEAD_MARK = 'jam pengirim di depan';

export function aheadReason(aheadMs: number): string {
  return `${AHEAD_MARK} jam workstation ini ${Math.round(aheadMs / 60_000)} menit (batas ${MAX_AHEAD_MS / 60_000} menit); diterapkan setelah jam ini menyusul`;
}

/** Parses one server row into an event, or says why it is not one. */
export function parseServerEvent(r: ServerEventRow): { ok: true; event: CaseEvent } | { ok: false; reason: string } {
  let payload: unknown;
  try {
    payload = JSON.parse(r.payload);
  } catch {
    return { ok: false, reason: 'isi peristiwa bukan JSON' };
  }
  if (!isHlc(r.hlc)) return { ok: false, reason: 'cap waktu HLC tidak valid' };
  const at = Number(r.at);
  const parsed = CaseEvent.safeParse({
    id: r.id,
    caseId: r.case_id,
    type: r.type,
    hlc: r.hlc,
    at,
    authorId: r.author_id,
    positionId: r.position_id,
    acting: r.acting,
    deviceId: r.device_id,
    signature: r.signature,
    seal: r.seal,
    payload,
  });
  if (!parsed.success) return { ok: false, reason: `tidak sesuai skema: ${firstIssue(parsed.error.issues)}` };
  return { ok: true, event: parsed.data };
}

/** JSON with sorted keys, so two copies of one event compare by content, not key order. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** Copies already here whose content differs from what the server now says. */
async function changedCopies(db: Kysely<Database>, events: readonly CaseEvent[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const byId = new Map(events.map((e) => [e.id, e]));
  const ids = [...byId.keys()];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('event')
      .selectAll()
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const row of rows) {
      const mine = CaseEvent.safeParse(rowToEvent(row));
      const theirs = byId.get(row.id);
      if (mine.success && theirs && canonical(mine.data) !== canonical(theirs))
        out.set(row.id, 'berbeda dengan salinan yang sudah ada di workstation ini (diubah di server?)');
    }
  }
  return out;
}

/** Which of these event ids this workstation's log already holds. */
async function knownIds(db: Kysely<Database>, ids: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    for (const r of await db
      .selectFrom('event')
      .select('id')
      .where('id', 'in', ids.slice(i, i + 500))
      .execute())
      out.add(r.id);
  }
  return out;
}

/** Privacy of cases, from a registration in this page or the local projection. */
async function privacies(db: Kysely<Database>, events: readonly CaseEvent[], caseIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const e of events) if (e.type === 'case.registered' && !out.has(e.caseId)) out.set(e.caseId, e.payload.privacy);
  const missing = caseIds.filter((c) => !out.has(c));
  for (let i = 0; i < missing.length; i += 500) {
    for (const r of await db
      .selectFrom('cases')
      .select(['id', 'privacy'])
      .where('id', 'in', missing.slice(i, i + 500))
      .execute())
      out.set(r.id, r.privacy);
  }
  return out;
}

/**
 * What an OPD login may hold, checked again here: the server's policies should already have
 * withheld the rest, but a misconfigured server must not put a case or a secret identity on
 * an OPD's disk. The refusal keeps no copy of what it refused.
 */
async function visibilityRefusals(
  client: pg.ClientBase,
  db: Kysely<Database>,
  rows: readonly ServerEventRow[],
  events: readonly CaseEvent[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const caseIds = [...new Set(rows.map((r) => r.case_id))];
  if (caseIds.length === 0) return out;
  const granted = new Set(
    (
      await client.query<{ case_id: string }>('SELECT case_id FROM alur.case_unit WHERE unit_id = alur.my_unit() AND case_id = ANY($1)', [caseIds])
    ).rows.map((r) => r.case_id),
  );
  const identityCases = [...new Set(rows.filter((r) => r.type === 'case.identity_recorded').map((r) => r.case_id))];
  const privacy = await privacies(db, events, identityCases);
  for (const r of rows) {
    if (!granted.has(r.case_id)) out.set(r.id, 'aduan ini tidak didisposisikan ke unit workstation ini');
    else if (r.type === 'case.identity_recorded' && privacy.get(r.case_id) !== 'biasa')
      out.set(r.id, 'identitas pengadu rahasia tidak boleh disimpan di workstation OPD');
  }
  return out;
}

/**
 * `appendEvents(db, events, false)` with one prepared statement instead of a compiled query
 * per event: a new workstation pulls the whole office, and this was half the time of it. Same
 * row (eventToRow), same rule (a known id is left as it is). Only called inside the
 * transaction that holds the connection, as the projection writer's statements are.
 */
async function appendPulled(ctx: BackendContext, events: readonly CaseEvent[]): Promise<CaseEvent[]> {
  const insert = ctx.opened.sqlite.prepare(INSERT_PULLED);
  const added: CaseEvent[] = [];
  for (const e of events) if (insert.run(eventToRow(e, false)).changes > 0) added.push(e);
  return added;
}

/**
 * Projects appended events. A case with no projection yet whose log already held events (an
 * act that arrived before its registration) is replayed whole, so the result equals a rebuild
 * whatever order the events came in.
 */
async function projectPulled(ctx: BackendContext, proj: ProjectionContext, trx: Kysely<Database>, added: readonly CaseEvent[]): Promise<string[]> {
  const perCase = new Map<string, number>();
  for (const e of added) perCase.set(e.caseId, (perCase.get(e.caseId) ?? 0) + 1);
  const ids = [...perCase.keys()];
  const addedIds = new Set(added.map((e) => e.id));
  const toProject: CaseEvent[] = [...added];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const known = new Set((await trx.selectFrom('cases').select('id').where('id', 'in', chunk).execute()).map((r) => r.id));
    const counts = await trx
      .selectFrom('event')
      .select(['case_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where(
        'case_id',
        'in',
        chunk.filter((c) => !known.has(c)),
      )
      .groupBy('case_id')
      .execute();
    for (const c of counts) {
      if (Number(c.n) > (perCase.get(c.case_id) ?? 0)) {
        const rest = (await loadCaseEvents(trx, c.case_id)).filter((e) => !addedIds.has(e.id));
        toProject.push(...rest);
      }
    }
  }
  const changed = await projectEvents(trx, proj, ctx.writer, toProject);
  return changed.map((c) => c.s.id);
}

interface PullResult {
  /** Rows read from the server. */
  read: number;
  /** Events new to this workstation. */
  applied: number;
  refused: Rejection[];
  caseIds: string[];
}

/** Pulls events after the cursor, page by page, until the server has nothing newer. */
export async function pullEvents(ctx: BackendContext, client: pg.ClientBase, me: Pick<Membership, 'isHub'>): Promise<PullResult> {
  const out: PullResult = { read: 0, applied: 0, refused: [], caseIds: [] };
  let cursor = (await loadCursors(ctx.db)).pullSeq;
  let rules: LoginRules | null = null;
  await syncSealCutoff(ctx.db, client);
  for (;;) {
    // One snapshot for the page and the grants read with it.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    let page: ServerEventRow[];
    let parsed: Array<{ r: ServerEventRow; p: ReturnType<typeof parseServerEvent> }>;
    let invisible = new Map<string, string>();
    let suspect = new Map<string, string>();
    try {
      page = (await client.query<ServerEventRow>(`${SELECT_EVENTS} WHERE seq > $1 ORDER BY seq LIMIT $2`, [cursor, EVENT_PAGE])).rows;
      let rows = page;
      if (page.length && !me.isHub) {
        // Cases handed to this unit within the page: their earlier events were invisible when
        // the cursor passed them, so they come now.
        const hi = Number(page[page.length - 1]?.seq);
        const grants = await client.query<{ case_id: string }>(
          'SELECT case_id FROM alur.case_unit WHERE unit_id = alur.my_unit() AND grant_seq > $1 AND grant_seq <= $2',
          [cursor, hi],
        );
        const granted = grants.rows.map((g) => g.case_id);
        if (granted.length)
          rows = [
            ...(await client.query<ServerEventRow>(`${SELECT_EVENTS} WHERE case_id = ANY($1) AND seq <= $2 ORDER BY seq`, [granted, cursor])).rows,
            ...page,
          ];
      }
      parsed = rows.map((r) => ({ r, p: parseServerEvent(r) }));
      if (!me.isHub)
        invisible = await visibilityRefusals(
          client,
          ctx.db,
          rows,
          parsed.flatMap((x) => (x.p.ok ? [x.p.event] : [])),
        );
      rules ??= await loadLoginRules(client, ctx.db);
      suspect = new Map();
      for (const { r, p } of parsed) {
        const why = p.ok ? loginRefusal(rules, p.event, r.pushed_by) : null;
        if (why) suspect.set(r.id, why);
      }
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
    const last = page[page.length - 1];
    if (!last) break;
    const hi = Number(last.seq);
    const r = await applyPage(ctx, parsed, invisible, hi, suspect);
    out.read += parsed.length;
    out.applied += r.applied;
    out.refused.push(...r.refused);
    out.caseIds.push(...r.caseIds);
    cursor = hi;
    if (page.length < EVENT_PAGE) break;
  }
  if (out.caseIds.length) ctx.emit({ type: 'cases.changed', caseIds: [...new Set(out.caseIds)] });
  return out;
}

/**
 * Applies server rows that came some other way than the cursor (a re-delivery, in any order,
 * with repeats): checked and applied like a page, but the cursor stays where it is. Only on
 * a hub workstation: what an OPD may hold is checked against the server, which this path
 * has no session with.
 */
export async function applyDelivered(ctx: BackendContext, rows: readonly ServerEventRow[]): Promise<{ applied: number; refused: Rejection[] }> {
  const cfg = await ctx.db.selectFrom('sync_config').select('is_hub').executeTakeFirst();
  if (cfg?.is_hub !== 1) throw new Error('applyDelivered is for hub workstations only');
  return applyPage(
    ctx,
    rows.map((r) => ({ r, p: parseServerEvent(r) })),
    new Map(),
    null,
  );
}

/** Applies rows taken back out of quarantine (see clock-quarantine.ts); the cursor stays. */
export async function reapplyEvents(ctx: BackendContext, rows: readonly ServerEventRow[]): Promise<{ applied: number; refused: Rejection[] }> {
  return applyPage(
    ctx,
    rows.map((r) => ({ r, p: parseServerEvent(r) })),
    new Map(),
    null,
  );
}

async function applyPage(
  ctx: BackendContext,
  parsed: ReadonlyArray<{ r: ServerEventRow; p: ReturnType<typeof parseServerEvent> }>,
  invisible: Map<string, string>,
  hi: number | null,
  suspect: ReadonlyMap<string, string> = new Map(),
): Promise<{ applied: number; refused: Rejection[]; caseIds: string[] }> {
  const refused: Rejection[] = [];
  const good: CaseEvent[] = [];
  const seen = new Set<string>();
  const seqOf = new Map<string, number>();
  // Read before the transaction: the context reads through the one connection the
  // transaction holds, so reading inside it would wait for itself.
  const proj = await ctx.projection();
  const seals = new SealChecker(await loadTrust(ctx.db, proj.engine.calendar));
  const cutoff = await loadSealCutoff(ctx.db);
  // Copies already in this log are not judged again (changedCopies compares them instead).
  const known = await knownIds(
    ctx.db,
    parsed.flatMap(({ p }) => (p.ok ? [p.event.id] : [])),
  );
  for (const { r, p } of parsed) {
    const seq = Number(r.seq);
    seqOf.set(r.id, seq);
    // What this unit may not hold is refused without keeping a copy, broken or not.
    const hidden = invisible.get(r.id);
    if (hidden) {
      refused.push({ direction: 'pull', kind: 'event', itemId: r.id, caseId: r.case_id, serverSeq: seq, reason: hidden, raw: null });
      continue;
    }
    if (!p.ok) {
      refused.push({ direction: 'pull', kind: 'event', itemId: r.id, caseId: r.case_id, serverSeq: seq, reason: p.reason, raw: JSON.stringify(r) });
      continue;
    }
    // Inserted by a login that may not speak for its author: kept, never applied.
    const why = suspect.get(r.id);
    if (why) {
      refused.push({ direction: 'pull', kind: 'event', itemId: r.id, caseId: r.case_id, serverSeq: seq, reason: why, raw: JSON.stringify(r) });
      continue;
    }
    // Not applied unless its writer's seal, key, post and (for a signed act) signature hold.
    // (Unsealed events the server held before it was upgraded to sealing are judged as before.)
    const unsealed = known.has(r.id) || beforeSealing(p.event.seal, seq, cutoff) ? null : seals.problem(p.event);
    if (unsealed) {
      refused.push({ direction: 'pull', kind: 'event', itemId: r.id, caseId: r.case_id, serverSeq: seq, reason: unsealed, raw: JSON.stringify(r) });
      continue;
    }
    if (seen.has(r.id)) continue;
    // Later local events must sort after everything seen: the HLC's whole point. A clock
    // from too far ahead is not adopted, nor an act dated that far ahead (its time drives due
    // dates); the event waits in quarantine (clock-quarantine.ts).
    const ahead = Math.max(ctx.clock.aheadBy(p.event.hlc), p.event.at - ctx.now());
    if (ahead > MAX_AHEAD_MS || !ctx.clock.receive(p.event.hlc)) {
      refused.push({
        direction: 'pull',
        kind: 'event',
        itemId: r.id,
        caseId: r.case_id,
        serverSeq: seq,
        reason: aheadReason(ahead),
        raw: JSON.stringify(r),
      });
      continue;
    }
    seen.add(r.id);
    good.push(p.event);
  }
  const changed = await changedCopies(ctx.db, good);
  const accepted = good.filter((e) => !changed.has(e.id));
  for (const e of good) {
    const why = changed.get(e.id);
    if (why)
      refused.push({
        direction: 'pull',
        kind: 'event',
        itemId: e.id,
        caseId: e.caseId,
        serverSeq: seqOf.get(e.id) ?? 0,
        reason: why,
        raw: JSON.stringify(e),
      });
  }
  return ctx.db.transaction().execute(async (trx) => {
    const added = await appendPulled(ctx, accepted);
    const caseIds = added.length ? await projectPulled(ctx, proj, trx, added) : [];
    await recordRejections(trx, ctx.now(), refused);
    if (hi !== null) await updateState(trx, { pull_seq: hi });
    await persistClock(trx, ctx);
    return { applied: added.length, refused, caseIds };
  });
}

interface RefPullResult {
  read: number;
  refused: Rejection[];
}

interface ServerRefRow {
  seq: string;
  kind: string;
  id: string;
  fields: unknown;
  clocks: unknown;
  pushed_by?: string;
}

const SELECT_REFS = 'SELECT seq, kind, id, fields, clocks, pushed_by FROM alur.ref_change';

/** Pulls reference changes after the cursor and merges them per field (LWW by HLC). */
export async function pullRefs(ctx: BackendContext, client: pg.ClientBase): Promise<RefPullResult> {
  const out: RefPullResult = { read: 0, refused: [] };
  let cursor = (await loadCursors(ctx.db)).refPullSeq;
  let logins: LoginRules['logins'] | null = null;
  for (;;) {
    const page = (await client.query<ServerRefRow>(`${SELECT_REFS} WHERE seq > $1 ORDER BY seq LIMIT $2`, [cursor, REF_PAGE])).rows;
    const last = page[page.length - 1];
    if (!last) break;
    const hi = Number(last.seq);
    // A password verifier or wrapped key is readable only by the units its user holds a post
    // in: a new assignment can make earlier ones visible, which the cursor has passed. They
    // come again (merging them twice changes nothing).
    const rows = page.some((r) => r.kind === 'assignment')
      ? [
          ...(await client.query<ServerRefRow>(`${SELECT_REFS} WHERE seq <= $1 AND kind IN ('credential', 'key_secret') ORDER BY seq`, [cursor]))
            .rows,
          ...page,
        ]
      : page;
    const refused: Rejection[] = [];
    const good: Array<{ kind: string; id: string; fields: Record<string, unknown>; clocks: Record<string, string> }> = [];
    for (const r of rows) {
      const c = checkRefChange(r.kind, r.id, r.fields, r.clocks);
      // Reference data is the hub's (the server refuses it from other units; checked again).
      const from = r.pushed_by === undefined ? undefined : (logins ??= (await loadLoginRules(client, ctx.db)).logins).get(r.pushed_by);
      let reason = c.ok ? (from && !from.isHub ? `login ${r.pushed_by ?? ''}: data referensi hanya boleh dari unit meja layanan` : null) : c.reason;
      // Another workstation's personal records (an older version pushed them) are not taken in.
      if (LOCAL_ONLY_KINDS.has(r.kind)) reason = 'catatan pribadi workstation lain (pencarian tersimpan) tidak diterima';
      if (c.ok && reason === null) {
        const ahead = Object.values(c.clocks).find((h) => !ctx.clock.receive(h));
        if (ahead) reason = aheadReason(ctx.clock.aheadBy(ahead));
      }
      if (c.ok && reason === null) good.push({ kind: r.kind, id: r.id, fields: c.fields, clocks: c.clocks });
      else
        refused.push({
          direction: 'pull',
          kind: 'ref',
          itemId: `${r.kind}/${r.id}`,
          caseId: null,
          serverSeq: Number(r.seq),
          reason: reason ?? 'tidak valid',
          raw: JSON.stringify(r),
        });
    }
    await ctx.db.transaction().execute(async (trx) => {
      for (const g of good) await mergeRef(trx, g.kind, g.id, g.fields, g.clocks);
      await recordRejections(trx, ctx.now(), refused);
      await updateState(trx, { ref_pull_seq: hi });
      await persistClock(trx, ctx);
    });
    out.read += page.length;
    out.refused.push(...refused);
    cursor = hi;
    if (page.length < REF_PAGE) break;
  }
  // Presets and the calendar may have changed: the projection context is re-read.
  if (out.read) ctx.invalidate();
  return out;
}

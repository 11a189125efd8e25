/**
 * Projections are rebuilt when the code that derives them changes. An upgraded database kept
 * the case rows, tasks and due times its old release computed: after one upgrade 4 cases' due
 * times differed from a fresh rebuild. The version of the projection code is stored in
 * `local_meta`; a database whose version differs (or has none: made before this existed) is
 * rebuilt from its log at open, before anything is served, and the rebuild is reported.
 *
 * Bump PROJECTION_VERSION with any change to what a replay of the log produces (the engine,
 * the calendar, case-projection.ts). tests/unit/db/projection-version.test.ts pins the sources
 * that feed a replay to this number, so a change without a bump fails there.
 */
import type { BackendContext } from '../services/context';
import { rebuildProjections } from '../projection/projector';
import { countEvents } from '../projection/event-store';

// 2: how a case ended (close reason, duplicate of, reopens) and the answer's delivery (issue 15).
export const PROJECTION_VERSION = 2;
const KEY = 'projection_version';

interface ProjectionUpgrade {
  /** The version found (null: a database from before versions were stored). */
  from: number | null;
  to: number;
  cases: number;
  events: number;
  ms: number;
}

/** The stored projection version, or null when none was stored. */
export async function storedProjectionVersion(ctx: BackendContext): Promise<number | null> {
  const row = await ctx.db.selectFrom('local_meta').select('value').where('key', '=', KEY).executeTakeFirst();
  return row ? Number(row.value) : null;
}

async function store(ctx: BackendContext): Promise<void> {
  await ctx.db
    .insertInto('local_meta')
    .values({ key: KEY, value: String(PROJECTION_VERSION) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(PROJECTION_VERSION) }))
    .execute();
}

/**
 * At open: rebuilds every projection when its stored version is not this code's. A new, empty
 * database only records the version. `say` receives one line before and one after a rebuild
 * (the CLI prints them; the app writes them to the support log).
 */
export async function rebuildIfStale(ctx: BackendContext, say: (line: string) => void = () => {}): Promise<ProjectionUpgrade | null> {
  const from = await storedProjectionVersion(ctx);
  if (from === PROJECTION_VERSION) return null;
  const events = await countEvents(ctx.db);
  if (events === 0) {
    await store(ctx);
    return null;
  }
  say(`Versi tampilan data berubah (${from ?? 'lama'} -> ${PROJECTION_VERSION}): membangun ulang ${events} peristiwa dari log...`);
  const started = Date.now();
  // The rebuild is one transaction; the version is stored after it commits, so a crash in
  // between only rebuilds again at the next open.
  const r = await rebuildProjections(ctx.db, await ctx.projection(), ctx.writer);
  await store(ctx);
  const ms = Date.now() - started;
  say(`Dibangun ulang: ${r.cases} aduan dari ${r.events} peristiwa dalam ${(ms / 1000).toFixed(1)} dtk.`);
  ctx.log.info('projection.rebuilt', { from: from ?? 0, to: PROJECTION_VERSION, cases: r.cases, events: r.events, ms });
  return { from, to: PROJECTION_VERSION, cases: r.cases, events: r.events, ms };
}

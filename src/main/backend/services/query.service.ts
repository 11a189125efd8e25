/**
 * Read side: the case list and search (the plan chosen by the size of each set filter). Rows are
 * mapped in case-row.ts; the inbox is inbox.service.ts.
 */
import { sql, type Kysely } from 'kysely';
import type { ParsedInputOf } from '../../../shared/api/contract';
import type { CaseList } from '../../../shared/api/views';
import type { Database } from '../db/schema';
import type { Caller } from './auth.service';
import type { BackendContext } from './context';
import { ROW_COLUMNS, toRows } from './case-row';
import { visibilityOf, type Visibility } from './visibility';
import { exactCaseIds, identityCaseIds } from './search.service';
import { stemWord, wordsOf } from '../../../shared/search/stem-id';

type Db = Kysely<Database>;

// The report's due-soon threshold is the inbox's; report.service.ts imports it from here.
export { DUE_SOON_MINUTES } from './inbox.service';

/**
 * Turns what a user typed into an FTS5 query: each word a quoted prefix term (so operators and
 * quotes in the input are plain text, never query syntax, and a word matches as it is typed),
 * or its Indonesian stem as a prefix term too ("lubang" finds "berlubang": the index holds the
 * stems, see `ftsBody`).
 */
export function ftsQuery(text: string): string | null {
  const words = wordsOf(text).slice(0, 12);
  if (!words.length) return null;
  return (
    words
      .map((w) => {
        const stem = stemWord(w);
        return stem !== w ? `("${w}"* OR "${stem}"*)` : `"${w}"*`;
      })
      // Explicit AND: FTS5 refuses an implicit one next to a parenthesised group.
      .join(' AND ')
  );
}

type CaseQuery = ReturnType<typeof baseQuery>;

function baseQuery(db: Db) {
  return db.selectFrom('cases');
}

/**
 * A list counts its matches up to the first multiple of this past the page it shows; beyond
 * that the total is a lower bound ("lebih dari 1000"). Counting every match of a broad search
 * cost more than the rest of the query (DESIGN.md section 10).
 */
export const TOTAL_STEP = 1000;

/**
 * A set filter (full-text matches, the cases of some units) of at most this many rows drives
 * the query: SQLite reads those rows and sorts them. A bigger one is only checked, by rowid,
 * while SQLite reads cases newest first from an index, so a page reads about a page of rows
 * instead of every match. Same rows and order either way; only the plan differs.
 */
const DRIVING_SET_MAX = 1000;

/** The unary plus keeps SQLite from using the column's index to drive the query. */
function setColumn(column: 'cases.id' | 'cases.rowid', drive: boolean) {
  return drive ? sql.ref(column) : sql`+${sql.ref(column)}`;
}

/** A filter that is a set of cases, with its size: the query plan depends on it. */
interface SetFilter {
  size: number;
  apply(q: CaseQuery, drive: boolean): CaseQuery;
}

function inUnits(db: Db, unitIds: readonly string[], size: number): SetFilter {
  const units = db
    .selectFrom('case_unit')
    .select('case_id')
    .where('unit_id', 'in', [...unitIds]);
  return { size, apply: (q, drive) => q.where(setColumn('cases.id', drive), 'in', units) };
}

function matching(match: string, size: number): SetFilter {
  return {
    size,
    apply: (q, drive) => q.where(sql<boolean>`${setColumn('cases.rowid', drive)} IN (SELECT rowid FROM case_fts WHERE case_fts MATCH ${match})`),
  };
}

function byIds(ids: readonly string[]): SetFilter {
  return { size: ids.length, apply: (q, drive) => q.where(setColumn('cases.id', drive), 'in', [...ids]) };
}

/** Full-text matches or cases whose complainant matched (the identity search, already filtered for the caller). */
function matchingOrIds(match: string, size: number, ids: readonly string[]): SetFilter {
  return {
    size: size + ids.length,
    apply: (q, drive) =>
      q.where(
        sql<boolean>`(${setColumn('cases.rowid', drive)} IN (SELECT rowid FROM case_fts WHERE case_fts MATCH ${match}) OR ${setColumn('cases.id', drive)} IN (${sql.join([...ids])}))`,
      ),
  };
}

/**
 * What a search finds, as a set filter, or null when nothing can match: a tracking number or
 * LAPOR! id typed exactly finds that case alone; otherwise the full text (stemmed, prefix as
 * typed) and, for users who may read identities, the complainant's name, NIK or phone.
 */
async function searchFilter(ctx: BackendContext, caller: Caller, v: Visibility, search: string): Promise<SetFilter | null> {
  const exact = await exactCaseIds(ctx.db, search);
  if (exact.length) return byIds(exact);
  const match = ftsQuery(search);
  const people = await identityCaseIds(ctx, caller, v, search);
  if (!match) return people.length ? byIds(people) : null;
  const n = await ftsCount(ctx.db, match);
  if (people.length) return matchingOrIds(match, n, people);
  return n === 0 ? null : matching(match, n);
}

async function unitCaseCount(db: Db, unitIds: readonly string[]): Promise<number> {
  const r = await db
    .selectFrom('case_unit')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('unit_id', 'in', [...unitIds])
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function ftsCount(db: Db, match: string): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*) AS n FROM case_fts WHERE case_fts MATCH ${match}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** Counts the rows of `q` up to `cap + 1`: enough to tell "exactly n" from "more than cap". */
async function cappedCount(db: Db, q: CaseQuery, cap: number): Promise<Pick<CaseList, 'total' | 'totalIsLowerBound'>> {
  const r = await db
    .selectFrom(
      q
        .select(sql<number>`1`.as('one'))
        .limit(cap + 1)
        .as('m'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const n = Number(r.n);
  return n > cap ? { total: cap, totalIsLowerBound: true } : { total: n };
}

export async function listCases(ctx: BackendContext, caller: Caller, input: ParsedInputOf<'case.list'>): Promise<CaseList> {
  const office = await ctx.office();
  const v = visibilityOf(caller.actor, office.hubUnitId);
  const now = ctx.now();
  const none: CaseList = { rows: [], total: 0 };
  if (!v.all && v.unitIds.length === 0) return none;
  const sets: SetFilter[] = [];
  if (!v.all) sets.push(inUnits(ctx.db, v.unitIds, await unitCaseCount(ctx.db, v.unitIds)));
  if (input.unitId) sets.push(inUnits(ctx.db, [input.unitId], await unitCaseCount(ctx.db, [input.unitId])));
  if (input.search) {
    const found = await searchFilter(ctx, caller, v, input.search);
    if (!found) return none;
    sets.push(found);
  }
  let q = baseQuery(ctx.db);
  if (input.status) q = q.where('cases.status', '=', input.status);
  if (input.channel) q = q.where('cases.channel', '=', input.channel);
  if (input.type) q = q.where('cases.type', '=', input.type);
  if (input.categoryId) q = q.where('cases.category_id', '=', input.categoryId);
  if (input.overdue) q = q.where('cases.next_due_at', '<', now);
  if (input.conflicts) q = q.where('cases.conflict_count', '>', 0);
  if (input.receivedFrom !== undefined) q = q.where('cases.received_at', '>=', input.receivedFrom);
  if (input.receivedTo !== undefined) q = q.where('cases.received_at', '<=', input.receivedTo);
  // The count has no order to keep: the smallest set drives it. The page drives by a set only
  // when it is small, else it reads newest first and checks the sets.
  const smallest = sets.reduce<SetFilter | null>((a, b) => (a && a.size <= b.size ? a : b), null);
  const counted = sets.reduce((acc, f) => f.apply(acc, f === smallest), q);
  const paged = sets.reduce((acc, f) => f.apply(acc, f.size <= DRIVING_SET_MAX), q);
  const cap = TOTAL_STEP * Math.ceil((input.offset + input.limit + 1) / TOTAL_STEP);
  const count = await cappedCount(ctx.db, counted, cap);
  const rows = await paged
    .select([...ROW_COLUMNS])
    .orderBy('cases.received_at', 'desc')
    .orderBy('cases.id')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  return { rows: await toRows(ctx, rows, now), ...count };
}

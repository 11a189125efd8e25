/** Likely duplicates before registering, and each user's saved searches. */
import { sql } from 'kysely';
import type { ParsedInputOf } from '../../../shared/api/contract';
import type { CaseStatus } from '../../../shared/domain/enums';
import type { DuplicateCandidate, SavedSearch } from '../../../shared/api/views';
import { AppError } from '../../../shared/result';
import { deleteRef, getRef, listRefs, putRef } from '../refdata/ref-store';
import type { Caller } from './auth.service';
import type { BackendContext } from './context';
import { newId } from './commit';
import { appendAudit } from './audit';
import { visibilityOf, type Visibility } from './visibility';
import { phoneDigits as digits } from '../../../shared/search/phone';

const STOP = new Set([
  'yang',
  'dan',
  'di',
  'ke',
  'dari',
  'untuk',
  'dengan',
  'pada',
  'ini',
  'itu',
  'sudah',
  'belum',
  'mohon',
  'tidak',
  'ada',
  'kami',
  'saya',
]);

/** The words of a text that say something (longer than three letters, not a stop word). */
function significantWords(text: string): string[] {
  return [
    ...new Set(
      text
        .toLowerCase()
        .normalize('NFKC')
        .split(/[^\p{L}\p{N}]+/u)
        .filter((w) => w.length > 3 && !STOP.has(w)),
    ),
  ];
}

/** Significant words as an FTS5 OR query (quoted: user text is never syntax). */
function similarQuery(words: readonly string[]): string | null {
  return words.length >= 2 ? words.map((w) => `"${w}"`).join(' OR ') : null;
}

/**
 * "About the same thing": the candidate shares at least two of the new text's significant
 * words, and at least 40% of them. One shared word (a village name, "jalan") is not enough,
 * or every case of a district would look like a duplicate of every other.
 */
function similarEnough(words: readonly string[], candidate: string): boolean {
  const theirs = new Set(significantWords(candidate));
  const shared = words.filter((w) => theirs.has(w)).length;
  return shared >= 2 && shared >= Math.ceil(words.length * 0.4);
}

/**
 * Likely duplicates among the cases the caller may see (an OPD: those disposed to it), never
 * matching on the identity of a *rahasia* case for a caller who may not read it: otherwise the
 * answer would tell an OPD whose NIK or phone a confidential complaint carries.
 */
export async function findDuplicates(ctx: BackendContext, caller: Caller, input: ParsedInputOf<'case.duplicates'>): Promise<DuplicateCandidate[]> {
  const office = await ctx.office();
  const v = visibilityOf(caller.actor, office.hubUnitId);
  if (!v.all && v.unitIds.length === 0) return [];
  // The cases disposed to the caller's units (used only when the caller does not see all).
  const opdCases = ctx.db
    .selectFrom('case_unit')
    .select('case_unit.case_id')
    .where('case_unit.unit_id', 'in', v.unitIds.length ? v.unitIds : ['-']);
  const found = new Map<string, DuplicateCandidate>();
  const add = (
    r: { id: string; ref: string; title: string; status: CaseStatus; received_at: number },
    reason: DuplicateCandidate['reasons'][number],
  ) => {
    const c = found.get(r.id) ?? { id: r.id, ref: r.ref, title: r.title, status: r.status, receivedAt: r.received_at, reasons: [] };
    if (!c.reasons.includes(reason)) c.reasons.push(reason);
    found.set(r.id, c);
  };
  const cols = ['cases.id', 'cases.ref', 'cases.title', 'cases.status', 'cases.received_at'] as const;
  if (input.laporId) {
    const byLapor = ctx.db.selectFrom('cases').select(cols).where('lapor_id', '=', input.laporId);
    for (const r of await (v.all ? byLapor : byLapor.where('cases.id', 'in', opdCases)).limit(5).execute()) add(r, 'lapor');
  }
  const words = significantWords(`${input.title} ${input.description}`).slice(0, 12);
  const q = similarQuery(words);
  const textQuery = ctx.db
    .selectFrom('cases')
    .select([...cols, 'cases.description'])
    // An OPD looks further down the ranking: most of the best matches may be other units' cases.
    .where(sql<boolean>`cases.rowid IN (SELECT rowid FROM case_fts WHERE case_fts MATCH ${q ?? '""'} ORDER BY rank LIMIT ${v.all ? 20 : 200})`);
  const textHits = q
    ? (await (v.all ? textQuery : textQuery.where('cases.id', 'in', opdCases)).execute()).filter((r) =>
        similarEnough(words, `${r.title} ${r.description}`),
      )
    : [];
  const c = input.complainant;
  if (c) {
    const phone = digits(c.phone);
    const idQuery = ctx.db
      .selectFrom('identity')
      .innerJoin('cases', 'cases.id', 'identity.case_id')
      .select([...cols, 'identity.name', 'identity.phone', 'identity.nik'])
      // A rahasia identity is matched only for callers who may read it.
      .$if(!v.confidential, (qb) => qb.where('cases.privacy', '!=', 'rahasia'))
      .$if(!v.all, (qb) => qb.where('cases.id', 'in', opdCases));
    const rows = await idQuery
      .where((eb) =>
        eb.or([
          eb(sql`lower(identity.name)`, '=', c.name.trim().toLowerCase()),
          ...(c.nik ? [eb('identity.nik', '=', c.nik)] : []),
          ...(phone.length >= 8 ? [eb(sql`replace(replace(replace(identity.phone, ' ', ''), '-', ''), '+62', '0')`, '=', phone)] : []),
        ]),
      )
      .limit(50)
      .execute();
    const similar = new Set(textHits.map((r) => r.id));
    // The same person alone is not a duplicate (people complain more than once); the same
    // person about the same thing is.
    for (const r of rows) if (similar.has(r.id) || (c.nik && r.nik === c.nik && similar.size === 0)) add(r, 'complainant');
  }
  for (const r of textHits.slice(0, 5)) add(r, 'text');
  const weight = (d: DuplicateCandidate) =>
    (d.reasons.includes('lapor') ? 4 : 0) + (d.reasons.includes('complainant') ? 2 : 0) + (d.reasons.includes('text') ? 1 : 0);
  return [...found.values()].sort((a, b) => weight(b) - weight(a) || b.receivedAt - a.receivedAt).slice(0, 8);
}

export async function listSavedSearches(ctx: BackendContext, caller: Caller): Promise<SavedSearch[]> {
  return (await listRefs(ctx.db, 'saved_search')).filter((s) => s.userId === caller.user.id).map(({ id, name, filters }) => ({ id, name, filters }));
}

export async function saveSavedSearch(ctx: BackendContext, caller: Caller, input: ParsedInputOf<'search.saved.save'>): Promise<SavedSearch> {
  if (input.id) {
    const cur = await getRef(ctx.db, 'saved_search', input.id);
    if (!cur || cur.userId !== caller.user.id) throw new AppError('NOT_FOUND', 'Pencarian tersimpan tidak ditemukan.');
  }
  const id = input.id ?? newId(ctx);
  const filters: Record<string, unknown> = { ...input.filters };
  await ctx.db
    .transaction()
    .execute((trx) => putRef(trx, 'saved_search', id, { id, userId: caller.user.id, name: input.name, filters }, ctx.clock.tick()));
  return { id, name: input.name, filters };
}

export async function deleteSavedSearch(ctx: BackendContext, caller: Caller, id: string): Promise<null> {
  const cur = await getRef(ctx.db, 'saved_search', id);
  if (!cur || cur.userId !== caller.user.id) throw new AppError('NOT_FOUND', 'Pencarian tersimpan tidak ditemukan.');
  await ctx.db.transaction().execute((trx) => deleteRef(trx, 'saved_search', id, ctx.clock.tick()));
  return null;
}

/**
 * The cases whose tracking number or LAPOR! tracking id is exactly `text` (as typed, or in
 * capitals): one token people copy from a letter, an SMS or the inbox. Both columns are indexed.
 */
export async function exactCaseIds(db: BackendContext['db'], text: string): Promise<string[]> {
  const t = text.trim();
  if (t.length < 3 || /\s/.test(t)) return [];
  const forms = [...new Set([t, t.toUpperCase()])];
  const rows = await db
    .selectFrom('cases')
    .select('id')
    .where((eb) => eb.or([eb('ref', 'in', forms), eb('lapor_id', 'in', forms)]))
    .limit(20)
    .execute();
  return rows.map((r) => r.id);
}

/** At most this many cases come from a search by complainant; a broader name is narrowed by typing more. */
const IDENTITY_HITS_MAX = 500;

/**
 * An FTS5 query over the identity index: a number of six digits or more (a phone, with any
 * punctuation, or a NIK) as a digits prefix; otherwise each word of the name as a prefix.
 */
function identityQuery(text: string): string | null {
  if (/^[\d\s+().-]+$/.test(text.trim())) {
    const d = digits(text);
    return d.length >= 6 ? `"${d}"*` : null;
  }
  const words = text
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1)
    .slice(0, 6);
  return words.length ? words.map((w) => `"${w}"*`).join(' ') : null;
}

/**
 * Cases whose complainant's name, NIK or phone matches `text`, for a caller who may read
 * those identities: the desk side (which may read *rahasia* identities; each search that
 * finds one is written to the audit trail, as a read would be) finds any case; anyone else
 * only *biasa* cases (never a *rahasia* one, whose identity they may not read), and the case
 * list still applies their own visibility. *Anonim* cases have no identity to find.
 */
export async function identityCaseIds(ctx: BackendContext, caller: Caller, v: Visibility, text: string): Promise<string[]> {
  const q = identityQuery(text);
  if (!q) return [];
  let query = ctx.db
    .selectFrom(sql<{ case_id: string }>`(SELECT case_id FROM identity_fts WHERE identity_fts MATCH ${q} LIMIT ${IDENTITY_HITS_MAX})`.as('i'))
    .innerJoin('cases', 'cases.id', 'i.case_id')
    .select(['cases.id', 'cases.privacy']);
  if (!v.confidential) query = query.where('cases.privacy', '=', 'biasa');
  const rows = await query.execute();
  const secret = rows.filter((r) => r.privacy === 'rahasia').length;
  if (secret > 0) {
    await appendAudit(ctx, ctx.db, ctx.now(), {
      userId: caller.user.id,
      action: 'identity.search',
      target: 'cases',
      detail: { query: text.slice(0, 100), rahasia: secret },
    });
  }
  return rows.map((r) => r.id);
}

/**
 * Letter numbers: issued when the head signs the approval, in the unit's format, one sequence
 * per unit and year, never reused. The next number is above both this workstation's counter
 * and every number already seen in the log (letters signed elsewhere arrive by sync).
 */
import { sql, type Kysely } from 'kysely';
import { localDate, type WorkCalendar } from '../../../shared/calendar/working-time';
import type { LetterMeta } from '../../../shared/domain/events';
import type { Unit } from '../../../shared/domain/org';
import type { Database } from '../db/schema';
import { Letterhead } from '../refdata/kinds';
import { getRef } from '../refdata/ref-store';

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

export async function letterheadOf(db: Kysely<Database>, unitId: string): Promise<Letterhead> {
  return (await getRef(db, 'letterhead', unitId)) ?? Letterhead.parse({ unitId });
}

function formatLetterNumber(format: string, v: { seq: number; unitCode: string; classification: string; date: string }): string {
  const [yyyy, mm] = v.date.split('-') as [string, string];
  const out = format
    .replace(/\{KLAS\}/g, v.classification)
    .replace(/\{UNIT\}/g, v.unitCode)
    .replace(/\{YYYY\}/g, yyyy)
    .replace(/\{MM\}/g, mm)
    .replace(/\{ROMAWI\}/g, ROMAN[Number(mm) - 1] ?? mm)
    .replace(/\{SEQ(?::(\d+))?\}/g, (_m, w: string | undefined) => String(v.seq).padStart(Number(w ?? '1'), '0'));
  // An empty classification leaves no stray separator at the start.
  return out.replace(/^[/.-]+/, '').replace(/\/{2,}/g, '/');
}

/** The highest sequence of the unit's letters of `year` in the log (index event_letter_seq). */
export function highestSeenSeq(db: Kysely<Database>, unitId: string, year: number) {
  return (
    db
      .selectFrom('event')
      .select(sql<number | null>`max(json_extract(payload, '$.letter.seq'))`.as('m'))
      // A literal type, not a bound parameter, so SQLite may use the partial index.
      .where(sql<boolean>`type = 'case.approved'`)
      .where(sql<string>`json_extract(payload, '$.letter.unitId')`, '=', unitId)
      .where(sql<number>`json_extract(payload, '$.letter.year')`, '=', year)
  );
}

/** Issues the next number for `unit`, inside the caller's transaction. */
export async function issueLetterNumber(
  db: Kysely<Database>,
  calendar: WorkCalendar,
  unit: Unit,
  at: number,
  signer: LetterMeta['signer'] = null,
): Promise<LetterMeta> {
  const date = localDate(calendar, at);
  const year = Number(date.slice(0, 4));
  const key = `letterseq:${unit.id}:${year}`;
  const local = Number((await db.selectFrom('local_meta').select('value').where('key', '=', key).executeTakeFirst())?.value ?? '0');
  const seen = await highestSeenSeq(db, unit.id, year).executeTakeFirst();
  const seq = Math.max(local, seen?.m ?? 0) + 1;
  await db
    .insertInto('local_meta')
    .values({ key, value: String(seq) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(seq) }))
    .execute();
  const head = await letterheadOf(db, unit.id);
  return {
    number: formatLetterNumber(head.numberFormat, { seq, unitCode: unit.code, classification: head.classification, date }),
    unitId: unit.id,
    year,
    seq,
    date,
    signer,
  };
}

/** The signer as a letter names them, from the user and the post they sign as. */
export async function letterSigner(
  db: Kysely<Database>,
  userId: string | null,
  positionId: string,
  acting: 'plt' | 'plh' | null,
): Promise<LetterMeta['signer']> {
  const user = userId ? await getRef(db, 'user', userId) : null;
  const position = await getRef(db, 'position', positionId);
  const prefix = acting === 'plt' ? 'Plt. ' : acting === 'plh' ? 'Plh. ' : '';
  return { name: user?.fullName ?? '-', rank: user?.rank ?? null, nip: user?.nip ?? null, position: `${prefix}${position?.title ?? 'Pejabat'}` };
}

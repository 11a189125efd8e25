/**
 * Registering cases: one at a time from the desk, or many in one transaction (an import).
 * Each case is a `case.registered` event plus, unless anonymous, `case.identity_recorded`.
 */
import type { Kysely } from 'kysely';
import type { ParsedInputOf } from '../../../shared/api/contract';
import type { CaseEvent, EventBody } from '../../../shared/domain/events';
import type { ActorPosition } from '../../../shared/domain/org';
import { localDate, type WorkCalendar } from '../../../shared/calendar/working-time';
import { AppError } from '../../../shared/result';
import type { WorkflowPreset } from '../../../shared/workflow/preset';
import type { Database } from '../db/schema';
import { getRef } from '../refdata/ref-store';
import type { OfficeSettings } from '../refdata/kinds';
import type { Caller } from './auth.service';
import type { BackendContext } from './context';
import { commitEvents, makeEvent } from './commit';
import { requireBlobs } from './attachment.service';
import { deskPosition } from './case.service';
import { formatRef, refIssued } from '../backup/counters';

type Db = Kysely<Database>;
export type RegistrationInput = ParsedInputOf<'case.register'>;

function checkCategory(preset: WorkflowPreset, categoryId: string | null, subcategoryId: string | null): void {
  if (categoryId === null) {
    if (subcategoryId !== null) throw new AppError('VALIDATION', 'Subkategori tanpa kategori.');
    return;
  }
  const cat = preset.categories.find((c) => c.id === categoryId);
  if (!cat) throw new AppError('VALIDATION', `Kategori tidak dikenal: ${categoryId}`);
  if (subcategoryId !== null && !cat.subcategories.some((s) => s.id === subcategoryId))
    throw new AppError('VALIDATION', `Subkategori tidak dikenal: ${subcategoryId}`);
}

/**
 * Issues the next tracking number in the office's format, per year and workstation. The
 * number is checked against the log first (a restored older database has an older counter):
 * a number already issued is skipped, never issued twice (backup/counters.ts).
 */
async function nextRef(db: Db, ctx: BackendContext, calendar: WorkCalendar, format: string, unitCode: string, at: number): Promise<string> {
  const date = localDate(calendar, at);
  const [yyyy, mm] = date.split('-') as [string, string];
  const key = `seq:${yyyy}`;
  const row = await db.selectFrom('local_meta').select('value').where('key', '=', key).executeTakeFirst();
  const station = await stationCode(db, ctx);
  const parts = { yyyy, mm, station, unitCode };
  let seq = Number(row?.value ?? '0') + 1;
  let ref = formatRef(format, parts, seq);
  while (await refIssued(db, ref)) ref = formatRef(format, parts, ++seq);
  await db
    .insertInto('local_meta')
    .values({ key, value: String(seq) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(seq) }))
    .execute();
  return ref;
}

/** This workstation's code in tracking numbers ({DEV}). */
export async function stationCode(db: Db, ctx: BackendContext): Promise<string> {
  return (
    (await db.selectFrom('local_meta').select('value').where('key', '=', 'station').executeTakeFirst())?.value ??
    ctx.deviceId.slice(0, 2).toUpperCase()
  );
}

/** What a batch of registrations shares: the office, its preset and calendar, the desk post. */
interface RegistrationContext {
  office: OfficeSettings;
  preset: WorkflowPreset;
  calendar: WorkCalendar;
  desk: ActorPosition;
  unitCode: string;
  userId: string;
}

export async function registrationContext(ctx: BackendContext, caller: Caller): Promise<RegistrationContext> {
  const office = await ctx.office();
  const proj = await ctx.projection();
  const preset = proj.preset(office.presetId, office.presetVersion);
  const desk = deskPosition(preset, caller.actor, office.hubUnitId);
  const hub = await getRef(ctx.db, 'unit', office.hubUnitId);
  return { office, preset, calendar: proj.engine.calendar, desk, unitCode: hub?.code ?? 'ADU', userId: caller.user.id };
}

/**
 * Builds the events of one registration inside a transaction (issuing its tracking number).
 * Refuses a LAPOR! tracking id already registered. Call it from `commitEvents`.
 */
export async function buildRegistration(
  trx: Db,
  ctx: BackendContext,
  rc: RegistrationContext,
  input: RegistrationInput,
  when: number,
): Promise<{ caseId: string; ref: string; events: CaseEvent[] }> {
  checkCategory(rc.preset, input.categoryId, input.subcategoryId);
  requireBlobs(ctx, input.attachments);
  if (input.laporId) {
    const dup = await trx.selectFrom('cases').select('ref').where('lapor_id', '=', input.laporId).executeTakeFirst();
    if (dup) throw new AppError('CONFLICT', `Aduan dengan nomor LAPOR! ${input.laporId} sudah terdaftar sebagai ${dup.ref}.`, { ref: dup.ref });
  }
  const caseId = ctx.uuid();
  const ref = await nextRef(trx, ctx, rc.calendar, rc.office.refFormat, rc.unitCode, when);
  const author = { userId: rc.userId, positionId: rc.desk.positionId, acting: rc.desk.acting };
  const registered: EventBody = {
    type: 'case.registered',
    payload: {
      ref,
      presetId: rc.preset.id,
      presetVersion: rc.preset.version,
      hubUnitId: rc.office.hubUnitId,
      channel: input.channel,
      laporId: input.laporId,
      receivedAt: input.receivedAt,
      type: input.type,
      categoryId: input.categoryId,
      subcategoryId: input.subcategoryId,
      title: input.title,
      description: input.description,
      location: input.location,
      privacy: input.privacy,
      urgency: input.urgency,
      attachments: input.attachments,
    },
  };
  const events = [makeEvent(ctx, caseId, author, registered, when)];
  // An anonymous case keeps no identity at all: the schema already refused one.
  if (input.complainant && input.privacy !== 'anonim') {
    events.push(makeEvent(ctx, caseId, author, { type: 'case.identity_recorded', payload: { complainant: input.complainant } }, when));
  }
  return { caseId, ref, events };
}

export async function registerCase(
  ctx: BackendContext,
  caller: Caller,
  input: RegistrationInput,
  at?: number,
): Promise<{ caseId: string; ref: string }> {
  const rc = await registrationContext(ctx, caller);
  let out = { caseId: '', ref: '' };
  await commitEvents(ctx, async (trx) => {
    const r = await buildRegistration(trx, ctx, rc, input, at ?? ctx.now());
    out = { caseId: r.caseId, ref: r.ref };
    return r.events;
  });
  return out;
}

/**
 * The content of a response letter (surat tanggapan), gathered once from the log and the
 * reference data, so the PDF and the DOCX print exactly the same text.
 */
import crypto from 'node:crypto';
import type { CaseEvent, EventOf, LetterMeta } from '../../../shared/domain/events';
import type { SignatureCheck } from '../../../shared/signing/canonical';
import { AppError } from '../../../shared/result';
import { loadCaseEvents } from '../projection/event-store';
import { loadStoredCase } from '../projection/case-projection';
import { listRefs } from '../refdata/ref-store';
import type { Letterhead } from '../refdata/kinds';
import type { BackendContext } from '../services/context';
import { readBlob } from '../services/attachment.service';
import { checkSignature, loadTrust, signatureRequired } from '../keys/verify';
import { letterheadOf } from './letter-number';
import { indonesianDate, URGENCY_LABEL } from './format';
import type { PageSetup } from './page-setup';
import { composeLetterText, DEFAULT_CLOSING, DEFAULT_OPENING, fillTemplate, tembusanLines } from './letter-template';

/** Roles that head their unit; anyone else signs *a.n.* (on behalf of) the head. */
const HEAD_ROLES = new Set(['kadis', 'kepala_opd', 'kepala']);

interface KopSurat {
  government: string;
  agency: string;
  address: string;
  contacts: string;
  logo: { data: Buffer; mime: 'image/png' | 'image/jpeg' } | null;
}

interface SignatureBlock {
  /** 'a.n. Kepala …' line above the position, when the signer signs on behalf of the head. */
  onBehalfOf: string | null;
  /** The position as signed: with Plt./Plh. in front when acting. */
  position: string;
  name: string;
  rank: string | null;
  nip: string | null;
}

export interface LetterContent {
  caseId: string;
  caseRef: string;
  eventId: string;
  kop: KopSurat;
  page: PageSetup;
  place: string;
  dateText: string;
  letter: LetterMeta;
  sifat: string;
  lampiran: string;
  hal: string;
  /** 'Yth. <addressee>' on its first line, then 'di' and the place. */
  addressee: string[];
  /** Null when the drafter's text opens (or closes) in its own words. */
  opening: string | null;
  body: string[];
  closing: string | null;
  signer: SignatureBlock;
  tembusan: string[];
  /** Short code a person can type on the Verifikasi screen. */
  verifyCode: string;
  /** What the QR code holds. */
  qrText: string;
  signature: SignatureCheck;
  signedAt: number;
  /** A preview before signing: marked KONSEP, no verification claim or code. */
  draft?: boolean;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Ten characters (50 bits) from the signed act, shown as XXXXX-XXXXX. */
export function verificationCode(e: Pick<CaseEvent, 'id' | 'signature'>): string {
  const h = crypto
    .createHash('sha256')
    .update(`${e.id}|${e.signature ?? ''}`)
    .digest();
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of h) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < 10) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    if (out.length >= 10) break;
  }
  return `${out.slice(0, 5)}-${out.slice(5)}`;
}

function letterQrText(e: Pick<CaseEvent, 'id' | 'signature'>): string {
  return `ALUR:L:${e.id}:${verificationCode(e)}`;
}

export function kopOf(ctx: BackendContext, head: Letterhead, fallbackAgency: string): KopSurat {
  let logo: KopSurat['logo'] = null;
  if (head.logo) {
    let data: Buffer;
    try {
      data = readBlob(ctx, head.logo.sha256);
    } catch {
      throw new AppError('NOT_FOUND', 'Berkas logo kop surat tidak ditemukan; unggah ulang logo di Pengaturan › Kop surat.');
    }
    const mime = sniffImage(data);
    if (!mime) throw new AppError('VALIDATION', 'Logo kop surat bukan gambar PNG atau JPEG; unggah ulang logo di Pengaturan › Kop surat.');
    logo = { data, mime };
  }
  return { government: head.government, agency: head.agency || fallbackAgency, address: head.address, contacts: head.contacts, logo };
}

/** PNG or JPEG by content, or null. */
export function sniffImage(b: Buffer): 'image/png' | 'image/jpeg' | null {
  if (b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  return null;
}

/** The approvals of a case that issued a letter, oldest first. */
function letterActs(events: readonly CaseEvent[]): Array<EventOf<'case.approved'>> {
  return events.filter((e): e is EventOf<'case.approved'> => e.type === 'case.approved' && e.payload.letter !== null);
}

/** The letters a case has (one per OPD that answered it), oldest first, conflicts left out. */
export async function caseLetters(ctx: BackendContext, caseId: string): Promise<Array<{ eventId: string; number: string; unitName: string }>> {
  const st = await loadStoredCase(ctx.db, caseId);
  if (!st) return [];
  const units = new Map((await listRefs(ctx.db, 'unit')).map((u) => [u.id, u.name]));
  return letterActs(await loadCaseEvents(ctx.db, caseId))
    .filter((e) => !st.s.conflicts.some((c) => c.eventId === e.id))
    .map((e) => ({ eventId: e.id, number: e.payload.letter?.number ?? '', unitName: units.get(e.payload.letter?.unitId ?? '') ?? '-' }));
}

function numberWords(n: number): string {
  const words = ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan', 'sepuluh'];
  return words[n] ?? String(n);
}

export async function letterContent(ctx: BackendContext, caseId: string, eventId: string | null): Promise<LetterContent> {
  const st = await loadStoredCase(ctx.db, caseId);
  if (!st) throw new AppError('NOT_FOUND', 'Aduan tidak ditemukan.');
  const events = await loadCaseEvents(ctx.db, caseId);
  // An approval that became a conflict (another one was accepted first) issues no letter.
  const acts = letterActs(events).filter((e) => !st.s.conflicts.some((c) => c.eventId === e.id));
  const act = eventId ? acts.find((e) => e.id === eventId) : acts[acts.length - 1];
  if (!act || !act.payload.letter)
    throw new AppError('NOT_FOUND', 'Aduan ini belum memiliki surat tanggapan: surat terbit saat tanggapan disetujui dan ditandatangani.');
  return contentOfAct(ctx, st, events, act);
}

/**
 * The letter an approval issues. The preview (letter-preview.ts) passes an approval not yet
 * made, so the drafter and the approver see the very page that signing will issue.
 */
export async function contentOfAct(
  ctx: BackendContext,
  st: NonNullable<Awaited<ReturnType<typeof loadStoredCase>>>,
  events: readonly CaseEvent[],
  act: EventOf<'case.approved'>,
): Promise<LetterContent> {
  const caseId = st.s.id;
  const letter = act.payload.letter;
  if (!letter) throw new AppError('NOT_FOUND', 'Persetujuan ini tidak menerbitkan surat.');
  const office = await ctx.office();
  const proj = await ctx.projection();
  const units = new Map((await listRefs(ctx.db, 'unit')).map((u) => [u.id, u]));
  const positions = new Map((await listRefs(ctx.db, 'position')).map((p) => [p.id, p]));
  const users = new Map((await listRefs(ctx.db, 'user')).map((u) => [u.id, u]));
  const unit = units.get(letter.unitId);
  const hub = units.get(office.hubUnitId);
  const head = await letterheadOf(ctx.db, letter.unitId);
  const hubHead = await letterheadOf(ctx.db, office.hubUnitId);
  // The desk's head by the title of their post (the preset role of the hub's head), else "Kepala <hub>".
  const hubHeadPost = [...positions.values()].find((p) => p.unitId === office.hubUnitId && p.active && HEAD_ROLES.has(p.roleId));
  const hubHeadTitle = hubHeadPost?.title ?? `Kepala ${hub?.name ?? 'Dinas Komunikasi dan Informatika'}`;
  const position = act.positionId ? positions.get(act.positionId) : undefined;
  const user = act.authorId ? users.get(act.authorId) : undefined;
  const preset = proj.preset(st.s.presetId, st.s.presetVersion);
  const headRole = preset.roles.find((r) => r.scope === (unit?.kind ?? 'opd') && HEAD_ROLES.has(r.id));
  const acting = act.acting === 'plt' ? 'Plt. ' : act.acting === 'plh' ? 'Plh. ' : '';
  // a.n. names the head's post as its holder signs it ("a.n. Kepala Dinas ..."), not the preset's role name.
  const headPost = headRole ? [...positions.values()].find((p) => p.unitId === letter.unitId && p.roleId === headRole.id && p.active) : undefined;
  const onBehalfOf =
    position && headRole && position.roleId !== headRole.id ? `a.n. ${headPost?.title ?? `${headRole.name}${unit ? ` ${unit.name}` : ''}`}` : null;
  const registered = events.find((e): e is EventOf<'case.registered'> => e.type === 'case.registered');
  const draft = [...events].reverse().find((e): e is EventOf<'case.drafted'> => e.type === 'case.drafted' && e.at <= act.at);
  const attachments = draft?.payload.attachments.length ?? 0;
  const response = act.payload.response ?? st.s.response ?? '';
  const received = registered ? indonesianDate(proj.engine.calendar, registered.payload.receivedAt) : '';
  const text = composeLetterText(
    response,
    fillTemplate(head.opening.trim() || DEFAULT_OPENING, { ref: st.s.ref, date: received, title: st.s.title }),
    fillTemplate(head.closing.trim() || DEFAULT_CLOSING, { ref: st.s.ref, date: received, title: st.s.title }),
  );
  // Sifat: the classification (a rahasia case's letter is Rahasia), then the urgency when not ordinary.
  const classification = st.s.privacy === 'rahasia' ? 'Rahasia' : head.classificationLevel;
  const urgency = st.s.urgency !== 'biasa' ? URGENCY_LABEL[st.s.urgency] : undefined;
  return {
    caseId,
    caseRef: st.s.ref,
    eventId: act.id,
    kop: kopOf(ctx, head, unit?.name ?? ''),
    page: { paper: head.paper, margins: head.margins, font: head.font, fontSize: head.fontSize },
    place: head.place,
    dateText: indonesianDate(proj.engine.calendar, Date.parse(`${letter.date}T12:00:00Z`)),
    letter,
    sifat: urgency ? `${classification}, ${urgency}` : classification,
    lampiran: attachments ? `${attachments} (${numberWords(attachments)}) berkas` : '-',
    hal: `Tanggapan atas Aduan Nomor ${st.s.ref}`,
    addressee: [`Yth. ${hubHeadTitle}`, 'di', hubHead.place || 'Tempat'],
    ...text,
    // As signed (fixed in the approval); letters from before that was kept use today's data.
    signer: letter.signer
      ? { onBehalfOf, ...letter.signer }
      : {
          onBehalfOf,
          position: `${acting}${position?.title ?? 'Pejabat'}`,
          name: user?.fullName ?? '-',
          rank: user?.rank ?? null,
          nip: user?.nip ?? null,
        },
    tembusan: tembusanLines(head.tembusan),
    verifyCode: verificationCode(act),
    qrText: letterQrText(act),
    signature: checkSignature(await loadTrust(ctx.db, proj.engine.calendar, { users, positions }), act, signatureRequired(preset, act)),
    signedAt: act.at,
  };
}

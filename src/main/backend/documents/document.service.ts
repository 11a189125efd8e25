/**
 * Making documents and checking them. Every copy made (printed, saved, exported from the CLI)
 * is recorded on the case as `case.document_issued` with its SHA-256, so any installation that
 * has the case can later tell whether a file in front of it is a genuine copy or was altered.
 */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { CaseEvent, EventOf } from '../../../shared/domain/events';
import { AppError } from '../../../shared/result';
import type { DocumentFile, DocumentVerification } from '../../../shared/api/views-documents';
import { loadStoredCase } from '../projection/case-projection';
import { rowToEvent } from '../projection/event-store';
import type { Caller } from '../services/auth.service';
import type { BackendContext } from '../services/context';
import { commitEvents, makeEvent } from '../services/commit';
import { canSeeCase, visibilityOf } from '../services/visibility';
import { checkSignature, loadTrust, signatureRequired } from '../keys/verify';
import { letterContent, verificationCode } from './letter-content';
import { letterDocx } from './letter-docx';
import { letterPdf, letterPdfWithBox, type SignatureBoxPlace } from './letter-pdf';
import { indonesianDateTime } from './format';
import { dispositionSheet } from './sheet';
import { signPdfPades } from './pades';
import { letterRegister, letterRegisterXlsx } from './letter-register';

const MIME = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

async function requireVisible(ctx: BackendContext, caller: Caller, caseId: string): Promise<void> {
  const office = await ctx.office();
  const st = await loadStoredCase(ctx.db, caseId);
  if (!st || !canSeeCase(visibilityOf(caller.actor, office.hubUnitId), st)) throw new AppError('NOT_FOUND', 'Aduan tidak ditemukan.');
}

function safeRef(ref: string): string {
  return ref.replace(/[^A-Za-z0-9._-]+/g, '-');
}

/** Records that this exact file was issued (once per distinct file). */
async function recordIssue(
  ctx: BackendContext,
  caller: Caller,
  caseId: string,
  kind: 'sheet' | 'letter',
  format: 'pdf' | 'docx',
  bytes: Buffer,
  sourceEventId: string | null,
): Promise<string> {
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  await commitEvents(ctx, async (trx) => {
    const known = await trx
      .selectFrom('event')
      .select('id')
      .where('case_id', '=', caseId)
      .where('type', '=', 'case.document_issued')
      .where(sql<string>`json_extract(payload, '$.sha256')`, '=', sha256)
      .executeTakeFirst();
    if (known) return [];
    const pos = caller.actor.positions[0] ?? null;
    return [
      makeEvent(
        ctx,
        caseId,
        { userId: caller.user.id, positionId: pos?.positionId ?? null, acting: pos?.acting ?? null },
        { type: 'case.document_issued', payload: { kind, format, sha256, sourceEventId } },
      ),
    ];
  });
  return sha256;
}

export async function makeLetter(
  ctx: BackendContext,
  caller: Caller,
  caseId: string,
  eventId: string | null,
  format: 'pdf' | 'docx',
  pades: { p12: Buffer; passphrase: string; visible?: boolean } | null = null,
): Promise<DocumentFile> {
  await requireVisible(ctx, caller, caseId);
  if (pades && format !== 'pdf') throw new AppError('VALIDATION', 'Tanda tangan sertifikat (PAdES) hanya untuk PDF.');
  const content = await letterContent(ctx, caseId, eventId);
  // A letter whose approval does not verify is not issued ('missing' and 'paper': an approval signed in ink).
  if (content.signature.status !== 'valid' && content.signature.status !== 'missing' && content.signature.status !== 'paper')
    throw new AppError('INVALID_ACTION', `Surat tidak diterbitkan: tanda tangan persetujuannya tidak sah (${content.signature.message})`);
  let bytes: Buffer;
  let appearance: SignatureBoxPlace | null = null;
  if (format === 'pdf' && pades?.visible) {
    // A visible signature: the box is drawn on the signature block and the widget laid over it.
    const cal = (await ctx.projection()).engine.calendar;
    const drawn = await letterPdfWithBox(ctx.options.resourcesDir, content, [
      'Ditandatangani secara elektronik',
      content.signer.name,
      indonesianDateTime(cal, ctx.now()),
    ]);
    bytes = drawn.pdf;
    appearance = drawn.box;
  } else bytes = format === 'pdf' ? await letterPdf(ctx.options.resourcesDir, content) : await letterDocx(content);
  if (pades) {
    // Signed before it is recorded: the registered copy is the signed file.
    bytes = await signPdfPades(bytes, {
      p12: pades.p12,
      passphrase: pades.passphrase,
      appearance,
      reason: `Surat tanggapan ${content.letter.number}`,
      name: content.signer.name,
      location: content.place || content.kop.agency,
      contactInfo: content.kop.contacts,
      signingTime: new Date(ctx.now()),
    });
  }
  const sha256 = await recordIssue(ctx, caller, caseId, 'letter', format, bytes, content.eventId);
  return {
    fileName: `surat-tanggapan-${safeRef(content.caseRef)}.${format}`,
    mime: MIME[format],
    dataBase64: bytes.toString('base64'),
    sha256,
    letterNumber: content.letter.number,
    verifyCode: content.verifyCode,
  };
}

export async function makeSheet(ctx: BackendContext, caller: Caller, caseId: string): Promise<DocumentFile> {
  await requireVisible(ctx, caller, caseId);
  // One sheet per unit's part of the chain, each with that unit's letterhead.
  const sheet = await dispositionSheet(ctx, caseId);
  const sha256 = await recordIssue(ctx, caller, caseId, 'sheet', 'pdf', sheet.pdf, null);
  return {
    fileName: `lembar-disposisi-${safeRef(sheet.ref)}.pdf`,
    mime: MIME.pdf,
    dataBase64: sheet.pdf.toString('base64'),
    sha256,
    letterNumber: null,
    verifyCode: null,
  };
}

/** The unit's buku agenda surat keluar of `year` as XLSX. */
export async function letterRegisterFile(ctx: BackendContext, caller: Caller, unitId: string, year: number): Promise<DocumentFile> {
  const reg = await letterRegister(ctx, caller, unitId, year);
  const bytes = await letterRegisterXlsx(reg.unitName, year, reg.rows);
  return {
    fileName: `agenda-surat-keluar-${safeRef(reg.unitName)}-${year}.xlsx`,
    mime: MIME.xlsx,
    dataBase64: bytes.toString('base64'),
    sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
    letterNumber: null,
    verifyCode: null,
  };
}

const CLAIM_RE = /^alur:(letter|sheet):([0-9a-f-]{36}):([0-9a-f-]{36}|-)$/;

/**
 * What a PDF says it is: only its /Keywords entry counts, written inline or as an indirect
 * object (pdfkit's way). The Subject holds the case title, the citizen's own text, which could
 * imitate a claim; as a PDF string its parentheses are escaped, so it never matches here.
 */
function claimOf(bytes: Buffer): RegExpExecArray | null {
  const text = bytes.toString('latin1');
  const refs = [...text.matchAll(/\/Keywords\s+(\d+)\s+0\s+R/g)];
  const inline = [...text.matchAll(/\/Keywords\s*\((alur:[^()\\]*)\)/g)];
  let value = inline[inline.length - 1]?.[1];
  const ref = refs[refs.length - 1]?.[1];
  if (!value && ref) value = new RegExp(`(?:^|[\\r\\n])${ref}\\s+0\\s+obj\\s*\\((alur:[^()\\\\]*)\\)`).exec(text)?.[1];
  return value ? CLAIM_RE.exec(value) : null;
}

function fileKind(bytes: Buffer): 'pdf' | 'docx' | null {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'docx';
  return null;
}

async function eventById(ctx: BackendContext, id: string): Promise<CaseEvent | null> {
  const row = await ctx.db.selectFrom('event').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? rowToEvent(row) : null;
}

/** What a verified letter or sheet says about itself, from the log. */
async function describe(
  ctx: BackendContext,
  caseId: string,
  source: CaseEvent | null,
): Promise<Pick<DocumentVerification, 'caseId' | 'caseRef' | 'letterNumber' | 'signature'>> {
  const st = await loadStoredCase(ctx.db, caseId);
  const proj = await ctx.projection();
  const letter = source?.type === 'case.approved' ? (source as EventOf<'case.approved'>).payload.letter : null;
  const required = st && source ? signatureRequired(proj.preset(st.s.presetId, st.s.presetVersion), source) : false;
  return {
    caseId,
    caseRef: st?.s.ref ?? null,
    letterNumber: letter?.number ?? null,
    signature: source ? checkSignature(await loadTrust(ctx.db, proj.engine.calendar), source, required) : null,
  };
}

/** The approval a letter stands on: of this case, carrying a letter, and not a conflict. */
async function letterSource(ctx: BackendContext, caseId: string, eventId: string | null): Promise<EventOf<'case.approved'> | null> {
  if (!eventId) return null;
  const e = await eventById(ctx, eventId);
  if (!e || e.caseId !== caseId || e.type !== 'case.approved' || !e.payload.letter) return null;
  const st = await loadStoredCase(ctx.db, caseId);
  if (!st || st.s.conflicts.some((c) => c.eventId === e.id)) return null;
  return e;
}

/** Verification answers only about cases the caller may see (an OPD sees its own). */
async function visibleTo(ctx: BackendContext, caller: Caller, caseId: string): Promise<boolean> {
  const office = await ctx.office();
  const st = await loadStoredCase(ctx.db, caseId);
  return !!st && canSeeCase(visibilityOf(caller.actor, office.hubUnitId), st);
}

function verdictOfSignature(base: Omit<DocumentVerification, 'valid' | 'verdict' | 'message'>, issuedMessage: string): DocumentVerification {
  const sig = base.signature;
  // 'paper': a clerk's record of an ink act, said as such (the message), never as an electronic signature.
  if (!sig || sig.status === 'missing' || sig.status === 'paper')
    return { ...base, valid: true, verdict: 'valid', message: `${issuedMessage}${sig ? ` ${sig.message}` : ''}` };
  if (sig.status === 'valid')
    return {
      ...base,
      valid: true,
      verdict: 'valid',
      message: `${issuedMessage} Ditandatangani secara elektronik oleh ${sig.signerName ?? '-'} sebagai ${sig.positionTitle ?? '-'}; tanda tangan sah.`,
    };
  return { ...base, valid: false, verdict: 'signature_failed', message: `Tanda tangan tidak sah: ${sig.message}` };
}

/** The first record of an issued copy with this SHA-256 (index event_issued_sha). */
export function issuedCopyQuery(ctx: BackendContext, sha256: string) {
  return (
    ctx.db
      .selectFrom('event')
      .selectAll()
      // A literal type, not a bound parameter, so SQLite may use the partial index.
      .where(sql<boolean>`type = 'case.document_issued'`)
      .where(sql<string>`json_extract(payload, '$.sha256')`, '=', sha256)
      .orderBy('hlc')
  );
}

/** Checks a file: is it a copy Alur issued, unaltered, and is its signature valid? */
export async function verifyFile(ctx: BackendContext, caller: Caller, bytes: Buffer): Promise<DocumentVerification> {
  const empty = { kind: null, caseId: null, caseRef: null, letterNumber: null, issuedAt: null, signature: null } as const;
  const kind = fileKind(bytes);
  if (!kind) return { ...empty, valid: false, verdict: 'not_ours', message: 'Berkas ini bukan PDF atau DOCX, jadi bukan dokumen Alur.' };
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  const row = await issuedCopyQuery(ctx, sha256).executeTakeFirst();
  if (row && (await visibleTo(ctx, caller, row.case_id))) {
    const issued = rowToEvent(row) as EventOf<'case.document_issued'>;
    const source = await letterSource(ctx, issued.caseId, issued.payload.sourceEventId);
    if (issued.payload.kind === 'letter' && !source)
      return {
        ...empty,
        caseId: issued.caseId,
        valid: false,
        verdict: 'signature_failed',
        message: 'Catatan penerbitan berkas ini tidak menunjuk persetujuan surat yang sah pada aduan yang sama.',
      };
    const base = { kind: issued.payload.kind, issuedAt: issued.at, ...(await describe(ctx, issued.caseId, source)) };
    const what =
      issued.payload.kind === 'letter'
        ? `Surat tanggapan ${base.letterNumber ?? ''} untuk aduan ${base.caseRef ?? ''}`
        : `Lembar disposisi aduan ${base.caseRef ?? ''}`;
    return verdictOfSignature(base, `${what.replace(/\s+/g, ' ')}: berkas asli, tidak diubah.`);
  }
  // Not a copy we issued: does it claim to be one? Then it was altered after it was issued.
  const claim = kind === 'pdf' ? claimOf(bytes) : null;
  if (claim) {
    const caseId = claim[2] ?? '';
    const known = await loadStoredCase(ctx.db, caseId);
    if (known && (await visibleTo(ctx, caller, caseId))) {
      const source = claim[3] && claim[3] !== '-' ? await letterSource(ctx, caseId, claim[3]) : null;
      const base = {
        kind: claim[1] === 'letter' ? ('letter' as const) : ('sheet' as const),
        issuedAt: null,
        ...(await describe(ctx, caseId, source)),
        signature: null,
      };
      return {
        ...base,
        valid: false,
        verdict: 'altered',
        message: `Berkas ini mengaku dokumen aduan ${known.s.ref}, tetapi isinya tidak sama dengan salinan mana pun yang diterbitkan: dokumen telah diubah.`,
      };
    }
    return {
      ...empty,
      valid: false,
      verdict: 'unknown',
      message: 'Dokumen Alur dari aduan yang tidak ada di komputer ini; sinkronkan dulu lalu periksa lagi.',
    };
  }
  return { ...empty, valid: false, verdict: 'not_ours', message: `Berkas ${kind.toUpperCase()} ini bukan dokumen yang diterbitkan Alur.` };
}

/** Checks a letter by the code printed under its signature (or held in its QR code). */
export async function verifyCode(ctx: BackendContext, caller: Caller, raw: string): Promise<DocumentVerification> {
  const empty = { kind: null, caseId: null, caseRef: null, letterNumber: null, issuedAt: null, signature: null } as const;
  const fromQr = /^ALUR:L:([0-9a-f-]{36}):([0-9A-Z]{5}-[0-9A-Z]{5})$/.exec(raw.trim());
  const code = (fromQr?.[2] ?? raw)
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (code.length !== 10)
    return { ...empty, valid: false, verdict: 'unknown', message: 'Kode verifikasi terdiri dari 10 huruf/angka, misalnya 7K3QF-9M2XA.' };
  const wanted = `${code.slice(0, 5)}-${code.slice(5)}`;
  const rows = await ctx.db
    .selectFrom('event')
    .selectAll()
    .where('type', '=', 'case.approved')
    .$if(!!fromQr, (q) => q.where('id', '=', fromQr?.[1] ?? ''))
    .execute();
  for (const r of rows) {
    const e = rowToEvent(r) as EventOf<'case.approved'>;
    if (!e.payload.letter || verificationCode(e) !== wanted) continue;
    if (!(await letterSource(ctx, e.caseId, e.id)) || !(await visibleTo(ctx, caller, e.caseId))) continue;
    const base = { kind: 'letter' as const, issuedAt: null, ...(await describe(ctx, e.caseId, e)) };
    return verdictOfSignature(
      base,
      `Kode ${wanted}: surat tanggapan ${e.payload.letter.number} untuk aduan ${base.caseRef ?? ''}, tanggal ${e.payload.letter.date}.`,
    );
  }
  return { ...empty, valid: false, verdict: 'unknown', message: `Tidak ada surat dengan kode ${wanted} di komputer ini.` };
}

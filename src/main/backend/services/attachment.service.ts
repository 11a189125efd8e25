/**
 * Attachments: photos, scans and PDFs, stored content-addressed (SHA-256) under the data
 * folder. The type is decided by the bytes, never by the name: an executable named `.pdf`
 * is refused, and so is a file whose content does not match its extension.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import type { AttachmentRef, CaseEvent } from '../../../shared/domain/events';
import { AppError } from '../../../shared/result';
import type { BackendContext } from './context';
import { avoidDeviceName, withoutInvisible } from '../../../shared/files/safe-name';
import { stripImageMetadata } from './image-metadata';
import { storageError } from '../db/storage-errors';

/** What the desk accepts, by detected MIME type, with the extensions a name may carry. */
const ALLOWED_TYPES: Record<string, readonly string[]> = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'image/tiff': ['tif', 'tiff'],
};

const MAX_NAME = 120;

/**
 * A display name safe everywhere: no folders, no control, bidirectional or invisible
 * characters, no characters Windows forbids, no leading dots, no Windows device name. Files are
 * stored by hash; this name is shown and offered when the file is saved.
 */
function sanitizeFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  const cleaned = withoutInvisible(base.normalize('NFC'))
    .split('')
    .filter((ch) => {
      const code = ch.charCodeAt(0);
      return code >= 0x20 && !(code >= 0x7f && code <= 0x9f);
    })
    .join('')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '')
    .trim();
  if (!cleaned) throw new AppError('VALIDATION', 'Nama berkas tidak valid.');
  if (cleaned.length <= MAX_NAME) return avoidDeviceName(cleaned);
  const ext = path.extname(cleaned).slice(0, 10);
  return avoidDeviceName(cleaned.slice(0, MAX_NAME - ext.length) + ext);
}

/** The name offered for a stored file, whoever wrote it: sanitised, or a neutral one. */
export function offeredName(raw: string): string {
  try {
    return sanitizeFileName(raw);
  } catch {
    return 'lampiran';
  }
}

export function blobPath(dataDir: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new AppError('VALIDATION', 'Hash berkas tidak valid.');
  return path.join(dataDir, 'blobs', sha256.slice(0, 2), sha256);
}

export function hasBlob(dataDir: string, sha256: string): boolean {
  return fs.existsSync(blobPath(dataDir, sha256));
}

/** Writes bytes under their hash (write then rename: a crash never leaves half a blob). */
export function writeBlob(dataDir: string, sha256: string, bytes: Uint8Array): void {
  const file = blobPath(dataDir, sha256);
  if (fs.existsSync(file)) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, bytes, { mode: 0o600 });
    fs.renameSync(tmp, file);
  } catch (e) {
    // A full disk leaves no half-written .tmp behind, and says so in words.
    fs.rmSync(tmp, { force: true });
    throw storageError(e) ?? e;
  }
}

/** Checks and stores uploaded bytes; returns the reference events carry. Idempotent by content. */
export async function storeAttachment(ctx: BackendContext, rawName: string, bytes: Uint8Array): Promise<AttachmentRef> {
  const office = await ctx.office();
  const limit = office.attachmentLimitMb * 1024 * 1024;
  if (bytes.length === 0) throw new AppError('VALIDATION', 'Berkas kosong.');
  if (bytes.length > limit)
    throw new AppError('VALIDATION', `Berkas terlalu besar (${(bytes.length / 1048576).toFixed(1)} MB; batas ${office.attachmentLimitMb} MB).`);
  const name = sanitizeFileName(rawName);
  const detected = await fileTypeFromBuffer(bytes);
  const mime = detected?.mime;
  const allowed = mime ? ALLOWED_TYPES[mime] : undefined;
  if (!mime || !allowed) {
    throw new AppError(
      'VALIDATION',
      `Jenis berkas tidak diterima${detected ? ` (${detected.ext})` : ''}: hanya foto (JPG, PNG, GIF, WEBP, TIFF) dan PDF.`,
    );
  }
  const ext = path.extname(name).slice(1).toLowerCase();
  if (ext && !allowed.includes(ext)) {
    throw new AppError('VALIDATION', `Isi berkas "${name}" adalah ${detected.ext.toUpperCase()}, tidak sesuai dengan namanya.`);
  }
  // Location and camera data never reach the store (nor, through sync, another unit).
  const clean = stripImageMetadata(mime, bytes);
  const sha256 = crypto.createHash('sha256').update(clean).digest('hex');
  writeBlob(ctx.options.dataDir, sha256, clean);
  return { sha256, name: ext ? name : `${name}.${allowed[0]}`, mime, size: clean.length };
}

/** Decodes an upload sent as base64 over a JSON transport, refusing oversize before decoding. */
export async function storeBase64(ctx: BackendContext, name: string, base64: string): Promise<AttachmentRef> {
  const office = await ctx.office();
  if (base64.length > Math.ceil((office.attachmentLimitMb * 1024 * 1024 * 4) / 3) + 4) {
    throw new AppError('VALIDATION', `Berkas terlalu besar (batas ${office.attachmentLimitMb} MB).`);
  }
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) throw new AppError('VALIDATION', 'Data berkas tidak valid (bukan base64).');
  return storeAttachment(ctx, name, Buffer.from(base64, 'base64'));
}

/** Refuses references to blobs this workstation does not hold (or whose bytes changed). */
export function requireBlobs(ctx: BackendContext, refs: readonly AttachmentRef[]): void {
  for (const r of refs) {
    const file = blobPath(ctx.options.dataDir, r.sha256);
    if (!fs.existsSync(file)) throw new AppError('VALIDATION', `Lampiran "${r.name}" belum diunggah.`);
    if (fs.statSync(file).size !== r.size) throw new AppError('VALIDATION', `Lampiran "${r.name}" tidak cocok dengan berkas tersimpan.`);
  }
}

export function readBlob(ctx: BackendContext, sha256: string): Buffer {
  const file = blobPath(ctx.options.dataDir, sha256);
  if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', 'Berkas lampiran tidak ada di komputer ini (belum tersinkron).');
  const bytes = fs.readFileSync(file);
  // Never serve a damaged file as the original: the name is its SHA-256, so check it.
  if (crypto.createHash('sha256').update(bytes).digest('hex') !== sha256) {
    throw new AppError(
      'DAMAGED',
      'Berkas lampiran ini rusak di komputer ini (isinya tidak sama dengan aslinya), jadi tidak ditampilkan. Pulihkan dari cadangan atau ambil lagi dari server.',
    );
  }
  return bytes;
}

/** Every attachment a case's events refer to, in log order: registration, added files, act evidence, paper scans. */
export function attachmentsOf(events: readonly CaseEvent[]): AttachmentRef[] {
  const out: AttachmentRef[] = [];
  for (const e of events) {
    switch (e.type) {
      case 'case.registered':
        out.push(...e.payload.attachments);
        break;
      case 'case.attachment_added':
        out.push(e.payload.attachment);
        break;
      case 'case.forwarded':
      case 'case.disposed':
      case 'case.returned':
      case 'case.drafted':
      case 'case.approved':
      case 'case.answered':
        out.push(...e.payload.attachments);
        if (e.payload.paper) out.push(e.payload.paper.scan);
        break;
      // Named, not defaulted: a new event type that carries files must be listed above.
      case 'case.identity_recorded':
      case 'case.classified':
      case 'case.paused':
      case 'case.resumed':
      case 'case.note_added':
      case 'case.extended':
      case 'case.escalated':
      case 'case.closed':
      case 'case.reopened':
      case 'case.document_issued':
      case 'case.answer_delivered':
        break;
    }
  }
  return out;
}

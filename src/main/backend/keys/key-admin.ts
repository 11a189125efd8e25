/** Administration of keys and letterheads: listing, revoking, certifying, kop surat per unit. */
import type { KeyView, LetterheadView } from '../../../shared/api/views-documents';
import type { ParsedInputOf } from '../../../shared/api/contract';
import { AppError } from '../../../shared/result';
import type { SigningKey } from '../refdata/kinds';
import { getRef, listRefs, putRef } from '../refdata/ref-store';
import type { Caller } from '../services/auth.service';
import type { BackendContext } from '../services/context';
import { audited } from '../services/admin.service';
import { readBlob } from '../services/attachment.service';
import { letterheadOf } from '../documents/letter-number';
import { sniffImage } from '../documents/letter-content';
import { certify } from './key.service';

function view(k: SigningKey, names: Map<string, string>): KeyView {
  return {
    id: k.id,
    userId: k.userId,
    userName: k.userId ? (names.get(k.userId) ?? null) : null,
    createdAt: k.createdAt,
    certified: k.userId === null || k.cert !== null,
    revokedAt: k.revokedAt,
    revokedReason: k.revokedReason,
    retiredAt: k.retiredAt,
  };
}

async function names(ctx: BackendContext): Promise<Map<string, string>> {
  return new Map((await listRefs(ctx.db, 'user')).map((u) => [u.id, u.fullName]));
}

export async function listKeys(ctx: BackendContext): Promise<KeyView[]> {
  const n = await names(ctx);
  return (await listRefs(ctx.db, 'signing_key')).sort((a, b) => b.createdAt - a.createdAt).map((k) => view(k, n));
}

export async function revokeKey(ctx: BackendContext, caller: Caller, input: ParsedInputOf<'key.revoke'>): Promise<KeyView> {
  const key = await getRef(ctx.db, 'signing_key', input.keyId);
  if (!key) throw new AppError('NOT_FOUND', 'Kunci tidak ditemukan.');
  if (key.revokedAt !== null) throw new AppError('INVALID_ACTION', 'Kunci ini sudah dicabut.');
  const from = input.from ?? ctx.now();
  if (from > ctx.now()) throw new AppError('VALIDATION', 'Tanggal pencabutan tidak boleh di masa depan.');
  await audited(ctx, caller, 'key.revoke', key.id, { userId: key.userId, from, reason: input.reason }, (trx) =>
    putRef(trx, 'signing_key', key.id, { revokedAt: from, revokedReason: input.reason }, ctx.clock.tick()),
  );
  return view({ ...key, revokedAt: from, revokedReason: input.reason }, await names(ctx));
}

export async function certifyKey(ctx: BackendContext, caller: Caller, keyId: string): Promise<KeyView> {
  const root = ctx.sessions.get(caller.token)?.rootKey;
  if (!root)
    throw new AppError('FORBIDDEN', 'Kunci kantor tidak terbuka di sesi ini; keluar lalu masuk lagi sebagai administrator pemegang kunci kantor.');
  const key = await getRef(ctx.db, 'signing_key', keyId);
  if (!key || key.userId === null) throw new AppError('NOT_FOUND', 'Kunci pengguna tidak ditemukan.');
  if (key.revokedAt !== null) throw new AppError('INVALID_ACTION', 'Kunci yang dicabut tidak dapat disertifikasi.');
  const certified = certify(root, key);
  await audited(ctx, caller, 'key.certify', key.id, { userId: key.userId }, (trx) =>
    putRef(trx, 'signing_key', key.id, { certifiedBy: certified.certifiedBy, cert: certified.cert }, ctx.clock.tick()),
  );
  return view(certified, await names(ctx));
}

export async function listLetterheads(ctx: BackendContext): Promise<LetterheadView[]> {
  const out: LetterheadView[] = [];
  for (const u of await listRefs(ctx.db, 'unit')) out.push({ ...(await letterheadOf(ctx.db, u.id)), unitName: u.name });
  return out;
}

export async function saveLetterhead(ctx: BackendContext, caller: Caller, input: ParsedInputOf<'letterhead.save'>): Promise<LetterheadView> {
  const unit = await getRef(ctx.db, 'unit', input.unitId);
  if (!unit) throw new AppError('NOT_FOUND', 'Unit tidak ditemukan.');
  if (input.logo) {
    let bytes: Buffer;
    try {
      bytes = readBlob(ctx, input.logo.sha256);
    } catch {
      throw new AppError('NOT_FOUND', 'Berkas logo belum diunggah atau hilang; unggah ulang logonya.');
    }
    if (!sniffImage(bytes)) throw new AppError('VALIDATION', 'Logo kop surat harus gambar PNG atau JPEG.');
  }
  await audited(ctx, caller, 'letterhead.save', unit.id, { agency: input.agency, numberFormat: input.numberFormat }, (trx) =>
    putRef(trx, 'letterhead', unit.id, { ...input }, ctx.clock.tick()),
  );
  return { ...(await letterheadOf(ctx.db, unit.id)), unitName: unit.name };
}

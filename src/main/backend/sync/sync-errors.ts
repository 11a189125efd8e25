/**
 * Why a sync could not happen, as data: a closed set of codes the UI can branch on (and
 * translate), each with one Indonesian line a desk operator understands.
 */

import { SYNC_ERROR_CODES, type SyncError, type SyncErrorCode } from '../../../shared/api/sync-types';

export { SYNC_ERROR_CODES, type SyncError, type SyncErrorCode };

export type SyncResult<T> = { ok: true; value: T } | { ok: false; error: SyncError };

type Params = Record<string, string | number>;

const MESSAGES: Record<SyncErrorCode, (p: Params) => string> = {
  NOT_CONFIGURED: () => 'Sinkronisasi belum diatur: isi alamat server di Pengaturan.',
  BAD_URL: (p) => `Alamat server tidak valid: ${p['reason']}. Contoh: postgres://login:sandi@192.168.1.10:5432/alur`,
  SERVER_NOT_FOUND: (p) => `Server tidak ditemukan: nama "${p['host']}" tidak dikenal di jaringan.`,
  UNREACHABLE: (p) => `Server ${p['host']}:${p['port']} tidak dapat dihubungi (server mati atau jaringan terputus).`,
  NOT_POSTGRES: (p) => `Alamat ${p['host']}:${p['port']} bukan server PostgreSQL.`,
  WRONG_PASSWORD: (p) => `Login "${p['user']}" atau kata sandinya salah.`,
  DATABASE_NOT_FOUND: (p) => `Basis data "${p['database']}" tidak ada di server.`,
  NOT_ALUR: (p) => `Basis data "${p['database']}" bukan basis data Alur (${p['reason']}).`,
  SERVER_NEWER: (p) => `Basis data server dibuat oleh versi Alur yang lebih baru (skema ${p['server']}, aplikasi ini ${p['app']}). Perbarui Alur.`,
  SERVER_OLDER: (p) =>
    `Basis data server masih skema lama (${p['server']}, aplikasi ini ${p['app']}). Administrator perlu menjalankan "alur server init" dengan versi ini.`,
  WORKSTATION_TOO_OLD: (p) =>
    `Server ini hanya menerima Alur dengan protokol sinkron ${p['min']} atau lebih baru; Alur di komputer ini memakai protokol ${p['app']}. Perbarui Alur di komputer ini; pekerjaannya tetap tersimpan dan dikirim setelah diperbarui.`,
  NOT_UNIT_LOGIN: (p) => `Login "${p['user']}" bukan login unit Alur di server ini. Gunakan login dari berkas kredensial "alur server init".`,
  WRONG_OFFICE: (p) => `Server ini menyimpan kantor lain (${p['server']}), bukan kantor di workstation ini (${p['local']}).`,
  LOCAL_HAS_OFFICE: () =>
    'Folder data ini sudah berisi kantor sendiri yang belum tersambung ke server. Gunakan folder data kosong untuk bergabung, atau "alur server init" untuk menerbitkan kantor ini.',
  LOCAL_NOT_INITIALIZED: () => 'Folder data ini belum berisi kantor. Jalankan "alur init" terlebih dahulu.',
  TLS_REQUIRED: (p) => `Server ${p['host']}:${p['port']} tidak menawarkan koneksi terenkripsi (TLS), padahal diwajibkan (sslmode=${p['mode']}).`,
  TLS_FAILED: (p) => `Koneksi terenkripsi ke server gagal diverifikasi: ${p['reason']}.`,
  CERT_CHANGED: () =>
    'Sertifikat TLS server berbeda dari yang tercatat saat pertama tersambung. Bila server memang diganti, atur ulang koneksi di Pengaturan; bila tidak, hubungi administrator.',
  REFUSED: (p) => `Server menolak: ${p['reason']}.`,
  APPLY_FAILED: (p) => `Data dari server tidak dapat diterapkan: ${p['reason']}.`,
  INTERNAL: (p) => `Kesalahan sinkronisasi: ${p['reason']}.`,
};

export function syncError(code: SyncErrorCode, params: Params = {}): SyncError {
  return { code, message: MESSAGES[code](params) };
}

export function syncFail<T = never>(code: SyncErrorCode, params: Params = {}): SyncResult<T> {
  return { ok: false, error: syncError(code, params) };
}

/** A thrown SyncError (inside a round; turned back into a result at the round's edge). */
export class SyncFailure extends Error {
  constructor(readonly error: SyncError) {
    super(error.message);
    this.name = 'SyncFailure';
  }
}

interface PgLikeError {
  code?: unknown;
  message?: unknown;
}

function fieldOf(e: unknown, key: keyof PgLikeError): string {
  if (typeof e !== 'object' || e === null || !(key in e)) return '';
  const v = (e as PgLikeError)[key];
  return typeof v === 'string' ? v : '';
}

interface Target {
  host: string;
  port: number;
  user: string;
  database: string;
}

/**
 * Maps what pg or the network threw to a sync error. SQLSTATEs: 28P01/28000 authentication,
 * 3D000 unknown database, 57P01..57P03 server shutting down or starting, 08xxx connection.
 */
export function classifyError(e: unknown, t: Target): SyncError {
  if (e instanceof SyncFailure) return e.error;
  const code = fieldOf(e, 'code');
  const msg = fieldOf(e, 'message') || String(e);
  const at = { host: t.host, port: t.port };
  if (code === '28P01' || code === '28000') {
    if (/no pg_hba\.conf entry/i.test(msg))
      return syncError('REFUSED', { reason: `server tidak mengizinkan login "${t.user}" dari workstation ini (pg_hba.conf)` });
    return syncError('WRONG_PASSWORD', { user: t.user });
  }
  if (code === '3D000') return syncError('DATABASE_NOT_FOUND', { database: t.database });
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return syncError('SERVER_NOT_FOUND', { host: t.host });
  if (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', '57P01', '57P02', '57P03'].includes(code) ||
    code.startsWith('08')
  )
    return syncError('UNREACHABLE', at);
  if (/terminated|timeout|closed|ended|not queryable|socket hang up/i.test(msg)) return syncError('UNREACHABLE', at);
  if (/certificate|self[- ]signed|SSL|TLS/i.test(msg)) return syncError('TLS_FAILED', { reason: msg.split('\n')[0] ?? msg });
  if (code === '42501') return syncError('REFUSED', { reason: msg.split('\n')[0] ?? msg });
  if (/unknown message|unexpected|invalid (response|message)|protocol/i.test(msg)) return syncError('NOT_POSTGRES', at);
  return syncError('INTERNAL', { reason: (msg.split('\n')[0] ?? msg).slice(0, 300) });
}

/**
 * The writer's seal: every event a user writes is signed, over its whole content
 * (`sealText`), with the key that user opened at login and holds only while the session is
 * open and unlocked. The server vouches for nothing, so this seal is what lets another
 * workstation know who wrote an event: `sealProblem` is the check a pulled event must pass.
 *
 * Who seals: the author; for an act signed on paper, the clerk who recorded it (the official
 * never touched this workstation). Automatic acts (closing after the reaction period,
 * escalation) have no author and no seal: whichever workstation's tick writes them, each
 * workstation's engine reaches the same act from the same log, and the server and login
 * checks allow only those two types without an author.
 */
import type crypto from 'node:crypto';
import { localDate } from '../../../shared/calendar/working-time';
import type { CaseEvent } from '../../../shared/domain/events';
import { formatSignature, sealText, SIGNATURE_RE } from '../../../shared/signing/canonical';
import type { SigningKey } from '../refdata/kinds';
import type { Session } from '../services/context';
import { publicKeyObject, signText, verifyWithKey, type OpenKey } from './key-crypto';
import { checkSignature, heldPosition, keyCertified, paperOf, type TrustRefs } from './verify';

/** Types an event without an author may have (the engine's automatic acts). */
export const AUTOMATIC_TYPES: ReadonlySet<string> = new Set(['case.closed', 'case.escalated']);

/** Every refusal below starts with this, so the quarantine can retry them when keys or posts arrive. */
export const SEAL_MARK = 'segel penulis';

/** Who must seal `e`: its recording clerk for a paper act, else its author (null: automatic). */
function sealerOf(e: CaseEvent): string | null {
  return paperOf(e)?.recordedBy ?? e.authorId;
}

export function sealEvent(e: CaseEvent, key: OpenKey): CaseEvent {
  return { ...e, seal: formatSignature(key.id, signText(key.key, sealText(e))) };
}

/** The key a user opened at login, from any of their sessions that is not locked. */
function sessionKeyOf(sessions: Iterable<Session>, userId: string): OpenKey | null {
  for (const s of sessions) if (s.userId === userId && !s.locked && s.signingKey) return s.signingKey;
  return null;
}

/**
 * Seals each event whose sealer has an open session here. One without (the CLI, a user whose
 * key is missing on this computer) stays unsealed: readable here, quarantined elsewhere.
 */
export function sealWithSessions(sessions: Iterable<Session>, events: readonly CaseEvent[]): CaseEvent[] {
  const list = [...sessions];
  return events.map((e) => {
    const who = sealerOf(e);
    const key = who ? sessionKeyOf(list, who) : null;
    return key ? sealEvent(e, key) : e;
  });
}

/**
 * Checks pulled events against the workstation's own reference data. Public keys and
 * certificate checks are cached per key for one batch (10k events verify in well under a second).
 */
export class SealChecker {
  private readonly pub = new Map<string, crypto.KeyObject | null>();
  private readonly certified = new Map<string, boolean>();

  constructor(private readonly t: TrustRefs) {}

  private verify(key: SigningKey, text: string, sigB64: string): boolean {
    if (!this.pub.has(key.id)) this.pub.set(key.id, publicKeyObject(key.publicKey));
    return verifyWithKey(this.pub.get(key.id) ?? null, text, sigB64);
  }

  private isCertified(key: SigningKey): boolean {
    let ok = this.certified.get(key.id);
    if (ok === undefined) this.certified.set(key.id, (ok = keyCertified(this.t, key)));
    return ok;
  }

  /**
   * Why `e` may not be applied, or null when it may: its sealer's seal is valid, by a key of
   * theirs certified by the office root and neither revoked nor replaced at the event's time;
   * the author held the post (or acted as Plt./Plh. for it) that day; a paper act's clerk could
   * record it; an act signed electronically carries a valid signature.
   */
  problem(e: CaseEvent): string | null {
    const who = sealerOf(e);
    if (who === null)
      return e.positionId === null && AUTOMATIC_TYPES.has(e.type) ? null : `${SEAL_MARK}: peristiwa tanpa penulis yang bukan tindakan otomatis`;
    if (!e.seal) return `${SEAL_MARK} tidak ada (peristiwa dari versi sebelum penyegelan, atau dibuat di luar aplikasi)`;
    const m = SIGNATURE_RE.exec(e.seal);
    if (!m) return `${SEAL_MARK}: format tidak dikenal`;
    const key = this.t.keys.get(m[1] ?? '');
    if (!key) return `${SEAL_MARK}: kunci ${m[1] ?? ''} tidak dikenal di workstation ini (belum tersinkron?)`;
    if (key.userId !== who) return `${SEAL_MARK}: kunci itu bukan milik ${paperOf(e) ? 'pencatat' : 'penulis'} peristiwa`;
    if (!this.verify(key, sealText(e), m[2] ?? '')) return `${SEAL_MARK} tidak cocok: isi peristiwa diubah atau dipalsukan`;
    if (!this.isCertified(key)) return `${SEAL_MARK}: kunci belum disertifikasi kunci kantor`;
    if (key.revokedAt !== null && e.at >= key.revokedAt) return `${SEAL_MARK}: kunci sudah dicabut saat peristiwa ini`;
    if (key.retiredAt !== null && e.at >= key.retiredAt) return `${SEAL_MARK}: kunci sudah diganti kunci baru saat peristiwa ini`;
    if (paperOf(e)) {
      const paper = checkSignature(this.t, e);
      return paper.status === 'paper' ? null : `${SEAL_MARK}: ${paper.message}`;
    }
    if (e.positionId !== null && !heldPosition(this.t, e, localDate(this.t.calendar, e.at)))
      return `${SEAL_MARK}: penulis tidak memegang jabatan itu pada tanggal peristiwa`;
    if (e.signature) {
      const sig = checkSignature(this.t, e, true);
      if (sig.status !== 'valid') return `${SEAL_MARK}: tanda tangan elektronik tindakan tidak sah (${sig.message})`;
    }
    return null;
  }
}

/**
 * Hybrid logical clock (Kulkarni et al.). Timestamps order events across workstations
 * without trusting wall clocks: a workstation whose clock is hours behind still produces
 * timestamps after every event it has seen.
 *
 * Encoded as a fixed-width string so that lexicographic order is causal order:
 * `<wall ms, 15 digits>-<counter, 6 digits>-<device id>`.
 */

export interface Hlc {
  wall: number;
  counter: number;
  device: string;
}

const MAX_COUNTER = 999_999;
/**
 * The bound: a remote clock more than 12 hours ahead of this workstation's wall clock is
 * not adopted (its event is quarantined until this clock comes within the bound), since
 * adopting it would push every later local timestamp ahead with it. Twelve hours covers
 * every honest mistake seen on office PCs (a clock set to local time as if it were UTC is
 * up to 9 hours off in WIT) while a forged clock drags the office at most that far.
 */
export const MAX_AHEAD_MS = 12 * 60 * 60 * 1000;

export function encodeHlc(h: Hlc): string {
  return `${String(h.wall).padStart(15, '0')}-${String(h.counter).padStart(6, '0')}-${h.device}`;
}

const HLC_PATTERN = /^(\d{15})-(\d{6})-([A-Za-z0-9_-]{1,64})$/;

export function decodeHlc(s: string): Hlc {
  const m = HLC_PATTERN.exec(s);
  if (!m) throw new Error(`Invalid HLC timestamp: ${s.slice(0, 80)}`);
  return { wall: Number(m[1]), counter: Number(m[2]), device: m[3] ?? '' };
}

export function isHlc(s: string): boolean {
  return HLC_PATTERN.test(s);
}

/** A clock for one device. `now` is injectable so tests can skew or freeze it. */
export class HlcClock {
  private last: Hlc;
  constructor(
    readonly device: string,
    private readonly now: () => number = Date.now,
    last?: string,
  ) {
    this.last = last ? decodeHlc(last) : { wall: 0, counter: 0, device };
  }

  /** Timestamp for a local event. Never fails: whatever arrived, writing goes on. */
  tick(): string {
    const pt = this.now();
    this.last = pt > this.last.wall ? { wall: pt, counter: 0, device: this.device } : this.bumped(this.last.wall, this.last.counter);
    return encodeHlc(this.last);
  }

  /**
   * Merges a timestamp received from another device, so later local events sort after it.
   * Returns false, adopting nothing, when it is more than MAX_AHEAD_MS ahead of the wall
   * clock: the caller quarantines what carried it.
   */
  receive(remote: string): boolean {
    const r = decodeHlc(remote);
    const pt = this.now();
    if (r.wall - pt > MAX_AHEAD_MS) return false;
    const wall = Math.max(pt, this.last.wall, r.wall);
    let next: Hlc;
    if (wall === this.last.wall && wall === r.wall) next = this.bumped(wall, Math.max(this.last.counter, r.counter));
    else if (wall === this.last.wall) next = this.bumped(wall, this.last.counter);
    else if (wall === r.wall) next = this.bumped(wall, r.counter);
    else next = { wall, counter: 0, device: this.device };
    this.last = next;
    return true;
  }

  /** How far ahead of the wall clock `remote` is, in ms (negative when behind). */
  aheadBy(remote: string): number {
    return decodeHlc(remote).wall - this.now();
  }

  current(): string {
    return encodeHlc(this.last);
  }

  /**
   * The timestamp after (wall, counter). A full counter carries into the wall time (one
   * logical millisecond), so the clock can neither overflow nor stall; the wall cannot run
   * away either, as nothing further ahead than MAX_AHEAD_MS is ever adopted.
   */
  private bumped(wall: number, counter: number): Hlc {
    return counter >= MAX_COUNTER ? { wall: wall + 1, counter: 0, device: this.device } : { wall, counter: counter + 1, device: this.device };
  }
}

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
/** A remote clock further ahead than this is refused rather than adopted (a broken peer). */
export const MAX_DRIFT_MS = 7 * 24 * 60 * 60 * 1000;

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

  /** Timestamp for a local event. */
  tick(): string {
    const pt = this.now();
    if (pt > this.last.wall) this.last = { wall: pt, counter: 0, device: this.device };
    else this.last = { wall: this.last.wall, counter: this.bump(this.last.counter), device: this.device };
    return encodeHlc(this.last);
  }

  /** Merge a timestamp received from another device, so later local events sort after it. */
  receive(remote: string): void {
    const r = decodeHlc(remote);
    const pt = this.now();
    if (r.wall - pt > MAX_DRIFT_MS) {
      throw new Error(`Remote clock is too far ahead (${Math.round((r.wall - pt) / 3_600_000)} h)`);
    }
    const wall = Math.max(pt, this.last.wall, r.wall);
    let counter: number;
    if (wall === this.last.wall && wall === r.wall) counter = this.bump(Math.max(this.last.counter, r.counter));
    else if (wall === this.last.wall) counter = this.bump(this.last.counter);
    else if (wall === r.wall) counter = this.bump(r.counter);
    else counter = 0;
    this.last = { wall, counter, device: this.device };
  }

  current(): string {
    return encodeHlc(this.last);
  }

  private bump(counter: number): number {
    if (counter >= MAX_COUNTER) throw new Error('HLC counter overflow');
    return counter + 1;
  }
}

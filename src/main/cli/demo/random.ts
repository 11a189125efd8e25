/** A small seeded PRNG (mulberry32): the same seed gives the same demo office. */
export interface Rng {
  (): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  weighted<T extends string>(weights: Record<T, number>): T;
}

export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = (() => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }) as Rng;
  next.int = (min, max) => min + Math.floor(next() * (max - min + 1));
  next.pick = (items) => {
    const v = items[Math.floor(next() * items.length)];
    if (v === undefined) throw new Error('pick from an empty list');
    return v;
  };
  next.chance = (p) => next() < p;
  next.weighted = (weights) => {
    const entries = Object.entries(weights) as Array<[keyof typeof weights, number]>;
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let r = next() * total;
    for (const [k, w] of entries) {
      r -= w;
      if (r < 0) return k;
    }
    const last = entries[entries.length - 1];
    if (!last) throw new Error('weighted pick from nothing');
    return last[0];
  };
  return next;
}

/** A binary min-heap of timed jobs, so acts of all cases run in time order. */
export class TimeQueue<T> {
  private items: Array<{ t: number; seq: number; v: T }> = [];
  private seq = 0;
  push(t: number, v: T): void {
    const items = this.items;
    items.push({ t, seq: this.seq++, v });
    let i = items.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.less(i, p)) {
        this.swap(i, p);
        i = p;
      } else break;
    }
  }
  pop(): { t: number; v: T } | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (!top || !last) return undefined;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && this.less(l, m)) m = l;
        if (r < items.length && this.less(r, m)) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return { t: top.t, v: top.v };
  }
  get size(): number {
    return this.items.length;
  }
  private less(i: number, j: number): boolean {
    const a = this.items[i];
    const b = this.items[j];
    return !!a && !!b && (a.t < b.t || (a.t === b.t && a.seq < b.seq));
  }
  private swap(i: number, j: number): void {
    const a = this.items[i];
    const b = this.items[j];
    if (a && b) {
      this.items[i] = b;
      this.items[j] = a;
    }
  }
}

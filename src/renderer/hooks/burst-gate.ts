/**
 * Keeps a burst of events (an import of hundreds of cases opens hundreds of tasks at once)
 * from becoming one toast each: `admit(now)` says yes to the first `max` events of a burst and
 * no to the rest; once `quietMs` pass without an event, `onHeld(n)` is called once with the
 * number held back, so one summary can stand for them. A burst is events less than `quietMs`
 * apart. No React here, so it is unit-tested with fake timers.
 */
export class BurstGate {
  private last = Number.NEGATIVE_INFINITY;
  private count = 0;
  private held = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly onHeld: (count: number) => void,
    private readonly max = 3,
    private readonly quietMs = 1000,
  ) {}

  admit(now: number): boolean {
    if (now - this.last >= this.quietMs) this.count = 0;
    this.last = now;
    this.count++;
    if (this.count <= this.max) return true;
    this.held++;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const held = this.held;
      this.held = 0;
      this.timer = null;
      if (held > 0) this.onHeld(held);
    }, this.quietMs);
    return false;
  }

  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}

/** The hybrid logical clock never overflows or stalls, and adopts nothing from too far ahead. */
import { describe, expect, it } from 'vitest';
import { decodeHlc, encodeHlc, HlcClock, MAX_AHEAD_MS } from '../../src/shared/hlc';

const NOW = Date.UTC(2026, 10, 2, 1, 0);

describe('HlcClock', () => {
  it('carries a full counter into the wall time instead of failing', () => {
    const clock = new HlcClock('dev', () => NOW, encodeHlc({ wall: NOW, counter: 999_998, device: 'dev' }));
    const a = clock.tick();
    const b = clock.tick();
    const c = clock.tick();
    expect(decodeHlc(a)).toMatchObject({ wall: NOW, counter: 999_999 });
    expect(decodeHlc(b)).toMatchObject({ wall: NOW + 1, counter: 0 });
    expect(a < b && b < c).toBe(true);
  });

  it('adopts a remote clock within the bound, full counter included, and writes after it', () => {
    const clock = new HlcClock('dev', () => NOW);
    const remote = encodeHlc({ wall: NOW + MAX_AHEAD_MS, counter: 999_999, device: 'peer' });
    expect(clock.receive(remote)).toBe(true);
    expect(clock.tick() > remote).toBe(true);
  });

  it('adopts nothing from further ahead than the bound', () => {
    const clock = new HlcClock('dev', () => NOW);
    const before = clock.tick();
    expect(clock.receive(encodeHlc({ wall: NOW + MAX_AHEAD_MS + 1, counter: 999_999, device: 'peer' }))).toBe(false);
    expect(clock.current()).toBe(before);
    expect(decodeHlc(clock.tick())).toMatchObject({ wall: NOW, counter: 1 });
  });

  it('stays monotonic and never throws, whatever arrives', () => {
    let now = NOW;
    const clock = new HlcClock('dev', () => now);
    let last = clock.tick();
    let seed = 7;
    const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 2_000; i++) {
      now += Math.floor(rand() * 3) - 1; // the wall clock may even step back
      const wall = now + Math.floor((rand() * 2 - 0.5) * MAX_AHEAD_MS * 1.5);
      clock.receive(encodeHlc({ wall, counter: rand() < 0.5 ? 999_999 : Math.floor(rand() * 1_000_000), device: 'peer' }));
      const next = clock.tick();
      expect(next > last).toBe(true);
      expect(decodeHlc(next).wall - now).toBeLessThanOrEqual(MAX_AHEAD_MS + 2_000);
      last = next;
    }
  });
});

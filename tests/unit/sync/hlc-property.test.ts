/**
 * The hybrid logical clock's promises, as fast-check properties over random schedules: devices
 * with skewed, stalling or backward-jumping wall clocks tick and exchange timestamps in any order.
 * Sync orders the log by these strings, so each property is one the sync engine relies on:
 * - the encoding's string order is the (wall, counter, device) order;
 * - a device's own timestamps only go up, whatever its wall clock does;
 * - after a device receives a timestamp, everything it stamps sorts after it (causality);
 * - no two events anywhere share a timestamp.
 * A failure prints the shrunk schedule and the seed to replay it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HlcClock, decodeHlc, encodeHlc, type Hlc } from '../../../src/shared/hlc';

const device = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/);
const hlc: fc.Arbitrary<Hlc> = fc.record({ wall: fc.integer({ min: 0, max: 10 ** 15 - 1 }), counter: fc.integer({ min: 0, max: 999_999 }), device });

function compareHlc(a: Hlc, b: Hlc): number {
  return a.wall - b.wall || a.counter - b.counter || (a.device < b.device ? -1 : a.device > b.device ? 1 : 0);
}

type Step = { kind: 'tick'; at: number; clockMove: number } | { kind: 'send'; from: number; to: number; clockMove: number };

const DEVICES = 3;
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('tick' as const), at: fc.nat(DEVICES - 1), clockMove: fc.integer({ min: -5_000, max: 5_000 }) }),
  fc.record({
    kind: fc.constant('send' as const),
    from: fc.nat(DEVICES - 1),
    to: fc.nat(DEVICES - 1),
    clockMove: fc.integer({ min: -5_000, max: 5_000 }),
  }),
);

describe('hybrid logical clock (properties)', () => {
  it('encodes so that string order is timestamp order, and decodes back', () => {
    fc.assert(
      fc.property(hlc, hlc, (a, b) => {
        const [ea, eb] = [encodeHlc(a), encodeHlc(b)];
        expect(decodeHlc(ea)).toEqual(a);
        expect(Math.sign(ea < eb ? -1 : ea > eb ? 1 : 0)).toBe(Math.sign(compareHlc(a, b)));
      }),
    );
  });

  it('keeps each device monotonic, respects what it received, and never repeats a timestamp', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1_700_000_000_000, max: 1_700_000_100_000 }), { minLength: DEVICES, maxLength: DEVICES }),
        fc.array(step, { maxLength: 200 }),
        (startClocks, steps) => {
          // Each device's wall clock is its own, moved by each step (it may go backwards).
          const wall = [...startClocks];
          const clocks = wall.map((_, i) => new HlcClock(`dev${i}`, () => wall[i] ?? 0));
          const last: string[] = clocks.map((c) => c.current());
          const seen = new Set<string>();
          const stamp = (d: number): string => {
            const t = clocks[d]!.tick();
            expect(t > last[d]!).toBe(true);
            expect(seen.has(t)).toBe(false);
            seen.add(t);
            last[d] = t;
            return t;
          };
          for (const s of steps) {
            const moved = s.kind === 'tick' ? s.at : s.to;
            wall[moved] = (wall[moved] ?? 0) + s.clockMove;
            if (s.kind === 'tick') {
              stamp(s.at);
            } else {
              const sent = stamp(s.from);
              clocks[s.to]!.receive(sent);
              expect(stamp(s.to) > sent).toBe(true);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

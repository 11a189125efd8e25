/** A burst of new-task events becomes three toasts and one summary, not one toast each. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BurstGate } from '../../../src/renderer/hooks/burst-gate';

describe('BurstGate', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('admits the first three of a burst and reports the rest once, after a quiet second', () => {
    const held: number[] = [];
    const gate = new BurstGate((n) => held.push(n));
    const admitted = Array.from({ length: 200 }, (_v, i) => gate.admit(1_000 + i));
    expect(admitted.filter(Boolean)).toHaveLength(3);
    expect(admitted.slice(0, 3)).toEqual([true, true, true]);
    vi.advanceTimersByTime(999);
    expect(held).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(held).toEqual([197]);
  });

  it('treats events a quiet second apart as separate, each admitted', () => {
    const held: number[] = [];
    const gate = new BurstGate((n) => held.push(n));
    expect([0, 1_000, 2_000, 3_000, 4_000].map((t) => gate.admit(t))).toEqual([true, true, true, true, true]);
    vi.runAllTimers();
    expect(held).toEqual([]);
  });

  it('a new burst after a quiet second starts counting again', () => {
    const held: number[] = [];
    const gate = new BurstGate((n) => held.push(n));
    for (let i = 0; i < 5; i++) gate.admit(i);
    vi.advanceTimersByTime(1_000);
    expect(held).toEqual([2]);
    expect([10_000, 10_001, 10_002, 10_003].map((t) => gate.admit(t))).toEqual([true, true, true, false]);
    vi.advanceTimersByTime(1_000);
    expect(held).toEqual([2, 1]);
  });

  it('reports nothing once disposed', () => {
    const held: number[] = [];
    const gate = new BurstGate((n) => held.push(n));
    for (let i = 0; i < 6; i++) gate.admit(i);
    gate.dispose();
    vi.runAllTimers();
    expect(held).toEqual([]);
  });
});

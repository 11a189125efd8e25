/** Timing helpers for the benchmarks (timing belongs here, never in tests). */
import { performance } from 'node:perf_hooks';

interface Sample {
  p50: number;
  p95: number;
  max: number;
  n: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? 0;
}

/** Runs `fn` `n` times after `warm` warm-up runs; milliseconds per run. */
export async function sample(n: number, warm: number, fn: (i: number) => unknown | Promise<unknown>): Promise<Sample> {
  for (let i = 0; i < warm; i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: times[times.length - 1] ?? 0, n };
}

export async function time<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

export interface Row {
  work: string;
  measure: string;
  value: number;
  baseline: number;
  budget: string;
  pass: boolean;
  note?: string;
}

export function printTable(rows: readonly Row[], out: (s: string) => void): void {
  const head = ['work', 'measure', 'alur', 'raw baseline', 'ratio', 'budget', 'ok'];
  const body = rows.map((r) => [
    r.work,
    r.measure,
    fmt(r.value, r.measure),
    fmt(r.baseline, r.measure),
    r.baseline > 0 ? `${(r.value / r.baseline).toFixed(2)}x` : '-',
    r.budget,
    r.pass ? 'yes' : 'NO',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  out(line(head));
  out(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const b of body) out(line(b));
  for (const r of rows) if (r.note) out(`- ${r.work}: ${r.note}`);
}

function fmt(v: number, measure: string): string {
  return measure.includes('MB') ? `${v.toFixed(0)} MB` : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(2)} ms`;
}

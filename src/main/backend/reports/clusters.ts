/**
 * Clusters of similar cases for the daily strategic-issue report. Kept simple on purpose:
 * - `lokasi`: the same category, subcategory and location (normalised) — many people
 *   reporting one broken bridge;
 * - `judul`: titles that share most of their significant words (Jaccard similarity of the
 *   word sets at least 0.5, and at least two words in common), joined transitively.
 * The window is a week of cases, a few hundred at most, so comparing the pairs that share a
 * word (found through a word index) is cheap and, unlike FTS5 ranking, gives the same groups
 * whatever the order. A cluster is reported when at least one of its cases is new that day.
 */
import type { StrategicCluster } from '../../../shared/api/views-reports';
import type { CaseFact } from './source';

const MIN_WORD = 4;
const MIN_SHARED = 2;
const MIN_JACCARD = 0.5;
/** Words too common in complaints to say two are about the same thing. */
const STOPWORDS = new Set([
  'yang',
  'untuk',
  'dengan',
  'dari',
  'pada',
  'tidak',
  'sudah',
  'belum',
  'dalam',
  'akan',
  'mohon',
  'tolong',
  'adanya',
  'terkait',
  'kami',
  'warga',
  'masyarakat',
  'desa',
  'kelurahan',
  'kecamatan',
  'jalan',
  'sangat',
  'masih',
  'karena',
  'agar',
  'bisa',
  'dapat',
  'oleh',
  'tersebut',
  'sejak',
  'hari',
  'minggu',
  'bulan',
]);

function words(title: string): Set<string> {
  return new Set(
    title
      .normalize('NFKC')
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length >= MIN_WORD && !STOPWORDS.has(w)),
  );
}

function norm(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

class UnionFind {
  private readonly parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r] ?? r;
    this.parent[i] = r;
    return r;
  }
  union(a: number, b: number): void {
    this.parent[this.find(a)] = this.find(b);
  }
}

function cluster(basis: StrategicCluster['basis'], label: string, members: readonly CaseFact[]): StrategicCluster {
  return { basis, label, count: members.length, refs: members.map((c) => c.ref), titles: [...new Set(members.map((c) => c.title))].slice(0, 5) };
}

/**
 * Clusters among `window` (oldest first) with at least one case for which `isNew` holds.
 * `categoryLabel` names a case's category and subcategory for the `lokasi` label.
 */
export function findClusters(
  window: readonly CaseFact[],
  isNew: (c: CaseFact) => boolean,
  categoryLabel: (c: CaseFact) => string,
): StrategicCluster[] {
  const out: StrategicCluster[] = [];
  const seen = new Set<string>();
  const byPlace = new Map<string, CaseFact[]>();
  for (const c of window) {
    if (!c.categoryId || !c.location) continue;
    const k = `${c.categoryId}|${c.subcategoryId ?? ''}|${norm(c.location)}`;
    byPlace.set(k, [...(byPlace.get(k) ?? []), c]);
  }
  for (const members of byPlace.values()) {
    const first = members[0];
    if (!first || members.length < 2 || !members.some(isNew)) continue;
    seen.add(
      members
        .map((c) => c.id)
        .sort()
        .join(','),
    );
    out.push(cluster('lokasi', `${categoryLabel(first)} — ${first.location ?? ''}`, members));
  }

  const sets = window.map((c) => words(c.title));
  const index = new Map<string, number[]>();
  sets.forEach((ws, i) => ws.forEach((w) => index.set(w, [...(index.get(w) ?? []), i])));
  const uf = new UnionFind(window.length);
  const compared = new Set<number>();
  for (let i = 0; i < window.length; i++) {
    const a = sets[i] ?? new Set<string>();
    compared.clear();
    for (const w of a) {
      for (const j of index.get(w) ?? []) {
        if (j <= i || compared.has(j)) continue;
        compared.add(j);
        const b = sets[j] ?? new Set<string>();
        let shared = 0;
        for (const x of a) if (b.has(x)) shared++;
        if (shared >= MIN_SHARED && shared / (a.size + b.size - shared) >= MIN_JACCARD) uf.union(i, j);
      }
    }
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < window.length; i++) groups.set(uf.find(i), [...(groups.get(uf.find(i)) ?? []), i]);
  for (const idx of groups.values()) {
    const members = idx.map((i) => window[i]).filter((c): c is CaseFact => c !== undefined);
    if (members.length < 2 || !members.some(isNew)) continue;
    const key = members
      .map((c) => c.id)
      .sort()
      .join(',');
    if (seen.has(key)) continue;
    const freq = new Map<string, number>();
    for (const i of idx) for (const w of sets[i] ?? []) freq.set(w, (freq.get(w) ?? 0) + 1);
    const top = [...freq.entries()]
      .filter(([, n]) => n >= 2)
      .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))
      .slice(0, 3)
      .map(([w]) => w);
    out.push(cluster('judul', top.join(', '), members));
  }
  return out.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'id'));
}

/**
 * A word-level difference between two texts (the draft and the text the approver signed), so
 * a reader sees what the approver changed without comparing two paragraphs by eye.
 */

/** A run of the result: kept in both, only in the old text, or only in the new one. */
interface DiffPart {
  kind: 'same' | 'removed' | 'added';
  text: string;
}

/** Words and the whitespace after them, so joining the parts gives back the text. */
function tokens(s: string): string[] {
  return s.match(/\S+\s*|\s+/g) ?? [];
}

/**
 * Longest common subsequence over words. Texts are letters of a few hundred words; above
 * 4 million cells (about 2000 x 2000 words) the whole texts are shown as replaced instead.
 */
export function wordDiff(before: string, after: string): DiffPart[] {
  const a = tokens(before);
  const b = tokens(after);
  if (a.length * b.length > 4_000_000)
    return [
      { kind: 'removed', text: before },
      { kind: 'added', text: after },
    ];
  const key = (t: string) => t.trim();
  // lcs[i][j]: the common length of a[i..] and b[j..], flattened row by row.
  const w = b.length + 1;
  const lcs = new Uint32Array((a.length + 1) * w);
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i * w + j] =
        key(a[i] ?? '') === key(b[j] ?? '') ? (lcs[(i + 1) * w + j + 1] ?? 0) + 1 : Math.max(lcs[(i + 1) * w + j] ?? 0, lcs[i * w + j + 1] ?? 0);
  const out: DiffPart[] = [];
  const push = (kind: DiffPart['kind'], text: string) => {
    const last = out[out.length - 1];
    if (last?.kind === kind) last.text += text;
    else out.push({ kind, text });
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (key(a[i] ?? '') === key(b[j] ?? '')) {
      push('same', b[j] ?? '');
      i++;
      j++;
    } else if ((lcs[(i + 1) * w + j] ?? 0) >= (lcs[i * w + j + 1] ?? 0)) push('removed', a[i++] ?? '');
    else push('added', b[j++] ?? '');
  }
  while (i < a.length) push('removed', a[i++] ?? '');
  while (j < b.length) push('added', b[j++] ?? '');
  return out;
}

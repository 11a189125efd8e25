/**
 * An Indonesian stemmer, so that search finds "berlubang" for "lubang", "perbaikan" for
 * "diperbaiki" and "jalanan" for "jalan". It follows the Snowball Indonesian algorithm (Tala's
 * rule-based stemmer, no dictionary): particles (-kah, -lah, -pun), possessives (-ku, -mu,
 * -nya), first-order prefixes (meng-, meny-, men-, mem-, me-, peng-, peny-, pen-, pem-, di-,
 * ter-, ke-), suffixes (-kan, -an, -i) and second-order prefixes (ber-, be-, per-, pe-), each
 * only while the word keeps more than two vowels. No npm package with an Indonesian stemmer
 * is maintained and typed (snowball-stemmers has none; sastrawijs is untyped and needs babel
 * at run time). Over-stemming is harmless here: the index and the query are stemmed alike,
 * and the query also matches the word as typed.
 */

const VOWEL = /[aeiou]/;

function measure(w: string): number {
  let n = 0;
  for (const ch of w) if (VOWEL.test(ch)) n++;
  return n;
}

/** Prefix kinds as in the Snowball algorithm: which suffixes may follow which prefix. */
const enum Prefix {
  None = 0,
  /** di-, meng-, men-, meny-, mem-, me-, ter- */
  Me = 1,
  /** per-, pe- */
  Pe = 2,
  /** ke-, peng-, pen-, peny-, pem- */
  Ke = 3,
  /** ber-, be- */
  Ber = 4,
}

interface Word {
  w: string;
  prefix: Prefix;
}

function dropEnd(x: Word, endings: readonly string[]): boolean {
  for (const e of endings) {
    if (x.w.endsWith(e) && x.w.length > e.length) {
      x.w = x.w.slice(0, -e.length);
      return true;
    }
  }
  return false;
}

function firstOrderPrefix(x: Word): boolean {
  const w = x.w;
  const next = (p: string) => w.charAt(p.length);
  const take = (p: string, kind: Prefix, replace = '') => {
    x.w = replace + w.slice(p.length);
    x.prefix = kind;
    return true;
  };
  if (w.startsWith('meny') && VOWEL.test(next('meny'))) return take('meny', Prefix.Me, 's');
  if (w.startsWith('peny') && VOWEL.test(next('peny'))) return take('peny', Prefix.Ke, 's');
  if (w.startsWith('meng')) return take('meng', Prefix.Me);
  if (w.startsWith('peng')) return take('peng', Prefix.Ke);
  if (w.startsWith('mem')) return VOWEL.test(next('mem')) ? take('mem', Prefix.Me, 'p') : take('mem', Prefix.Me);
  if (w.startsWith('pem')) return VOWEL.test(next('pem')) ? take('pem', Prefix.Ke, 'p') : take('pem', Prefix.Ke);
  if (w.startsWith('men')) return take('men', Prefix.Me);
  if (w.startsWith('pen')) return take('pen', Prefix.Ke);
  if (w.startsWith('ter')) return take('ter', Prefix.Me);
  if (w.startsWith('me')) return take('me', Prefix.Me);
  if (w.startsWith('di')) return take('di', Prefix.Me);
  if (w.startsWith('ke')) return take('ke', Prefix.Ke);
  return false;
}

function secondOrderPrefix(x: Word): boolean {
  const w = x.w;
  const take = (n: number, kind: Prefix) => {
    x.w = w.slice(n);
    x.prefix = kind;
    return true;
  };
  if (w === 'belajar' || w.startsWith('belajar')) return take(3, Prefix.Ber);
  if (w === 'pelajar' || w.startsWith('pelajar')) return take(3, Prefix.Pe);
  if (w.startsWith('ber')) return take(3, Prefix.Ber);
  if (w.startsWith('per')) return take(3, Prefix.Pe);
  // be- before a consonant and -er- (bekerja → kerja); pe- otherwise.
  if (/^be[^aeiou]er/.test(w)) return take(2, Prefix.Ber);
  if (w.startsWith('pe')) return take(2, Prefix.Pe);
  return false;
}

function suffix(x: Word): boolean {
  const w = x.w;
  // Longest first; a suffix the prefix rules out lets the shorter one try (Snowball's among).
  if (w.endsWith('kan') && x.prefix !== Prefix.Pe && x.prefix !== Prefix.Ke) {
    x.w = w.slice(0, -3);
    return true;
  }
  if (w.endsWith('an') && x.prefix !== Prefix.Me) {
    x.w = w.slice(0, -2);
    return true;
  }
  if (w.endsWith('i') && x.prefix <= Prefix.Pe && !w.endsWith('si')) {
    x.w = w.slice(0, -1);
    return true;
  }
  return false;
}

/** The stem of one lower-case word; words with two vowels or fewer are kept as they are. */
export function stemWord(word: string): string {
  const x: Word = { w: word, prefix: Prefix.None };
  if (!/^[a-z]+$/.test(word) || measure(x.w) <= 2) return word;
  dropEnd(x, ['kah', 'lah', 'pun']);
  if (measure(x.w) > 2) dropEnd(x, ['nya', 'ku', 'mu']);
  if (measure(x.w) <= 2) return x.w;
  if (firstOrderPrefix(x)) {
    if (measure(x.w) > 2) suffix(x);
    if (measure(x.w) > 2) secondOrderPrefix(x);
  } else {
    secondOrderPrefix(x);
    if (measure(x.w) > 2) suffix(x);
  }
  return x.w;
}

/** The words of a text, lower case, as the FTS5 unicode61 tokenizer splits them. */
export function wordsOf(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/**
 * The stems of a text that differ from its words, once each: what the full-text index stores
 * beside the text, so that a stemmed query finds every form of the word.
 */
export function extraStems(text: string): string[] {
  const words = new Set(wordsOf(text));
  const out = new Set<string>();
  for (const w of words) {
    const s = stemWord(w);
    if (s !== w && !words.has(s)) out.add(s);
  }
  return [...out];
}

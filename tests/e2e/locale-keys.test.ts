/**
 * The two locale files stay in step with each other and with the code: every key the
 * renderer uses exists in Indonesian and English, and every closed vocabulary of the domain
 * (channels, types, statuses, event types, error codes...) has a label in both.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTING_KINDS, CASE_STATUSES, CASE_TYPES, CHANNELS, PRIVACIES, UNIT_KINDS, URGENCIES } from '../../src/shared/domain/enums';
import { EventBody } from '../../src/shared/domain/events';
import { HOLIDAY_KINDS, ISO_WEEKDAY_KEYS, TIME_ZONE_CODES } from '../../src/shared/calendar/working-time';
import { ERROR_CODES } from '../../src/shared/result';
import { REPO } from './harness';

type Tree = { [k: string]: string | Tree };
const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

function load(lang: string): Set<string> {
  const tree = JSON.parse(fs.readFileSync(path.join(REPO, 'src', 'renderer', 'i18n', `${lang}.json`), 'utf8')) as Tree;
  return new Set([...flatten(tree).keys()].map((k) => k.replace(PLURAL, '')));
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(d.name) ? [p] : [];
  });
}

const id = load('id');
const en = load('en');

describe('locale files', () => {
  it('have the same keys in Indonesian and English', () => {
    expect([...id].filter((k) => !en.has(k))).toEqual([]);
    expect([...en].filter((k) => !id.has(k))).toEqual([]);
  });

  it('contain every literal key the renderer uses', () => {
    const missing: string[] = [];
    for (const file of sourceFiles(path.join(REPO, 'src', 'renderer'))) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\('([a-zA-Z0-9_.]+)'/g)) {
        const key = m[1] ?? '';
        if (!id.has(key)) missing.push(`${path.relative(REPO, file)}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('label every value of the closed vocabularies', () => {
    const eventTypes = EventBody.options.map((o) => o.shape.type.value);
    const groups: Array<[string, readonly string[]]> = [
      ['channel', CHANNELS],
      ['caseType', CASE_TYPES],
      ['privacy', PRIVACIES],
      ['privacyHint', PRIVACIES],
      ['urgency', URGENCIES],
      ['status', CASE_STATUSES],
      ['acting', ACTING_KINDS],
      ['actingLong', ACTING_KINDS],
      ['unitKind', UNIT_KINDS],
      ['holidayKind', HOLIDAY_KINDS],
      ['timeZone', TIME_ZONE_CODES],
      ['weekday', ISO_WEEKDAY_KEYS],
      ['errorCode', ERROR_CODES],
      ['eventType', eventTypes],
      ['taskState', ['open', 'waiting', 'done', 'cancelled']],
    ];
    const missing: string[] = [];
    for (const [prefix, values] of groups)
      for (const v of values)
        for (const [lang, keys] of [
          ['id', id],
          ['en', en],
        ] as const)
          if (!keys.has(`${prefix}.${v}`)) missing.push(`${lang}: ${prefix}.${v}`);
    expect(missing).toEqual([]);
  });
});

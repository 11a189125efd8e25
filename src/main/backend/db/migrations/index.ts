/**
 * The static registry of migrations. Append only: a new migration gets the next number and
 * goes at the end; a landed one is never edited (tests/unit/db/migrations.test.ts pins them).
 */
import type { Kysely } from 'kysely';
import * as m0001 from './0001-initial';
import * as m0002 from './0002-sync';
import * as m0003 from './0003-document-indexes';
import * as m0004 from './0004-event-hash';
import * as m0005 from './0005-search';
import * as m0006 from './0006-signbook';
import * as m0007 from './0007-audit-key';
import * as m0008 from './0008-event-seal';
import * as m0009 from './0009-desk-ends';

export interface Migration {
  version: number;
  name: string;
  up(db: Kysely<unknown>): Promise<void>;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: '0001-initial', up: m0001.up },
  { version: 2, name: '0002-sync', up: m0002.up },
  { version: 3, name: '0003-document-indexes', up: m0003.up },
  { version: 4, name: '0004-event-hash', up: m0004.up },
  { version: 5, name: '0005-search', up: m0005.up },
  { version: 6, name: '0006-signbook', up: m0006.up },
  { version: 7, name: '0007-audit-key', up: m0007.up },
  { version: 8, name: '0008-event-seal', up: m0008.up },
  { version: 9, name: '0009-desk-ends', up: m0009.up },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;

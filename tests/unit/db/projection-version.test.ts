/**
 * The projection version follows the code that a replay runs: a change to any of these files
 * may change what a rebuild produces, and a database projected by the old code must then be
 * rebuilt at open (integrity/projection-version.ts). So a change here fails until someone
 * decides: bump PROJECTION_VERSION and pin the new hash, or (a change that cannot alter a
 * replay: comments, renames) pin the new hash alone. Line endings are normalised.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROJECTION_VERSION } from '../../../src/main/backend/integrity/projection-version';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const REPLAY_SOURCES = [
  'src/main/backend/projection/case-projection.ts',
  'src/main/backend/projection/projector.ts',
  'src/shared/workflow/engine.ts',
  'src/shared/workflow/engine-acts.ts',
  'src/shared/workflow/engine-auto.ts',
  'src/shared/workflow/engine-check.ts',
  'src/shared/workflow/engine-reaction.ts',
  'src/shared/workflow/engine-tasks.ts',
  'src/shared/workflow/state.ts',
  'src/shared/calendar/working-time.ts',
  'src/shared/calendar/compiled-calendar.ts',
  'src/shared/search/stem-id.ts',
];

const PINNED = { version: 2, sha256: '6a07b962ef9390d2a88245d9e6e6056aa2f54d3cd8223fbcaf87ac230c304ed8' };

function sourcesHash(): string {
  const h = crypto.createHash('sha256');
  for (const f of REPLAY_SOURCES) h.update(`${f}\n${fs.readFileSync(path.join(REPO, f), 'utf8').replace(/\r\n/g, '\n')}\n`);
  return h.digest('hex');
}

describe('projection version', () => {
  it('is pinned to the sources a replay runs', () => {
    expect({ version: PROJECTION_VERSION, sha256: sourcesHash() }).toEqual(PINNED);
  });
});

/**
 * Landed migrations are frozen by content (as Signal pins each migration): a database that ran
 * migration N must mean the same thing on every workstation, so a landed file never changes. An
 * edit fails here; the fix is a new migration, not a new hash. A migration that lands gets its
 * hash added below in the same commit (a file numbered NNNN-*.ts without a pin fails too).
 * Line endings are normalised so a Windows checkout hashes the same.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const PINNED: Record<string, Record<string, string>> = {
  'src/main/backend/db/migrations': {
    '0001-initial.ts': '687d54c8718a8740a76518cab97e0c644162ae449476469b3839ef56abfac46d',
    '0002-sync.ts': 'fca5faf0b7ede80fa7cf8f40dca973c344dfcb7f6c6e9ba4fcdb81b41d61ee34',
    '0003-document-indexes.ts': '111b7d42594223f3a51edfcdb17eb45fe5068cc2c1335422896cef92258162b5',
    '0004-event-hash.ts': 'b10dab4fc87e227d8466ca4ad85612475544fa3faa1a0a30513295871566ab17',
    '0005-search.ts': '8d0d6168a1828efdd9b1dba737af87d2830249ea7e4e5b73523afb592afabc49',
    '0006-signbook.ts': '36801e4d5e3c9c0d3da65c42dfab8bfbe18f4496fbf194b087ed8966a0abbcb7',
    '0007-audit-key.ts': 'c3e6d8bb2038c9cc4934e5de60cb70325db20feacf77f6917414e9d2809df640',
    '0008-event-seal.ts': '0c7b88e3b9ff6491d241d2352be76454235684e4589c178079da850093584834',
    '0009-desk-ends.ts': 'a4f38575ab62bdfa0ab2e098ff96b97c55483f2959cd5885cc44d579868b1154',
  },
  'src/main/backend/sync/server-migrations': {
    '0001-initial.ts': 'b8f3c20e1b3174f4ed54f51cd6ae6e62194ef6563e92261a943d3f64493bc79e',
    '0002-least-privilege.ts': '75c346f0bcfa45a91caf88193de7e95caf5c09fd8cc96bce700ccbe11b8d597e',
    '0003-audit-checkpoints.ts': 'bce4f7e415068d3dcba6e201915a7c130a9c9aca625aa8200d3ab12522b12dff',
    '0004-event-seal.ts': 'e8bd04c79865fa51d0d761569880250e927a86a70c17c4ce1b3c23ecfa9ecb4a',
  },
};

function sha256(file: string): string {
  const text = fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
  return crypto.createHash('sha256').update(text).digest('hex');
}

describe('landed migrations are frozen by content', () => {
  for (const [dir, pins] of Object.entries(PINNED)) {
    it(`${dir}: every numbered migration is pinned and unchanged`, () => {
      const files = fs
        .readdirSync(path.join(REPO, dir))
        .filter((f) => /^\d{4}-.*\.ts$/.test(f))
        .sort();
      expect(files).toEqual(Object.keys(pins).sort());
      for (const f of files) expect({ file: f, sha256: sha256(path.join(REPO, dir, f)) }).toEqual({ file: f, sha256: pins[f] });
    });
  }
});

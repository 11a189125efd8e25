/**
 * The `alur` command exactly as users run it: `bin/alur.mjs`, which loads the TypeScript CLI
 * through tsx (Node's ESM loader, not vitest's). Interop differences live here: `alur letter
 * --p12` once failed with "signpdf.sign is not a function" outside vitest while every in-process
 * test passed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { makeP12 } from '../helpers/p12';
import { tempDir } from '../helpers/temp';
import { REPO } from './host-process';

const run = promisify(execFile);

async function alur(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(REPO, 'bin', 'alur.mjs'), ...args], {
      cwd: REPO,
      env: { ...process.env, ...env },
      timeout: 170_000,
    });
    return { code: 0, out: stdout, err: stderr };
  } catch (e) {
    const x = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof x.code === 'number' ? x.code : 1, out: x.stdout ?? '', err: x.stderr ?? '' };
  }
}

describe('bin/alur.mjs', () => {
  it("prints a demo office's letter signed with a .p12 that pdfsig validates, and verifies it", async () => {
    const dir = tempDir();
    const data = path.join(dir, 'data');
    const demo = await alur(['--data', data, 'demo', '--cases', '12', '--seed', '5']);
    expect(demo.code, demo.err).toBe(0);
    // A case whose approval issued a letter (information requests are answered directly).
    const db = new Database(path.join(data, 'alur.db'), { readonly: true });
    const row = db
      .prepare(
        "SELECT c.ref FROM cases c JOIN event e ON e.case_id = c.id WHERE e.type = 'case.approved' GROUP BY c.id HAVING count(*) = 1 ORDER BY c.ref LIMIT 1",
      )
      .get() as { ref: string } | undefined;
    db.close();
    if (!row) throw new Error('the demo has no approved case');
    fs.writeFileSync(path.join(dir, 'kantor.p12'), makeP12('sandi-p12'));
    const out = path.join(dir, 'surat.pdf');
    // With the visible signature box: pdfmake's layout report and the widget placement under Node's loader.
    const printed = await alur(
      ['--data', data, 'letter', row.ref, '--out', out, '--p12', path.join(dir, 'kantor.p12'), '--p12-password-env', 'P12_PW', '--p12-visible'],
      { P12_PW: 'sandi-p12' },
    );
    expect(printed.code, printed.err).toBe(0);
    expect(spawnSync('pdfsig', [out], { encoding: 'utf8' }).stdout).toContain('Signature Validation: Signature is Valid.');
    const verified = await alur(['--data', data, 'verify', out]);
    expect(verified.code, verified.out + verified.err).toBe(0);
  });
});

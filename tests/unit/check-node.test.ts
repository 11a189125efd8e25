/** scripts/check-node.mjs: `npm run dist` stops with one clear line on a Node too old to package. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/temp';

const check = (min: string) => spawnSync(process.execPath, [path.join(REPO, 'scripts', 'check-node.mjs'), min], { encoding: 'utf8' });

describe('check-node', () => {
  it('refuses a Node older than asked, with the version needed', () => {
    const r = check('99.0.0');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/packaging needs Node >= 99\.0\.0 \(this is \d+\.\d+\.\d+\)/);
  });
  it('accepts this Node for the versions it meets', () => {
    expect(check(process.versions.node).status).toBe(0);
    expect(check('20.0.0').status).toBe(0);
  });
});

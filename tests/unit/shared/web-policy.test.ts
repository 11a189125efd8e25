/**
 * Facts about serving the renderer are said once (src/shared/web/): the CSP and the content-type
 * table. The one copy that must exist, index.html's <meta> policy, must state the same policy;
 * and no source file may grow a second copy of either.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, metaContentSecurityPolicy } from '../../../src/shared/web/csp';
import { contentTypeOf } from '../../../src/shared/web/content-types';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

function directives(policy: string): Map<string, string> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name = '', ...values]) => [name, values.join(' ')]),
  );
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : /\.(ts|tsx|html|mjs|js)$/.test(e.name) ? [path.relative(REPO, p)] : [];
  });
}

describe('the renderer policy, said once', () => {
  it("index.html's <meta> CSP states the same policy as the header (minus header-only directives)", () => {
    const html = fs.readFileSync(path.join(REPO, 'src/renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(metaContentSecurityPolicy());
    const header = directives(contentSecurityPolicy());
    for (const [name, value] of directives(metaContentSecurityPolicy())) expect(header.get(name)).toBe(value);
    expect(header.get('frame-ancestors')).toBe("'none'");
    expect(header.get('script-src')).toBe("'self'");
  });

  it('no other source file carries its own CSP or content-type table', () => {
    const files = [...sourceFiles(path.join(REPO, 'src')), ...sourceFiles(path.join(REPO, 'bin')), ...sourceFiles(path.join(REPO, 'scripts'))];
    const holding = (needle: string) => files.filter((f) => fs.readFileSync(path.join(REPO, f), 'utf8').includes(needle)).sort();
    expect(holding('default-src')).toEqual(['src/renderer/index.html', 'src/shared/web/csp.ts']);
    expect(holding("'font/woff2'")).toEqual(['src/shared/web/content-types.ts']);
  });

  it('types the built files by extension, whatever its case, and serves the unknown as bytes', () => {
    expect(contentTypeOf('.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('.mjs')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('.exe')).toBe('application/octet-stream');
    expect(contentTypeOf('')).toBe('application/octet-stream');
  });
});

/**
 * What the web build can guarantee against navigation and injection (the Electron shell's
 * own will-navigate / window-open guards are unit-tested on its side):
 * - the served HTML carries a CSP with default-src 'self' (meta tag, and the dev server also
 *   sends it as a header), in the built bundle and in Vite dev mode;
 * - the CSP is enforced: an injected inline script does not run, and a fetch to another
 *   origin (even another loopback origin) is blocked;
 * - the app's own code contains no `window.open` call (antd's Upload carries a default preview
 *   that would call it; every Upload here sets its own list/preview, and the Electron shell
 *   denies every new window anyway), and every link the app renders with
 *   target=_blank carries rel="noopener noreferrer" (checked on each main screen);
 * - clicking through the app never opens a second page (popup) in the browser context.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/main/cli/demo/generator';
import { REPO, launchBrowser, makeDataDir, newPage, removeDir, seedDemo, startDevServer, uiLogin, type DevServer } from './harness';

function cspOf(html: string): string | null {
  const m = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
  return m?.[1] ?? null;
}

// Page-side code is passed as source text: this project's Node tsconfig has no DOM types.
const UNSAFE_BLANK_LINKS = `[...document.querySelectorAll('a[target="_blank"]')]
  .filter((a) => { const rel = (a.getAttribute('rel') || '').split(/\\s+/); return !(rel.includes('noopener') && rel.includes('noreferrer')); })
  .map((a) => a.outerHTML.slice(0, 120))`;
const REPORT_VIOLATIONS = `document.addEventListener('securitypolicyviolation', (e) => window.__reportViolation(e.violatedDirective));`;
const INJECT_INLINE_SCRIPT = `(() => {
  const s = document.createElement('script');
  s.textContent = 'window.__injected = true';
  document.body.appendChild(s);
  return window.__injected === true;
})()`;
const fetchOtherOrigin = (port: number) => `(async () => {
  try { await fetch('http://localhost:${port}/'); return true; } catch { return false; }
})()`;

async function unsafeBlankLinks(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(UNSAFE_BLANK_LINKS);
}

describe('navigation and injection guards of the web build', () => {
  let dir: string;
  let server: DevServer;
  let browser: Browser;

  beforeAll(async () => {
    dir = makeDataDir();
    await seedDemo(dir, 15, 5);
    server = await startDevServer(dir);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    removeDir(dir);
  });

  it("serves the HTML with a CSP whose default-src is 'self' (meta and header)", async () => {
    const res = await fetch(`${server.origin}/`);
    expect(res.status).toBe(200);
    const header = res.headers.get('content-security-policy') ?? '';
    expect(header).toContain("default-src 'self'");
    expect(header).toContain("script-src 'self'");
    expect(header).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    const meta = cspOf(await res.text());
    expect(meta).toContain("default-src 'self'");
    expect(meta).toContain("script-src 'self'");
    expect(meta).not.toContain('unsafe-eval');
    expect(meta?.match(/script-src[^;]*/)?.[0]).not.toContain('unsafe-inline');
  });

  it("has no window.open in the app's own code, and the bundle has none but antd Upload's default preview", () => {
    const files = (fs.readdirSync(path.join(REPO, 'src', 'renderer'), { recursive: true }) as string[]).filter((f) => /\.tsx?$/.test(f));
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) expect(fs.readFileSync(path.join(REPO, 'src', 'renderer', f), 'utf8'), f).not.toMatch(/window\.open\s*\(/);
    const assets = path.join(REPO, 'out', 'renderer', 'assets');
    const js = fs.readdirSync(assets).filter((f) => f.endsWith('.js'));
    expect(js.length).toBeGreaterThan(0);
    const calls = js.flatMap((f) => fs.readFileSync(path.join(assets, f), 'utf8').match(/.{0,40}window\.open\s*\(.{0,30}/g) ?? []);
    // The one library path: Upload's handlePreview, `e.url && window.open(e.url, '_blank', 'noopener')`.
    for (const c of calls) expect(c).toMatch(/\.url&&window\.open\(\w+\.url,`_blank`,`noopener`\)/);
    expect(calls.length).toBeLessThanOrEqual(1);
  });

  it('enforces the CSP, renders no unsafe target=_blank link and opens no popup', async () => {
    const page = await newPage(browser);
    const violations: string[] = [];
    await page.exposeFunction('__reportViolation', (d: string) => violations.push(d));
    await page.addInitScript({ content: REPORT_VIOLATIONS });
    await page.goto(server.url);
    await uiLogin(page, 'admin', DEMO_PASSWORD);
    await page.getByTestId('header-user').filter({ hasText: 'Administrator Sistem' }).waitFor();

    // An injected inline script must not run.
    const ran = await page.evaluate<boolean>(INJECT_INLINE_SCRIPT);
    expect(ran).toBe(false);
    // Another origin (the same server under another name) is not reachable from the page.
    const reached = await page.evaluate<boolean>(fetchOtherOrigin(server.port));
    expect(reached).toBe(false);
    await expect
      .poll(() => violations, { timeout: 5000 })
      .toEqual(expect.arrayContaining([expect.stringMatching(/^script-src/), expect.stringMatching(/^connect-src/)]));

    // Every main screen: no unsafe blank-target link.
    const screens: Array<[string, string]> = [
      ['Kotak Masuk', 'inbox-table'],
      ['Cari', 'case-table'],
      ['Registrasi', 'register-form'],
      ['Pengaturan', 'users-table'],
    ];
    for (const [menu, testId] of screens) {
      await page.getByRole('menuitem', { name: menu }).click();
      await page.getByTestId(testId).waitFor();
      expect(await unsafeBlankLinks(page), menu).toEqual([]);
    }
    await page.getByRole('menuitem', { name: 'Cari' }).click();
    await page.getByTestId('case-table').locator('tbody tr.ant-table-row').first().click();
    await page.getByTestId('timeline-entry').first().waitFor();
    expect(await unsafeBlankLinks(page)).toEqual([]);
    expect(page.context().pages()).toHaveLength(1);
    await page.close();
  });

  it('keeps the same CSP in Vite dev mode, where the UI still loads (no inline scripts needed)', async () => {
    const devDir = makeDataDir();
    const dev = await startDevServer(devDir, { staticBuild: false });
    try {
      const res = await fetch(`${dev.origin}/`);
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(cspOf(await res.text())).toContain("default-src 'self'");
      const page = await newPage(browser);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(dev.url);
      await page.getByTestId('first-run').waitFor({ timeout: 90_000 });
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await dev.stop();
      removeDir(devDir);
    }
  });
});

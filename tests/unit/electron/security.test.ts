/** The shell's security policy: window hardening, CSP, navigation, links, senders, permissions. */
import { describe, expect, it, vi } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  classifyExternalLink,
  contentSecurityPolicy,
  ipcChannel,
  isAllowedNavigation,
  isAllowedPermission,
  isTrustedIpcEvent,
  isTrustedSender,
  navigationGuard,
  rendererPathSegments,
  windowOpenHandler,
  windowOptions,
} from '../../../src/main/electron/security';

// security.ts must not need Electron at run time; this mock makes an accidental import fail loudly.
vi.mock('electron', () => {
  throw new Error('security.ts imported electron at run time');
});

describe('window options', () => {
  it('are hardened', () => {
    const o = windowOptions('/app/out/electron/preload.cjs');
    expect(o.webPreferences).toMatchObject({
      preload: '/app/out/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // Issue 13: no DevTools unless the shell asks for them (a development run only).
      devTools: false,
    });
    expect(windowOptions('/p', { devTools: true }).webPreferences?.devTools).toBe(true);
    expect(o.show).toBe(false);
    expect(o.title).toBe('Alur');
    expect(o.minWidth).toBeGreaterThanOrEqual(1000);
  });
});

describe('content security policy', () => {
  const csp = contentSecurityPolicy();
  const directives = new Map(
    csp.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );

  it("has default-src 'self' and no eval or inline script", () => {
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('*');
  });

  it('blocks plugins, base rewriting, framing and form posts', () => {
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
  });
});

describe('navigation guard', () => {
  it('allows only the app origin', () => {
    expect(isAllowedNavigation(APP_ENTRY_URL, APP_ORIGIN)).toBe(true);
    expect(isAllowedNavigation('app://alur/index.html#/kasus/1', APP_ORIGIN)).toBe(true);
    for (const url of [
      'https://example.com',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'app://alur.evil/index.html',
      'app://alur@evil/index.html',
      'app://evil/index.html',
      'http://alur/index.html',
      'not a url',
      '',
    ]) {
      expect(isAllowedNavigation(url, APP_ORIGIN), url).toBe(false);
    }
  });

  it('prevents leaving the app and offers outside web links only on will-navigate', () => {
    const offer = vi.fn();
    const guard = navigationGuard(APP_ORIGIN, offer);
    const inside = { url: 'app://alur/index.html', preventDefault: vi.fn() };
    guard(inside);
    expect(inside.preventDefault).not.toHaveBeenCalled();

    const web = { url: 'https://lapor.go.id/', preventDefault: vi.fn() };
    guard(web);
    expect(web.preventDefault).toHaveBeenCalledOnce();
    expect(offer).toHaveBeenCalledWith('https://lapor.go.id/');

    const file = { url: 'file:///etc/passwd', preventDefault: vi.fn() };
    guard(file);
    expect(file.preventDefault).toHaveBeenCalledOnce();
    expect(offer).toHaveBeenCalledOnce();

    const redirect = navigationGuard(APP_ORIGIN, null);
    const r = { url: 'https://example.com', preventDefault: vi.fn() };
    redirect(r);
    expect(r.preventDefault).toHaveBeenCalledOnce();
  });
});

describe('external links', () => {
  it('offers http, https and mailto after confirmation and refuses the rest', () => {
    expect(classifyExternalLink('https://www.lapor.go.id/')).toBe('ask-then-open');
    expect(classifyExternalLink('http://intranet.local/sop.pdf')).toBe('ask-then-open');
    expect(classifyExternalLink('mailto:admin@diskominfo.go.id')).toBe('ask-then-open');
    for (const url of [
      'file:///C:/Windows/System32/cmd.exe',
      'javascript:alert(1)',
      'data:text/html,x',
      'smb://server/share',
      'ms-settings:',
      'app://alur/',
      'vbscript:x',
      'http://',
      '',
    ]) {
      expect(classifyExternalLink(url), url).toBe('refuse');
    }
  });

  it('the window open handler denies every window', () => {
    const offer = vi.fn();
    const handler = windowOpenHandler(offer);
    expect(handler({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'app://alur/index.html' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(offer.mock.calls).toEqual([['https://example.com']]);
  });
});

describe('IPC sender validation', () => {
  const mainContents = { id: 1 };
  const topFrame = (url: string) => ({ url, parent: null });

  it('trusts the main window top frame on the app origin', () => {
    expect(isTrustedSender('app://alur/index.html', APP_ORIGIN)).toBe(true);
    expect(isTrustedIpcEvent({ sender: mainContents, senderFrame: topFrame(APP_ENTRY_URL) }, mainContents, APP_ORIGIN)).toBe(true);
  });

  it('refuses a foreign frame URL', () => {
    for (const url of ['https://example.com/', 'file:///C:/evil.html', 'app://other/index.html', 'about:blank', '']) {
      expect(isTrustedSender(url, APP_ORIGIN), url).toBe(false);
      expect(isTrustedIpcEvent({ sender: mainContents, senderFrame: topFrame(url) }, mainContents, APP_ORIGIN), url).toBe(false);
    }
  });

  it('refuses a different webContents, a subframe, a missing frame or no window', () => {
    const other = { id: 2 };
    expect(isTrustedIpcEvent({ sender: other, senderFrame: topFrame(APP_ENTRY_URL) }, mainContents, APP_ORIGIN)).toBe(false);
    expect(isTrustedIpcEvent({ sender: mainContents, senderFrame: { url: APP_ENTRY_URL, parent: {} } }, mainContents, APP_ORIGIN)).toBe(false);
    expect(isTrustedIpcEvent({ sender: mainContents, senderFrame: null }, mainContents, APP_ORIGIN)).toBe(false);
    expect(isTrustedIpcEvent({ sender: mainContents, senderFrame: topFrame(APP_ENTRY_URL) }, undefined, APP_ORIGIN)).toBe(false);
  });
});

describe('permissions', () => {
  it('grants notifications to the app only and refuses everything else', () => {
    expect(isAllowedPermission('notifications', APP_ENTRY_URL, APP_ORIGIN)).toBe(true);
    expect(isAllowedPermission('notifications', 'https://example.com/', APP_ORIGIN)).toBe(false);
    for (const p of ['media', 'geolocation', 'openExternal', 'hid', 'serial', 'usb', 'clipboard-read', 'fullscreen']) {
      expect(isAllowedPermission(p, APP_ENTRY_URL, APP_ORIGIN), p).toBe(false);
    }
  });
});

describe('renderer file paths', () => {
  it('maps paths inside the renderer folder', () => {
    expect(rendererPathSegments('/')).toEqual(['index.html']);
    expect(rendererPathSegments('/assets/index-abc.js')).toEqual(['assets', 'index-abc.js']);
  });

  it('refuses anything that could leave it', () => {
    for (const p of ['/../etc/passwd', '/assets/..%2f..%2fsecret', '/%2e%2e/x', '/a//b', '/..\\..\\x', '/C:/Windows', '/a%00b', '/%E0%A4%A']) {
      expect(rendererPathSegments(p), p).toBeNull();
    }
  });
});

describe('IPC channels', () => {
  it('are named after the method', () => {
    expect(ipcChannel('session.login')).toBe('alur:session.login');
  });
});

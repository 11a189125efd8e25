/**
 * The renderer's Content-Security-Policy, said once. The Electron shell and the dev server send
 * it as a header; src/renderer/index.html carries it as a <meta> (a test checks that copy, which
 * HTML cannot import). Two policies intersect, so copies that drift apart silently break the
 * stricter side.
 */

/** Each directive of the policy. */
const CSP_DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  // antd injects its CSS-in-JS as <style> elements at run time, which needs 'unsafe-inline'
  // for styles. Scripts never get it, nor 'unsafe-eval'.
  ['style-src', "'self' 'unsafe-inline'"],
  ['img-src', "'self' data: blob:"],
  ['font-src', "'self' data:"],
  ['connect-src', "'self'"],
  // pdf.js draws PDFs in a worker: the bundled file from the app itself, never a blob: or data: one.
  ['worker-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  // Only honoured in a header: a <meta> policy may not carry it (browsers ignore it there).
  ['frame-ancestors', "'none'"],
  ['form-action', "'none'"],
];

/** Directives a <meta http-equiv> policy cannot carry. */
const HEADER_ONLY = new Set(['frame-ancestors']);

/** The CSP sent as a header with every renderer response. */
export function contentSecurityPolicy(): string {
  return CSP_DIRECTIVES.map(([name, value]) => `${name} ${value}`).join('; ');
}

/** The same policy as index.html's <meta> must state it (without the header-only directives). */
export function metaContentSecurityPolicy(): string {
  return CSP_DIRECTIVES.filter(([name]) => !HEADER_ONLY.has(name))
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}

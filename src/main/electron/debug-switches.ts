/**
 * Command-line switches a packaged build refuses to start with. Each opens the app to another
 * process on the PC (a DevTools or Node inspector port drives the renderer or main process with
 * full access to sessions and keys) or turns a protection off. Anyone who can start the program
 * can pass them, so a packaged Alur exits with a message instead; the Node ones are also
 * disabled by the fuses in electron-builder.yml. A development run (`npm start`) keeps them.
 */

/** Switch names (without dashes, lowercase); a name ending in `*` matches as a prefix. */
const FORBIDDEN = [
  'remote-debugging-port',
  'remote-debugging-pipe',
  'remote-debugging-address',
  'remote-allow-origins',
  'inspect*',
  'debug',
  'debug-brk',
  'debug-port',
  'js-flags',
  'auto-open-devtools-for-tabs',
  'disable-web-security',
  'no-sandbox',
  'disable-site-isolation-trials',
  'allow-running-insecure-content',
  'ignore-certificate-errors',
  'ignore-certificate-errors-spki-list',
  'user-data-dir',
] as const;

function nameOf(arg: string): string | null {
  // Chromium reads `--name`, and on Windows also `-name` and `/name`.
  const m = /^(?:--|-|\/)([A-Za-z][\w-]*)(?:=.*)?$/s.exec(arg);
  return m?.[1]?.toLowerCase() ?? null;
}

/** The forbidden switches in `argv` (after the program itself), as written. */
export function forbiddenSwitches(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (const arg of argv.slice(1)) {
    if (arg === '--') break; // what follows is data, not switches
    const name = nameOf(arg);
    if (!name) continue;
    if (FORBIDDEN.some((f) => (f.endsWith('*') ? name.startsWith(f.slice(0, -1)) : name === f))) out.push(arg.split('=')[0] ?? arg);
  }
  return out;
}

/** The message shown when a packaged build refuses to start. */
export function refusalMessage(switches: readonly string[]): string {
  return `Alur tidak dijalankan: opsi ${switches.join(', ')} tidak diizinkan pada aplikasi terpasang (membuka akses debug atau mematikan perlindungan).`;
}

/**
 * File names that cannot deceive or break: used for the names stored with attachments and the
 * names offered in save dialogs. A right-to-left override makes `foto\u202Egpj.exe` look like
 * `fotoexe.jpg`; a Windows device name (`CON`, `NUL.pdf`, `COM1.txt`) opens a device instead of
 * a file there, whatever the extension.
 */

/** Bidirectional controls and invisible characters that change how a name reads. */
const INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** Names Windows reserves for devices, with or without an extension (superscript digits included). */
const DEVICE = /^(CON|PRN|AUX|NUL|CONIN\$|CONOUT\$|COM[0-9\u00B9\u00B2\u00B3]|LPT[0-9\u00B9\u00B2\u00B3])$/i;

/** Removes bidirectional controls and invisible characters. */
export function withoutInvisible(name: string): string {
  return name.replace(INVISIBLE, '');
}

/** Prefixes `_` to a name whose stem (before the first dot, trailing spaces ignored) is a Windows device. */
export function avoidDeviceName(name: string): string {
  const stem = name.split('.')[0]?.trimEnd() ?? '';
  return DEVICE.test(stem) ? `_${name}` : name;
}

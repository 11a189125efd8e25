/** Where the CLI finds its data and resources: the same places the desktop app uses. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The app's default data folder (Electron's userData + /data), so CLI and app share it. */
function defaultDataDir(): string {
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(process.env['APPDATA'] ?? path.join(home, 'AppData', 'Roaming'), 'Alur', 'data');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Alur', 'data');
  return path.join(process.env['XDG_CONFIG_HOME'] ?? path.join(home, '.config'), 'Alur', 'data');
}

export function resolveDataDir(flag: string | undefined): string {
  return path.resolve(flag ?? process.env['ALUR_DATA'] ?? defaultDataDir());
}

/** The repository's resources folder (presets, calendar data, fonts). */
export function resourcesDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'resources');
}

/** The version in package.json, shown by --version and stored with the office. */
export function appVersion(): string {
  try {
    const pkg: unknown = JSON.parse(fs.readFileSync(path.join(resourcesDir(), '..', 'package.json'), 'utf8'));
    return typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** Where the shell finds things on disk: the data folder, resources, the renderer, the update URL. */
import fs from 'node:fs';
import path from 'node:path';
import { app } from 'electron';

/** The data folder: ALUR_DATA, else `<userData>/data` (the same place the CLI uses). */
export function dataDir(): string {
  const fromEnv = process.env['ALUR_DATA'];
  return path.resolve(fromEnv && fromEnv.trim() !== '' ? fromEnv : path.join(app.getPath('userData'), 'data'));
}

/** Presets, calendar data and fonts: next to the app when packaged (extraResources). */
export function resourcesDir(): string {
  return app.isPackaged ? path.join(process.resourcesPath, 'resources') : path.join(app.getAppPath(), 'resources');
}

export function rendererDir(): string {
  return path.join(app.getAppPath(), 'out', 'renderer');
}

/** The office's update server URL: ALUR_UPDATE_URL, else `<userData>/update.json` {"url": ...}. */
export function updateUrl(): string | null {
  const fromEnv = process.env['ALUR_UPDATE_URL'];
  if (fromEnv && fromEnv.trim() !== '') return fromEnv;
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(path.join(app.getPath('userData'), 'update.json'), 'utf8'));
    return typeof parsed === 'object' && parsed !== null && 'url' in parsed && typeof parsed.url === 'string' ? parsed.url : null;
  } catch {
    return null;
  }
}

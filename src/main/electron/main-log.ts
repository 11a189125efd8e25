/**
 * The main process's own log: `<logs>/main.log`, one old generation kept, and stderr while
 * unpackaged (or before the file is open). The backend's structured log is separate (in the
 * data folder); this one only covers the shell: crashes, links, updates.
 */
import fs from 'node:fs';
import path from 'node:path';
import { app } from 'electron';
import type { UpdaterLog } from './updater';

let logFile: string | null = null;

function write(level: string, message: string): void {
  const line = `${new Date().toISOString()} ${level} ${message}\n`;
  if (logFile) fs.appendFile(logFile, line, () => undefined);
  if (!app.isPackaged || !logFile) process.stderr.write(line);
}

export const log: UpdaterLog = { info: (m) => write('INFO', m), warn: (m) => write('WARN', m) };

/** Opens the log file once the app is ready (app.getPath('logs') needs it). */
export function openLogFile(): void {
  try {
    const dir = app.getPath('logs');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'main.log');
    // One old generation is enough to report a problem; the log never grows without bound.
    if ((fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0) > 5 * 1024 * 1024) fs.renameSync(file, `${file}.1`);
    logFile = file;
  } catch {
    logFile = null;
  }
}

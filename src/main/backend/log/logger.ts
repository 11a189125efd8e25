/**
 * The backend's support log: one JSON object per line in `<data>/logs/alur.log`, rotated to
 * `alur.log.1` .. `alur.log.<keep>` past a size, so it never grows without bound. It exists so an
 * administrator can send support what went wrong where errors used to be swallowed.
 *
 * No personal data goes in: callers pass an event code and fields that are ids, counts or codes
 * (never names, NIK, phone numbers or case texts), and an error is written as its name, code and a
 * message in which e-mail addresses and runs of 6+ digits (NIK, phone numbers) are masked.
 * Writing is synchronous and best effort: a log that cannot be written must not break the app.
 */
import fs from 'node:fs';
import path from 'node:path';

type LogLevel = 'info' | 'warn' | 'error';
/** Ids, counts and codes only: no free text a person typed. */
type LogFields = Record<string, string | number | boolean | null>;

interface LoggerOptions {
  /** Size past which the file is rotated (default 1 MiB). */
  maxBytes?: number;
  /** Rotated generations kept (default 3). */
  keep?: number;
  now?: () => number;
}

const FILE = 'alur.log';
const MAX_MESSAGE = 300;

/** Masks what could identify a person in an error message, and bounds its length. */
function redact(text: string): string {
  return text
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '<email>')
    .replace(/\+?\d[\d\s-]{4,}\d/g, (m) => (m.replace(/\D/g, '').length >= 6 ? '<digits>' : m))
    .slice(0, MAX_MESSAGE);
}

function describeError(e: unknown): LogFields {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    return { errorName: e.name, errorCode: typeof code === 'string' ? code : null, errorMessage: redact(e.message) };
  }
  return { errorName: typeof e, errorCode: null, errorMessage: redact(String(e)) };
}

export class Logger {
  readonly dir: string;
  private readonly file: string;
  private readonly maxBytes: number;
  private readonly keep: number;
  private readonly now: () => number;

  constructor(dataDir: string, opts: LoggerOptions = {}) {
    this.dir = path.join(dataDir, 'logs');
    this.file = path.join(this.dir, FILE);
    this.maxBytes = opts.maxBytes ?? 1024 * 1024;
    this.keep = opts.keep ?? 3;
    this.now = opts.now ?? Date.now;
  }

  info(event: string, fields: LogFields = {}): void {
    this.write('info', event, fields);
  }

  warn(event: string, fields: LogFields = {}): void {
    this.write('warn', event, fields);
  }

  /** An error that was caught and handled (or dropped) where nobody else would see it. */
  error(event: string, e: unknown, fields: LogFields = {}): void {
    this.write('error', event, { ...fields, ...describeError(e) });
  }

  /** A `.catch` handler for fire-and-forget promises: the failure is logged, not lost. */
  failure(event: string, fields: LogFields = {}): (e: unknown) => void {
    return (e) => this.error(event, e, fields);
  }

  private write(level: LogLevel, event: string, fields: LogFields): void {
    const line = `${JSON.stringify({ t: new Date(this.now()).toISOString(), level, event, ...fields })}\n`;
    try {
      fs.mkdirSync(this.dir, { recursive: true });
      this.rotateIfNeeded(Buffer.byteLength(line));
      fs.appendFileSync(this.file, line, { mode: 0o600 });
    } catch {
      // Best effort by design (see the file comment): a full disk must not stop a case being saved.
    }
  }

  private rotateIfNeeded(incoming: number): void {
    let size = 0;
    try {
      size = fs.statSync(this.file).size;
    } catch {
      return; // no file yet
    }
    if (size + incoming <= this.maxBytes) return;
    fs.rmSync(`${this.file}.${this.keep}`, { force: true });
    for (let i = this.keep - 1; i >= 1; i--) {
      if (fs.existsSync(`${this.file}.${i}`)) fs.renameSync(`${this.file}.${i}`, `${this.file}.${i + 1}`);
    }
    fs.renameSync(this.file, `${this.file}.1`);
  }
}

/** The whole log, oldest line first (rotated generations, then the current file), for support. */
export function exportLog(dataDir: string, keep = 3): string {
  const base = path.join(dataDir, 'logs', FILE);
  const parts: string[] = [];
  for (let i = keep; i >= 1; i--) parts.push(readIfExists(`${base}.${i}`));
  parts.push(readIfExists(base));
  return parts.join('');
}

function readIfExists(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** The file name an export is offered under: `alur-log-YYYY-MM-DD.jsonl`. */
export function logExportName(now: number): string {
  return `alur-log-${new Date(now).toISOString().slice(0, 10)}.jsonl`;
}

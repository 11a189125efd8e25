/**
 * One owner of a data folder, and a way to talk to it. A cron `alur sync` or `alur backup`
 * beside the running app used to be refused (FOLDER_IN_USE); now it asks the owner to do it.
 * The app listens on a local channel (a unix socket in the data folder, a named pipe on
 * Windows) and writes where it listens, with a random secret, to `alur.channel.json` (mode
 * 0600: only the OS user who owns the data folder can read it). A request is one JSON line
 * `{secret, command}`; the answer is one JSON line `{ok, lines | error}`. Only two commands
 * exist, and neither takes input: the owner runs them with its own clock and connection.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const OWNER_COMMANDS = ['sync', 'backup'] as const;
export type OwnerCommand = (typeof OWNER_COMMANDS)[number];

type OwnerReply = { ok: true; lines: string[] } | { ok: false; error: string };

const CHANNEL_FILE = 'alur.channel.json';
const MAX_LINE = 4096;

function channelPath(dataDir: string): string {
  const id = crypto.createHash('sha256').update(fs.realpathSync(dataDir)).digest('hex').slice(0, 24);
  if (process.platform === 'win32') return `\\\\.\\pipe\\alur-${id}`;
  // A unix socket path is limited to about 104 bytes: a deep data folder gets one in the temp dir.
  const inFolder = path.join(dataDir, 'alur.sock');
  return inFolder.length < 100 ? inFolder : path.join(os.tmpdir(), `alur-${id}.sock`);
}

/** Reads one line (at most MAX_LINE bytes) from a socket. */
function readLine(sock: net.Socket, onLine: (line: string) => void): void {
  let buf = '';
  sock.setEncoding('utf8');
  sock.on('data', (chunk: string) => {
    buf += chunk;
    const nl = buf.indexOf('\n');
    if (nl >= 0) onLine(buf.slice(0, nl));
    else if (buf.length > MAX_LINE) sock.destroy();
  });
}

export interface OwnerChannel {
  close(): void;
}

/**
 * Listens for the folder's other processes. Only the owner of the folder's lock calls this,
 * so a socket left by a crashed owner can be removed. `run` does the command and returns the
 * lines to print; a thrown error's message is the answer.
 */
export function startOwnerChannel(dataDir: string, run: (command: OwnerCommand) => Promise<string[]>, onError: (e: unknown) => void): OwnerChannel {
  const secret = crypto.randomBytes(32);
  const where = channelPath(dataDir);
  if (process.platform !== 'win32' && fs.existsSync(where)) fs.unlinkSync(where);
  const server = net.createServer((sock) => {
    sock.on('error', () => sock.destroy());
    readLine(sock, (line) => {
      const answer = (r: OwnerReply) => sock.end(`${JSON.stringify(r)}\n`);
      let req: { secret?: unknown; command?: unknown };
      try {
        req = JSON.parse(line) as typeof req;
      } catch {
        return answer({ ok: false, error: 'Permintaan tidak terbaca.' });
      }
      const given = Buffer.from(typeof req.secret === 'string' ? req.secret : '', 'hex');
      if (given.length !== secret.length || !crypto.timingSafeEqual(given, secret))
        return answer({ ok: false, error: 'Permintaan ditolak: kunci saluran salah.' });
      const command = OWNER_COMMANDS.find((c) => c === req.command);
      if (!command) return answer({ ok: false, error: 'Perintah tidak dikenal.' });
      run(command).then(
        (lines) => answer({ ok: true, lines }),
        (e: unknown) => answer({ ok: false, error: e instanceof Error ? e.message : String(e) }),
      );
    });
  });
  server.on('error', onError);
  server.listen(where, () => {
    try {
      if (process.platform !== 'win32') fs.chmodSync(where, 0o600);
      const file = path.join(dataDir, CHANNEL_FILE);
      fs.writeFileSync(`${file}.tmp`, JSON.stringify({ path: where, secret: secret.toString('hex'), pid: process.pid }), { mode: 0o600 });
      fs.renameSync(`${file}.tmp`, file);
    } catch (e) {
      onError(e);
    }
  });
  return {
    close() {
      server.close();
      for (const f of [path.join(dataDir, CHANNEL_FILE), ...(process.platform === 'win32' ? [] : [where])]) fs.rmSync(f, { force: true });
    },
  };
}

/**
 * Asks the folder's owner to run `command`. Null when there is no owner to ask (no channel
 * file, unreadable for this OS user, or nobody listening): the caller then waits or refuses.
 */
export async function askOwner(dataDir: string, command: OwnerCommand, timeoutMs = 180_000): Promise<OwnerReply | null> {
  let ch: { path: string; secret: string };
  try {
    ch = JSON.parse(fs.readFileSync(path.join(dataDir, CHANNEL_FILE), 'utf8')) as typeof ch;
  } catch {
    return null;
  }
  return new Promise((resolve) => {
    let answered = false;
    const done = (r: OwnerReply | null) => {
      if (answered) return;
      answered = true;
      sock.destroy();
      resolve(r);
    };
    const sock = net.connect(ch.path, () => sock.write(`${JSON.stringify({ secret: ch.secret, command })}\n`));
    sock.setTimeout(timeoutMs, () => done({ ok: false, error: `Pemilik folder data tidak menjawab dalam ${Math.round(timeoutMs / 1000)} dtk.` }));
    sock.on('error', () => done(null));
    readLine(sock, (line) => {
      try {
        done(JSON.parse(line) as OwnerReply);
      } catch {
        done({ ok: false, error: 'Jawaban pemilik folder data tidak terbaca.' });
      }
    });
  });
}

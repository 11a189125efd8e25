/**
 * Issue #18 item 3: one owner, and the others talk to it. A real backend process (openBackend,
 * as the app runs it) holds the data folder; `alur backup` and `alur sync` beside it ask it
 * over the local channel and print what it did; a wrong secret is refused; `alur cases --wait`
 * waits for the folder and runs once the owner is gone.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { call, newOffice, REPO, RESOURCES, tempDir } from '../helpers/temp';

const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
});

/** The app's backend in its own process, owning `dir` until killed. */
async function startOwner(dir: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '-e',
      `
    const { openBackend } = await import(${JSON.stringify(path.join(REPO, 'src/main/backend/backend.ts'))});
    const b = openBackend({ dataDir: ${JSON.stringify(dir)}, resourcesDir: ${JSON.stringify(RESOURCES)}, appVersion: 'test', passwordCost: 'test', owner: { label: 'aplikasi Alur' } });
    const r = await b.call('app.info', null, {});
    console.log(r.ok ? 'ready' : 'failed ' + r.error.message);
    setInterval(() => {}, 1000);`,
    ],
    { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => (d.toString().includes('ready') ? resolve() : reject(new Error(d.toString()))));
    child.on('exit', () => reject(new Error('owner exited')));
  });
  // The channel file is written once the socket listens.
  for (let i = 0; i < 100 && !fs.existsSync(path.join(dir, 'alur.channel.json')); i++) await new Promise((r) => setTimeout(r, 50));
  return child;
}

function ask(socketPath: string, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let got = '';
    const s = net.connect(socketPath, () => s.write(line));
    s.on('data', (d) => (got += d.toString()));
    s.on('end', () => resolve(got));
    s.on('error', reject);
  });
}

describe('a second process beside the app', () => {
  it('asks the owner to back up and to sync, is refused with a wrong secret, and waits with --wait', async () => {
    const { ctx, token, dataDir } = await newOffice();
    const folder = tempDir();
    await call(ctx, 'backup.configure', token, { folder, everyHours: 0, keep: 3 });
    await ctx.opened.close();
    const owner = await startOwner(dataDir);

    const backup = await runCli(['--data', dataDir, 'backup']);
    expect(backup.err.join('\n')).toMatch(new RegExp(`dipakai oleh aplikasi Alur \\(proses ${owner.pid} .*meminta pemiliknya menjalankan "backup"`));
    expect(backup).toMatchObject({ code: 0, out: [expect.stringMatching(/^Cadangan dibuat dan diperiksa utuh: .*alur-cadangan-/)] });
    expect(fs.readdirSync(folder).filter((f) => f.endsWith('.db'))).toHaveLength(1);

    // The owner runs the round with its own settings; here it has no server, and says so.
    const sync = await runCli(['--data', dataDir, 'sync']);
    expect(sync.code).toBe(1);
    expect(sync.err.at(-1)).toMatch(/^alur: Sinkronisasi belum diatur/);

    const channel = JSON.parse(fs.readFileSync(path.join(dataDir, 'alur.channel.json'), 'utf8')) as { path: string; secret: string };
    expect(fs.statSync(path.join(dataDir, 'alur.channel.json')).mode & 0o077).toBe(0);
    expect(JSON.parse(await ask(channel.path, `${JSON.stringify({ secret: '00'.repeat(32), command: 'backup' })}\n`))).toEqual({
      ok: false,
      error: expect.stringMatching(/kunci saluran salah/),
    });
    expect(fs.readdirSync(folder).filter((f) => f.endsWith('.db'))).toHaveLength(1);

    // Another command waits for the folder with --wait, and runs once the owner has gone.
    const waiting = runCli(['--data', dataDir, '--wait', 'cases']);
    await new Promise((r) => setTimeout(r, 800));
    owner.kill('SIGKILL');
    const cases = await waiting;
    expect(cases.code).toBe(0);
    expect(cases.err[0]).toMatch(/Folder data sedang dipakai oleh aplikasi Alur .*menunggu/);
  }, 60_000);
});

/**
 * Issue #18 item 2: a damaged WAL that drops committed acts is detected at open. The folder is
 * copied while the app holds it open (the WAL not yet checkpointed, as a power cut leaves it),
 * then one real byte of the WAL's last frame is flipped: SQLite stops replaying at the frame
 * whose checksum fails and would silently serve the database without the last registration.
 * The commit mark outside the WAL (integrity/high-water.ts) makes the open refuse it instead.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DB_FILE } from '../../src/main/backend/db/database';
import type { BackendContext } from '../../src/main/backend/services/context';
import { rejection } from '../helpers/rejection';
import { call, newOffice, openTestContext, tempDir } from '../helpers/temp';

const open: BackendContext[] = [];
afterAll(async () => {
  for (const c of open) await c.opened.close();
});

const sha = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');

function input(title: string) {
  return {
    channel: 'walkin' as const,
    receivedAt: Date.now() - 60_000,
    type: 'pengaduan' as const,
    title,
    description: `${title}: belum ditangani.`,
    privacy: 'biasa' as const,
    urgency: 'biasa' as const,
    complainant: { name: 'Siti Aminah' },
  };
}

/** The folder as it is on disk now, while its owner still has it open. */
function copyOpen(dataDir: string): string {
  const copy = tempDir();
  fs.cpSync(dataDir, copy, { recursive: true });
  return copy;
}

describe('a WAL that lost committed registrations', () => {
  it('is refused at open with the reason, and the folder set aside untouched; an intact copy opens', async () => {
    const o = await newOffice();
    open.push(o.ctx);
    for (const t of ['Jalan rusak', 'Lampu mati', 'Sampah menumpuk']) await call(o.ctx, 'case.register', o.token, input(t));

    // A crash copy with an intact WAL: every registration is there, no false alarm.
    const intact = copyOpen(o.dataDir);
    const ok = await openTestContext(intact);
    open.push(ok);
    expect(Number(ok.opened.sqlite.prepare('SELECT count(*) FROM cases').pluck().get())).toBe(3);

    const damaged = copyOpen(o.dataDir);
    const wal = path.join(damaged, `${DB_FILE}-wal`);
    const size = fs.statSync(wal).size;
    expect(size).toBeGreaterThan(32);
    const bytes = fs.readFileSync(wal);
    bytes[size - 100] = (bytes[size - 100] ?? 0) ^ 0x04;
    fs.writeFileSync(wal, bytes);
    const before = { db: sha(path.join(damaged, DB_FILE)), wal: sha(wal) };

    const e = await rejection(openTestContext(damaged));
    expect(e).toMatchObject({ code: 'DAMAGED' });
    expect((e as Error).message).toMatch(/kehilangan tindakan yang sudah tersimpan/);
    expect((e as Error).message).toMatch(/alur restore --latest/);
    const aside = fs.readdirSync(damaged).filter((f) => f.startsWith(`${DB_FILE}.rusak-`));
    const main = aside.find((f) => /^alur\.db\.rusak-[0-9TZ]+$/.test(f)) ?? '';
    expect(sha(path.join(damaged, main))).toBe(before.db);
    expect(sha(path.join(damaged, `${main}-wal`))).toBe(before.wal);
    expect(aside).toContain(`${main}.hwm`);
    // Refused again (not opened as a new office) until a backup is restored.
    expect(await rejection(openTestContext(damaged))).toMatchObject({ code: 'DAMAGED' });
  }, 60_000);
});

/**
 * Attachments travel by content hash: uploaded with the events that name them, fetched by a
 * workstation only when someone opens one there, and only for cases its unit may see.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/main/backend/backend';
import type { BackendContext } from '../../../src/main/backend/services/context';
import { connectOfficeByUrl } from '../../../src/main/backend/sync/sync-engine';
import { call, fakeClock } from '../../helpers/temp';
import { startPg, type PgServer } from '../../helpers/pg-server';
import { buildOffice, caseTo, emptyWorkstation, publish, sessions, sqlAs, START, type Office, type Published } from './fixture';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

let server: PgServer;
let office: Office;
let pub: Published;
let caseId = '';
let sha = '';
const clock = fakeClock(START);
const contexts: BackendContext[] = [];

beforeAll(async () => {
  server = await startPg();
  office = await buildOffice(clock, 2);
  const admin = [...(await sessions(office.ctx)).entries()].find(([u]) => u === 'admin')?.[1] ?? null;
  const photo = await call(office.ctx, 'attachment.upload', admin, { name: 'lokasi.png', dataBase64: PNG.toString('base64') });
  sha = photo.sha256;
  caseId = await caseTo(office.ctx, office.opdIds, { title: 'Dengan foto lokasi', attachments: [photo] }, office.opdIds[0] ?? null);
  // Issue 13: a saved search is personal; it must never leave this workstation.
  await call(office.ctx, 'search.saved.save', admin, { id: null, name: 'NIK 9201234567890123', filters: { search: '9201234567890123' } });
  pub = await publish(server, office.ctx, 'kantor');
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.opened.close();
  await office?.ctx.opened.close();
  await server?.stop();
});

describe('attachments over sync', () => {
  it('an OPD workstation fetches a file of its case when it is opened, and not before', async () => {
    const ws = await emptyWorkstation(clock.now);
    contexts.push(ws);
    const joined = await connectOfficeByUrl(ws, pub.url(office.opdCodes[0] ?? ''));
    expect(joined.ok ? 'joined' : joined.error.message).toBe('joined');
    const blob = path.join(ws.options.dataDir, 'blobs', sha.slice(0, 2), sha);
    expect(fs.existsSync(blob)).toBe(false);
    const tokens = await sessions(ws);
    const opdUser = [...tokens.keys()].find((u) => u.endsWith(`.${(office.opdCodes[0] ?? '').toLowerCase()}`)) ?? '';
    const got = await call(ws, 'attachment.get', tokens.get(opdUser) ?? null, { caseId, sha256: sha });
    expect(Buffer.from(got.dataBase64, 'base64').equals(PNG)).toBe(true);
    expect(fs.existsSync(blob)).toBe(true);
  });

  it('a saved search stays on the workstation that saved it: never on the server, never on another unit', async () => {
    const count = (c: BackendContext) =>
      (c.opened.sqlite.prepare("SELECT count(*) AS n FROM ref_record WHERE kind = 'saved_search'").get() as { n: number }).n;
    expect(count(office.ctx)).toBe(1);
    const owner = await sqlAs(server.url('kantor'));
    try {
      expect((await owner.query("SELECT count(*)::int AS n FROM alur.ref_change WHERE kind = 'saved_search'")).rows[0]).toEqual({ n: 0 });
    } finally {
      await owner.end();
    }
    expect(count(contexts[0] as BackendContext)).toBe(0);
  });

  it('another OPD neither sees the case nor can fetch its file', async () => {
    const ws = await emptyWorkstation(clock.now);
    contexts.push(ws);
    const joined = await connectOfficeByUrl(ws, pub.url(office.opdCodes[1] ?? ''));
    expect(joined.ok).toBe(true);
    const tokens = await sessions(ws);
    const other = [...tokens.keys()].find((u) => u.endsWith(`.${(office.opdCodes[1] ?? '').toLowerCase()}`)) ?? '';
    const r = await dispatch(ws, 'attachment.get', tokens.get(other) ?? null, { caseId, sha256: sha });
    expect(r.ok).toBe(false);
    expect(fs.existsSync(path.join(ws.options.dataDir, 'blobs', sha.slice(0, 2), sha))).toBe(false);
  });
});

/**
 * The BUILT backend host (out/electron/backend-host.cjs, what the app's utilityProcess runs),
 * started in a plain Node child process and driven through the same MessagePort protocol as in
 * the app. One office's working session runs through it: anything that works under vitest's
 * loader but not bundled (an ESM/CJS interop difference, a file read beside a source that the
 * bundle moved, a missing external) fails here.
 *
 * The host ignores ALUR_PASSWORD_COST, so this is also where the production password cost
 * (scrypt N=2^17) runs end to end.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../src/shared/api/views';
import type { DocumentFile } from '../../src/shared/api/views-documents';
import { openContext } from '../../src/main/backend/backend';
import { initServer } from '../../src/main/backend/sync/server-admin';
import { askOwner } from '../../src/main/backend/integrity/owner-channel';
import { STAFF_PASSWORD as STAFF_PW, walker } from '../helpers/office';
import { makeP12 } from '../helpers/p12';
import { startPg, type PgServer } from '../helpers/pg-server';
import { RESOURCES, tempDir } from '../helpers/temp';
import { createDatabase } from '../integration/sync/fixture';
import { startHost, type HostProcess } from './host-process';

const PNG_1PX = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const ADMIN_PW = 'sandi-admin-bundel-1';
const b64 = (b: Buffer) => b.toString('base64');

describe('the built backend host, through its MessagePort protocol', () => {
  const work = tempDir();
  const hubDir = path.join(work, 'hub');
  const opdDir = path.join(work, 'opd');
  let host: HostProcess;
  let pgServer: PgServer | null = null;
  let admin = '';
  let caseId = '';
  let ref = '';
  const tokens = new Map<string, string>();
  let opdUnitId = '';
  let opdCode = '';

  /** Writes a document the host returned and gives its path. */
  function save(f: DocumentFile, name: string): string {
    const file = path.join(work, name);
    fs.writeFileSync(file, Buffer.from(f.dataBase64, 'base64'));
    return file;
  }

  beforeAll(() => {
    host = startHost(hubDir);
  });
  afterAll(async () => {
    await host?.shutdown();
    await pgServer?.stop();
  });

  it('creates an office and logs in at the production password cost', async () => {
    expect(await host.call('office.presets', null, {})).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'balangan' })]));
    await host.call('office.create', null, {
      presetId: 'balangan',
      officeName: 'Diskominfo Bundel',
      admin: { username: 'admin', fullName: 'Admin Bundel', password: ADMIN_PW },
    });
    admin = (await host.call('session.login', null, { username: 'admin', password: ADMIN_PW })).token;
    tokens.set('admin', admin);
    const wrong = await host.dispatch('session.login', null, { username: 'admin', password: 'salah' });
    expect(wrong.ok ? null : wrong.error.code).toBe('UNAUTHENTICATED');
    // Two officials hold every post of the chain: the Diskominfo side and the first OPD.
    const ov = await host.call('office.overview', admin, {});
    const hub = ov.units.find((u) => u.kind === 'hub');
    const opd = ov.units.find((u) => u.kind === 'opd');
    if (!hub || !opd) throw new Error('preset without hub or OPD');
    opdUnitId = opd.id;
    opdCode = opd.code;
    const desk = ov.preset.roles.find((r) => r.desk)?.id;
    for (const [username, unitId] of [
      ['pejabat', hub.id],
      ['opd', opd.id],
    ] as const) {
      const { id } = await host.call('user.save', admin, { id: null, username, fullName: `Pejabat ${username}`, password: STAFF_PW });
      for (const p of ov.positions.filter((x) => x.unitId === unitId && x.roleId !== desk))
        await host.call('assignment.save', admin, { id: null, userId: id, positionId: p.id, acting: null, from: null, until: null });
      tokens.set(username, (await host.call('session.login', null, { username, password: STAFF_PW })).token);
    }
  });

  it('answers repair.status and a second process through the data folder channel', async () => {
    expect(await host.call('repair.status', null, {})).toMatchObject({ damaged: false, message: null });
    // What `alur sync` beside the app does: ask the owner, which runs the round with its own settings.
    expect(await askOwner(hubDir, 'sync')).toEqual({ ok: false, error: expect.stringMatching(/Sinkronisasi belum diatur/) });
  });

  it('registers a case with an attachment and disposes it down the chain with signed acts', async () => {
    const photo = await host.call('attachment.upload', admin, { name: 'foto-jalan.png', dataBase64: b64(PNG_1PX) });
    const reg = await host.call('case.register', admin, {
      channel: 'web',
      receivedAt: Date.now() - 3_600_000,
      type: 'pengaduan',
      title: 'Jalan berlubang di Desa Uji Bundel',
      description: 'Jalan poros desa berlubang dalam sejak musim hujan.',
      location: 'Desa Uji Bundel',
      privacy: 'biasa',
      urgency: 'segera',
      complainant: { name: 'Rahmat Hidayat', phone: '081234567890' },
      attachments: [photo],
    });
    ({ caseId, ref } = reg);
    const w = walker(host, tokens, [opdUnitId]);
    let d: CaseDetail = await w.detail(caseId);
    // Balangan closes the case when the desk answers the complainant.
    for (let i = 0; i < 20 && d.case.status !== 'closed'; i++) {
      await w.step(caseId);
      d = await w.detail(caseId);
    }
    expect(d.case.status).toBe('closed');
    expect(d.case.answer).toBeTruthy();
    const checks = d.timeline.flatMap((e) => (e.signature ? [e.signature.status] : []));
    expect(checks.length).toBeGreaterThanOrEqual(4);
    expect(
      checks.every((s) => s === 'valid'),
      checks.join(','),
    ).toBe(true);
    // The signature book in the bundle (issue 15): nothing left to sign, and the OPD head's
    // dispositions of this case listed in Disposisi keluar with where the case is now.
    expect(await host.call('signbook.list', tokens.get('opd') ?? '', {})).toEqual([]);
    const out = await host.call('signbook.outgoing', tokens.get('opd') ?? '', { from: Date.now() - 86_400_000, to: Date.now() + 60_000 });
    expect(out.rows.filter((r) => r.caseId === caseId && r.targets.length > 0)).not.toHaveLength(0);
    const att = await host.call('attachment.get', admin, { caseId, sha256: d.case.attachments[0]?.sha256 ?? '' });
    expect(Buffer.from(att.dataBase64, 'base64').equals(PNG_1PX)).toBe(true);
  });

  it('prints the disposition sheet and the letter as PDF and DOCX, and signs the letter with a .p12', async () => {
    const sheet = save(await host.call('document.sheet', admin, { caseId }), 'lembar.pdf');
    expect(execFileSync('pdftotext', [sheet, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')).toContain(ref.replace(/\s+/g, ''));
    const pdf = await host.call('document.letter', admin, { caseId, eventId: null, format: 'pdf', pades: null });
    expect(pdf.letterNumber).toBeTruthy();
    expect(execFileSync('pdftotext', [save(pdf, 'surat.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')).toContain(pdf.letterNumber ?? '?');
    const docx = await host.call('document.letter', admin, { caseId, eventId: null, format: 'docx', pades: null });
    expect(Buffer.from(docx.dataBase64, 'base64').subarray(0, 2).toString()).toBe('PK');
    const signedPdf = save(
      await host.call('document.letter', admin, {
        caseId,
        eventId: null,
        format: 'pdf',
        pades: { p12Base64: b64(makeP12('sandi-p12')), passphrase: 'sandi-p12' },
      }),
      'surat-pades.pdf',
    );
    const sig = spawnSync('pdfsig', [signedPdf], { encoding: 'utf8' });
    expect(sig.stdout).toContain('Signature Validation: Signature is Valid.');
    const verdict = await host.call('document.verify', admin, { fileName: 'surat.pdf', dataBase64: pdf.dataBase64 });
    expect(verdict).toMatchObject({ valid: true, caseRef: ref });
  });

  it('exports an XLSX recap and imports a LAPOR! CSV', async () => {
    const period = new Date().toISOString().slice(0, 7);
    const xlsx = await host.call('report.export', admin, { kind: 'bulanan', period, format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.dataBase64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.length).toBeGreaterThan(0);
    const csv = Buffer.from(
      'Tracking ID,Tanggal Laporan,Judul Laporan,Isi Laporan,Nama Pelapor\nLPR-B-1,20/11/2026,Drainase tersumbat,Air meluap ke jalan,Dewi\n',
      'utf8',
    );
    const p = await host.call('import.lapor.preview', admin, { fileName: 'lapor.csv', dataBase64: b64(csv), mapping: null });
    expect(p.accepted).toBe(1);
    const r = await host.call('import.lapor.commit', admin, { fileName: 'lapor.csv', dataBase64: b64(csv), mapping: p.mapping, sha256: p.sha256 });
    expect(r.imported).toBe(1);
    const list = await host.call('case.list', admin, { search: 'drainase' });
    expect(list.rows.map((c) => c.laporId)).toContain('LPR-B-1');
  });

  it('syncs with a real PostgreSQL: a second workstation joins and receives the case and later acts', async () => {
    expect(await host.shutdown()).toBe(0);
    pgServer = await startPg();
    await createDatabase(pgServer, 'kantor');
    const credentialsFile = path.join(work, 'kredensial.json');
    // `alur server init` (the administrator's CLI, run from the sources through tsx).
    const ctx = await openContext({ dataDir: hubDir, resourcesDir: RESOURCES, appVersion: 'test' });
    try {
      const init = await initServer({ url: pgServer.url('kantor'), ctx, credentialsFile });
      expect(init.ok, init.ok ? '' : init.error.message).toBe(true);
    } finally {
      await ctx.opened.close();
    }
    const creds = JSON.parse(fs.readFileSync(credentialsFile, 'utf8')) as Array<{ unit: string; login: string; password: string }>;
    const opdLogin = creds.find((c) => c.unit.toLowerCase() === opdCode.toLowerCase());
    if (!opdLogin) throw new Error('no OPD login');

    host = startHost(hubDir);
    admin = (await host.call('session.login', null, { username: 'admin', password: ADMIN_PW })).token;
    await host.call('case.note', admin, { caseId, text: 'Dicatat setelah server LAN dipasang.' });
    expect((await host.call('sync.now', admin, {})).ok).toBe(true);

    const opd = startHost(opdDir);
    try {
      const u = new URL(pgServer.url('kantor'));
      const joined = await opd.call('sync.join', null, {
        host: u.hostname,
        port: Number(u.port),
        database: 'kantor',
        user: opdLogin.login,
        password: opdLogin.password,
        sslmode: 'disable',
        sslrootcert: null,
        trustNewCertificate: false,
      });
      expect(joined.ok).toBe(true);
      const t = (await opd.call('session.login', null, { username: 'opd', password: STAFF_PW })).token;
      const seen = await opd.call('case.get', t, { caseId });
      expect(seen.case.ref).toBe(ref);
      expect(seen.timeline.map((e) => e.type)).toContain('case.note_added');
    } finally {
      expect(await opd.shutdown()).toBe(0);
    }
  });
});

/**
 * Keys and signed acts: every signed act verifies offline; a wrong password, a damaged key,
 * a revoked key and a signer who does not hold the position each fail as a user would see it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/main/backend/backend';
import type { BackendContext } from '../../../src/main/backend/services/context';
import { appendEvents, loadCaseEvents } from '../../../src/main/backend/projection/event-store';
import { projectEvents } from '../../../src/main/backend/projection/projector';
import { getRef, listRefs, putRef } from '../../../src/main/backend/refdata/ref-store';
import { unlockSigningKey } from '../../../src/main/backend/keys/key.service';
import { checkSignature, loadTrust } from '../../../src/main/backend/keys/verify';
import { letterContent, verificationCode } from '../../../src/main/backend/documents/letter-content';
import { signText } from '../../../src/main/backend/keys/key-crypto';
import { formatSignature, signedText } from '../../../src/shared/signing/canonical';
import type { CaseEvent } from '../../../src/shared/domain/events';
import { call, fakeClock, newOffice } from '../../helpers/temp';
import { STAFF_PASSWORD, staffOffice, walker, type Walker } from '../../helpers/office';
import { actSummary } from '../../../src/shared/api/timeline-summary';

const START = Date.UTC(2026, 10, 3, 2, 0); // Tuesday 3 Nov 2026, 10:00 WITA

describe('signing keys and signed acts', () => {
  let ctx: BackendContext;
  let admin: string;
  let tokens: Map<string, string>;
  let w: Walker;
  const clock = fakeClock(START);

  const eventCount = () => Number((ctx.opened.sqlite.prepare('SELECT count(*) AS n FROM event').get() as { n: number }).n);

  async function registerAndWalkTo(kind: 'approve' | null, title: string): Promise<string> {
    const { caseId } = await call(ctx, 'case.register', admin, {
      channel: 'phone',
      receivedAt: clock.now(),
      type: 'pengaduan',
      title,
      description: `${title}, mohon ditindaklanjuti.`,
      privacy: 'biasa',
      complainant: { name: 'Siti Aisyah' },
    });
    for (let i = 0; i < 20; i++) {
      const d = await w.detail(caseId);
      // The head approves right after the field drafts; stop there when asked to.
      if (kind === 'approve' && d.timeline[d.timeline.length - 1]?.type === 'case.drafted') return caseId;
      if (d.case.status === 'answered' || d.case.status === 'closed') return caseId;
      await w.step(caseId);
      clock.advance(5 * 60_000);
    }
    return caseId;
  }

  beforeAll(async () => {
    const o = await newOffice('balangan', clock);
    ctx = o.ctx;
    admin = o.token;
    // Long idle lock: the clock moves a few minutes per act and officials wait their turn.
    const settings = await call(ctx, 'settings.get', admin, {});
    await call(ctx, 'settings.save', admin, { ...settings, idleLockMinutes: 240 });
    const staff = await staffOffice(ctx, admin, 1);
    tokens = new Map([['admin', admin], ...staff.tokens]);
    const ov = await call(ctx, 'office.overview', admin, {});
    w = walker(
      ctx,
      tokens,
      ov.units
        .filter((u) => u.kind === 'opd')
        .slice(0, 1)
        .map((u) => u.id),
    );
  }, 180_000);
  afterAll(() => ctx.opened.close());

  it('gives every user a key certified by the office root key, and keeps private keys only wrapped', async () => {
    const keys = await call(ctx, 'key.list', admin, {});
    const users = await listRefs(ctx.db, 'user');
    for (const u of users) expect(keys.find((k) => k.userId === u.id && k.revokedAt === null && k.retiredAt === null)?.certified).toBe(true);
    expect(keys.filter((k) => k.userId === null)).toHaveLength(1);
    for (const s of await listRefs(ctx.db, 'key_secret')) expect(s.wrapped).toMatch(/^v1\$/);
  });

  it('signs dispositions and the approval, and the timeline shows each as verified', async () => {
    const caseId = await registerAndWalkTo('approve', 'Jalan berlubang di Batu Piring');
    await w.step(caseId, { kind: 'approve' });
    const d = await w.detail(caseId);
    const signed = d.timeline.filter((t) => t.signature !== null);
    expect(signed.map((t) => t.type)).toEqual(expect.arrayContaining(['case.disposed', 'case.approved']));
    for (const t of signed) expect(t.signature?.status).toBe('valid');
    // The secretary's disposition to the field names the post, not just the unit.
    const toPost = d.timeline.flatMap((t) => (t.type === 'case.disposed' ? (actSummary(t)?.targets ?? []) : [])).find((x) => x.positionId !== null);
    expect(toPost?.name).toMatch(/^Kepala Bidang Teknis/);
    const approval = d.timeline.find((t) => t.type === 'case.approved');
    expect(approval && actSummary(approval)?.letterNumber).toMatch(/\/\d{4}$/);
  });

  it('the approver corrects the draft before signing: the signed act carries the corrected text, the letter prints it and the timeline shows both', async () => {
    const caseId = await registerAndWalkTo('approve', 'Gorong-gorong tersumbat');
    const head = [...tokens.keys()].find((k) => k.startsWith('kepala_opd')) ?? '';
    const act = (await call(ctx, 'case.get', tokens.get(head) ?? null, { caseId })).allowed.find((a) => a.action.kind === 'approve');
    if (!act) throw new Error('the head may not approve');
    const corrected = 'Jalan telah diperbaiki oleh tim pemeliharaan pada minggu lalu.';
    await call(ctx, 'case.act', tokens.get(head) ?? null, {
      caseId,
      taskId: act.taskId,
      actionId: act.action.id,
      asPositionId: act.asPositionId,
      response: corrected,
      signingPassword: STAFF_PASSWORD,
    });
    const d = await w.detail(caseId);
    const approval = d.timeline.find((t) => t.type === 'case.approved');
    expect(approval?.signature?.status).toBe('valid');
    expect(approval?.summary).toMatchObject({ response: corrected, draftText: 'Jalan telah diperbaiki oleh tim pemeliharaan pada minggu ini.' });
    // The text is inside what was signed: changing it afterwards breaks the signature.
    const stored = (await loadCaseEvents(ctx.db, caseId)).find((e) => e.id === approval?.id);
    if (stored?.type !== 'case.approved') throw new Error('no approval');
    const tampered: CaseEvent = { ...stored, payload: { ...stored.payload, response: 'Teks lain.' } };
    expect(checkSignature(await loadTrust(ctx.db, (await ctx.projection()).engine.calendar), tampered, true).status).toBe('invalid');
    const letter = await letterContent(ctx, caseId, null);
    expect(letter.body.join(' ')).toContain('minggu lalu');
    expect(letter.body.join(' ')).not.toContain('minggu ini');
    // An approval that keeps the draft as it is shows no change.
    const plain = await registerAndWalkTo('approve', 'Lampu taman mati');
    await w.step(plain, { kind: 'approve' });
    expect((await w.detail(plain)).timeline.find((t) => t.type === 'case.approved')?.summary).not.toHaveProperty('draftText');
  });

  it('refuses a signed act without the password or with a wrong one, and saves nothing', async () => {
    const caseId = await registerAndWalkTo('approve', 'Air PDAM keruh');
    const d = await w.detail(
      caseId,
      [...tokens.keys()].find((k) => k.startsWith('kepala_opd')),
    );
    const head = [...tokens.keys()].find((k) => k.startsWith('kepala_opd')) ?? '';
    const act = (await call(ctx, 'case.get', tokens.get(head) ?? null, { caseId })).allowed.find((a) => a.action.kind === 'approve');
    expect(act).toBeDefined();
    const before = eventCount();
    const seqBefore = ctx.opened.sqlite.prepare("SELECT value FROM local_meta WHERE key LIKE 'letterseq:%'").all();
    const input = { caseId, taskId: act?.taskId ?? '', actionId: act?.action.id ?? '', asPositionId: act?.asPositionId ?? '' };
    const none = await dispatch(ctx, 'case.act', tokens.get(head) ?? null, input);
    expect(!none.ok && none.error.message).toMatch(/wajib ditandatangani/);
    const wrong = await dispatch(ctx, 'case.act', tokens.get(head) ?? null, { ...input, signingPassword: 'bukan-sandinya' });
    // Not UNAUTHENTICATED: a wrong signing password must not look like an expired session.
    expect(!wrong.ok && wrong.error).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/sandi untuk tanda tangan salah/) });
    expect(eventCount()).toBe(before);
    expect(ctx.opened.sqlite.prepare("SELECT value FROM local_meta WHERE key LIKE 'letterseq:%'").all()).toEqual(seqBefore);
    expect(d.case.id).toBe(caseId);
  });

  it('a damaged key record gets a clear message and nothing is half-signed', async () => {
    const caseId = await registerAndWalkTo('approve', 'Sampah menumpuk di pasar');
    const head = [...tokens.keys()].find((k) => k.startsWith('kepala_opd')) ?? '';
    const me = await call(ctx, 'session.me', tokens.get(head) ?? null, {});
    const key = (await listRefs(ctx.db, 'signing_key')).find((k) => k.userId === me.user.id && k.retiredAt === null);
    const secret = key ? await getRef(ctx.db, 'key_secret', key.id) : null;
    if (!key || !secret) throw new Error('no key');
    const [v, nonce, ct, tag] = secret.wrapped.split('$');
    const flipped = Buffer.from(ct ?? '', 'base64');
    flipped[3] = (flipped[3] ?? 0) ^ 0xff;
    await putRef(ctx.db, 'key_secret', key.id, { wrapped: [v, nonce, flipped.toString('base64'), tag].join('$') }, ctx.clock.tick());
    const act = (await call(ctx, 'case.get', tokens.get(head) ?? null, { caseId })).allowed.find((a) => a.action.kind === 'approve');
    const before = eventCount();
    const r = await dispatch(ctx, 'case.act', tokens.get(head) ?? null, {
      caseId,
      taskId: act?.taskId ?? '',
      actionId: act?.action.id ?? '',
      asPositionId: act?.asPositionId ?? '',
      signingPassword: STAFF_PASSWORD,
    });
    expect(!r.ok && r.error.message).toMatch(/rusak/);
    expect(eventCount()).toBe(before);
    await putRef(ctx.db, 'key_secret', key.id, { wrapped: secret.wrapped }, ctx.clock.tick());
  });

  it('a signature by a user who does not hold the position fails, as does an altered act', async () => {
    const caseId = await registerAndWalkTo('approve', 'Lampu jalan padam');
    const events = await loadCaseEvents(ctx.db, caseId);
    const disposed = events.find((e) => e.type === 'case.disposed');
    if (!disposed) throw new Error('no disposition');
    // A clerk (admin_opd) signs, with their own valid key, a disposition as the head's post:
    // the kind of event another workstation could send.
    const clerk = [...tokens.keys()].find((k) => k.startsWith('admin_opd')) ?? '';
    const clerkMe = await call(ctx, 'session.me', tokens.get(clerk) ?? null, {});
    const signer = await unlockSigningKey(ctx, clerkMe.user.id, STAFF_PASSWORD);
    const forged: CaseEvent = {
      ...disposed,
      id: '01a19a00-0000-7000-8000-0000000000f1',
      hlc: `${String(clock.now()).padStart(15, '0')}-000000-otherdevice`,
      authorId: clerkMe.user.id,
      deviceId: 'otherdevice',
    };
    forged.signature = formatSignature(signer.id, signText(signer.key, signedText(forged)));
    // And a genuine signed act whose note was changed after signing.
    const altered: CaseEvent = {
      ...disposed,
      id: '01a19a00-0000-7000-8000-0000000000f2',
      hlc: `${String(clock.now() + 1).padStart(15, '0')}-000000-otherdevice`,
      deviceId: 'otherdevice',
    };
    if (altered.type === 'case.disposed') altered.payload = { ...altered.payload, note: 'Catatan yang diubah' };
    const proj = await ctx.projection();
    await ctx.db.transaction().execute(async (trx) => {
      const added = await appendEvents(trx, [forged, altered], false);
      await projectEvents(trx, proj, ctx.writer, added);
    });
    const d = await w.detail(caseId);
    expect(d.timeline.find((t) => t.id === forged.id)?.signature?.status).toBe('not_holder');
    expect(d.timeline.find((t) => t.id === altered.id)?.signature?.status).toBe('invalid');
    expect(d.timeline.find((t) => t.id === disposed.id)?.signature?.status).toBe('valid');
  });

  it('a new password gives a new certified key and keeps old signatures valid', async () => {
    const caseId = await registerAndWalkTo(null, 'Pohon tumbang');
    const kasi = await call(ctx, 'session.me', tokens.get('kasi') ?? null, {});
    const before = (await listRefs(ctx.db, 'signing_key')).filter((k) => k.userId === kasi.user.id);
    const oldKey = await unlockSigningKey(ctx, kasi.user.id, STAFF_PASSWORD);
    await call(ctx, 'user.save', admin, {
      id: kasi.user.id,
      username: kasi.user.username,
      fullName: kasi.user.fullName,
      password: 'sandi-baru-kasi-1',
      isAdmin: false,
      active: true,
      nip: null,
      rank: null,
    });
    tokens.set('kasi', (await call(ctx, 'session.login', null, { username: 'kasi', password: 'sandi-baru-kasi-1' })).token);
    const after = (await listRefs(ctx.db, 'signing_key')).filter((k) => k.userId === kasi.user.id);
    expect(after.length).toBe(before.length + 1);
    expect(after.filter((k) => k.retiredAt === null && k.revokedAt === null)).toHaveLength(1);
    expect(after.find((k) => k.retiredAt === null)?.cert).not.toBeNull();
    const d = await w.detail(caseId);
    for (const t of d.timeline.filter((x) => x.signature)) expect(t.signature?.status).toBe('valid');
    // The retired key's secret is gone, and anything it signs after retirement fails.
    expect(await getRef(ctx.db, 'key_secret', oldKey.id)).toBeNull();
    const forwarded = (await loadCaseEvents(ctx.db, caseId)).find((e) => e.type === 'case.forwarded' && e.authorId === kasi.user.id);
    if (!forwarded) throw new Error('no act by kasi');
    const late: CaseEvent = {
      ...forwarded,
      id: '01a19a00-0000-7000-8000-0000000000f3',
      at: clock.now() + 60_000,
      hlc: `${String(clock.now() + 60_000).padStart(15, '0')}-000000-otherdevice`,
      deviceId: 'otherdevice',
    };
    late.signature = formatSignature(oldKey.id, signText(oldKey.key, signedText(late)));
    const proj = await ctx.projection();
    await ctx.db.transaction().execute(async (trx) => projectEvents(trx, proj, ctx.writer, await appendEvents(trx, [late], false)));
    expect((await w.detail(caseId)).timeline.find((t) => t.id === late.id)?.signature?.status).toBe('revoked');
  });

  it('an approval on a signed step without a signature does not verify, by timeline or by code', async () => {
    const caseId = await registerAndWalkTo('approve', 'Jembatan gantung goyang');
    await w.step(caseId, { kind: 'approve' });
    const approved = (await loadCaseEvents(ctx.db, caseId)).find((e) => e.type === 'case.approved');
    if (!approved || approved.type !== 'case.approved' || !approved.payload.letter) throw new Error('no approval');
    const unsigned: CaseEvent = {
      ...approved,
      id: '01a19a00-0000-7000-8000-0000000000f4',
      hlc: `${String(clock.now() + 1).padStart(15, '0')}-000000-otherdevice`,
      deviceId: 'otherdevice',
      signature: null,
      payload: { ...approved.payload, letter: { ...approved.payload.letter, number: '999/PALSU/2026' } },
    };
    const proj = await ctx.projection();
    await ctx.db.transaction().execute(async (trx) => projectEvents(trx, proj, ctx.writer, await appendEvents(trx, [unsigned], false)));
    expect((await w.detail(caseId)).timeline.find((t) => t.id === unsigned.id)?.signature?.status).toBe('invalid');
    const r = await call(ctx, 'document.verifyCode', admin, { code: `ALUR:L:${unsigned.id}:${verificationCode(unsigned)}` });
    expect(r.valid).toBe(false);
    const genuine = await call(ctx, 'document.verifyCode', admin, { code: verificationCode(approved) });
    expect(genuine.valid).toBe(true);
  });

  it('an ink approval stands only as recorded by a clerk who may record it, for the official holding the post', async () => {
    const caseId = await registerAndWalkTo('approve', 'Lampu jalan padam di Paringin');
    let act: { taskId: string; actionId: string; positionId: string } | null = null;
    for (const who of tokens.keys()) {
      const got = await w.detail(caseId, who).catch(() => null);
      const a = got?.allowed.find((x) => x.action.kind === 'approve');
      if (a) act = { taskId: a.taskId, actionId: a.action.id, positionId: a.asPositionId };
    }
    if (!act) throw new Error('nobody may approve');
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const scan = await call(ctx, 'attachment.upload', admin, { name: 'persetujuan.pdf', dataBase64: pdf.toString('base64') });
    const writtenOn = new Date(clock.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const { eventId } = await call(ctx, 'case.recordPaper', admin, { caseId, ...act, writtenOn, scan, note: 'Disetujui di kertas' });
    const approval = (await loadCaseEvents(ctx.db, caseId)).find((e) => e.id === eventId);
    if (!approval || approval.type !== 'case.approved' || !approval.payload.paper) throw new Error('no paper approval');
    // Genuine: recorded by the desk, the official held the post; said as a record, not an e-signature.
    const ok = await call(ctx, 'document.verifyCode', admin, { code: verificationCode(approval) });
    expect(ok).toMatchObject({
      valid: true,
      message: expect.stringMatching(/dicatat oleh Admin Uji dari pindaiannya, bukan tanda tangan elektronik/),
    });
    // The same record with an invented clerk, or naming an official who did not hold the post.
    const trust = await loadTrust(ctx.db, (await ctx.projection()).engine.calendar);
    const paper0 = approval.payload.paper;
    const forged = (paper: Partial<typeof paper0>, authorId = approval.authorId): CaseEvent => ({
      ...approval,
      authorId,
      payload: { ...approval.payload, paper: { ...paper0, ...paper } },
    });
    expect(checkSignature(trust, forged({ recordedBy: 'pencatat-palsu' })).status).toBe('invalid');
    const nobody = (await listRefs(ctx.db, 'user')).find(
      (u) => !trust.assignments.some((a) => a.userId === u.id && a.positionId === approval.positionId),
    );
    expect(checkSignature(trust, forged({}, nobody?.id ?? 'x')).status).toBe('not_holder');
  });

  it('an administrator who loses admin rights loses the copy of the office key', async () => {
    const { id } = await call(ctx, 'user.save', admin, {
      id: null,
      username: 'admin.dua',
      fullName: 'Admin Kedua',
      password: 'sandi-admin-dua-1',
      isAdmin: true,
      active: true,
      nip: null,
      rank: null,
    });
    expect(await getRef(ctx.db, 'key_secret', `root:${id}`)).not.toBeNull();
    await call(ctx, 'user.save', admin, {
      id,
      username: 'admin.dua',
      fullName: 'Admin Kedua',
      password: null,
      isAdmin: false,
      active: true,
      nip: null,
      rank: null,
    });
    expect(await getRef(ctx.db, 'key_secret', `root:${id}`)).toBeNull();
  });

  it('revoking a key dates it: acts signed before stay valid, acts signed from then on fail', async () => {
    const caseId = await registerAndWalkTo(null, 'Drainase tersumbat');
    const events = await loadCaseEvents(ctx.db, caseId);
    const signed = events.filter((e) => e.signature);
    const first = signed[0];
    const last = signed[signed.length - 1];
    if (!first || !last || first === last) throw new Error('need two signed acts');
    const keyId = /^ed25519:([0-9a-f]{16}):/.exec(last.signature ?? '')?.[1] ?? '';
    const revoked = await call(ctx, 'key.revoke', admin, { keyId, reason: 'Laptop hilang', from: last.at });
    expect(revoked.revokedAt).toBe(last.at);
    const d = await w.detail(caseId);
    expect(d.timeline.find((t) => t.id === last.id)?.signature?.status).toBe('revoked');
    const refused = await dispatch(ctx, 'key.revoke', admin, { keyId, reason: 'lagi', from: null });
    expect(!refused.ok && refused.error.code).toBe('INVALID_ACTION');
    const outsider = await dispatch(ctx, 'key.revoke', tokens.get('kasi') ?? null, { keyId, reason: 'x', from: null });
    expect(!outsider.ok && outsider.error.code).toBe('FORBIDDEN');
  });
});

/** Refused acts, offline conflicts applied in log order, purity and replay determinism. */
import { describe, expect, it } from 'vitest';
import type { CaseEvent } from '../../../src/shared/domain/events';
import { applyEvent, checkAct, startCase } from '../../../src/shared/workflow/engine';
import type { CaseState } from '../../../src/shared/workflow/state';
import { HUB, Walk, actor, at, calendarFor, loadPreset, opdId, post } from './helpers';

const preset = loadPreset('balangan');
const ctx = { calendar: calendarFor('WITA') };
const PUPR = opdId('PUPR');
const DLH = opdId('DLH');
const hub = (role: string) => actor(post(HUB, role));
const opd = (unit: string, role: string) => actor(post(unit, role));

function atKadis(): Walk {
  const w = new Walk(preset, ctx, { at: at('2026-03-02 08:00', 'WITA') });
  w.act(hub('admin_aduan'), { taskId: w.sole().id, actionId: 'teruskan' });
  w.act(hub('kasi'), { taskId: w.sole().id, actionId: 'teruskan' });
  w.act(hub('kabid_ikp'), { taskId: w.sole().id, actionId: 'laporkan' });
  return w;
}

function fold(events: readonly CaseEvent[]): CaseState {
  const [first, ...rest] = events;
  if (first?.type !== 'case.registered') throw new Error('log must start with the registration');
  return rest.reduce((s, e) => applyEvent(preset, s, e, ctx), startCase(preset, first, ctx));
}

describe('checkAct refuses, with a clear message', () => {
  it('an act by a post that does not hold the step', () => {
    const w = atKadis();
    const r = checkAct(preset, w.state, hub('kasi'), { taskId: w.sole().id, actionId: 'disposisi_opd', targets: [{ unitId: PUPR }] });
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('Kepala Dinas') } });
    // The right role in another unit is not enough either.
    expect(
      checkAct(preset, w.state, actor(post(PUPR, 'kadis')), { taskId: w.sole().id, actionId: 'disposisi_opd', targets: [{ unitId: PUPR }] }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Acting as a named post one does not hold.
    expect(
      checkAct(preset, w.state, hub('kadis'), { taskId: w.sole().id, actionId: 'disposisi_opd', asPositionId: 'lain', targets: [{ unitId: PUPR }] }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('a disposition addressed to one post, attempted by another post of the same role', () => {
    const w = atKadis();
    w.act(hub('kadis'), { taskId: w.sole().id, actionId: 'disposisi_opd', targets: [{ unitId: PUPR }] });
    w.act(opd(PUPR, 'admin_opd'), { taskId: w.sole().id, actionId: 'teruskan' });
    w.act(opd(PUPR, 'sekretaris'), { taskId: w.sole().id, actionId: 'teruskan' });
    w.act(opd(PUPR, 'kepala_opd'), {
      taskId: w.sole().id,
      actionId: 'disposisi_bidang',
      targets: [{ unitId: PUPR, positionId: `${PUPR}.kabid_teknis` }],
    });
    const other = actor({
      positionId: `${PUPR}.kabid_teknis_2`,
      unitId: PUPR,
      roleId: 'kabid_teknis',
      title: 'Kepala Bidang Bina Marga',
      acting: null,
    });
    expect(checkAct(preset, w.state, other, { taskId: w.sole().id, actionId: 'kirim_konsep', response: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    // A Plt. in the addressed post may act, and the act says so.
    const plt = actor(post(PUPR, 'kabid_teknis', 'plt'));
    const r = checkAct(preset, w.state, plt, { taskId: w.sole().id, actionId: 'kirim_konsep', response: 'Konsep.' });
    expect(r.ok && r.value.as.acting).toBe('plt');
  });

  it('structural mistakes: no targets, wrong kind of target, missing note, missing text', () => {
    const w = atKadis();
    const kadis = hub('kadis');
    const task = w.sole().id;
    const msg = (input: Parameters<typeof checkAct>[3], who = kadis) => {
      const r = checkAct(preset, w.state, who, input);
      return r.ok ? null : `${r.error.code}: ${r.error.message}`;
    };
    expect(msg({ taskId: task, actionId: 'disposisi_opd' })).toBe('INVALID_ACTION: Disposisi harus memiliki sedikitnya satu tujuan.');
    expect(msg({ taskId: task, actionId: 'disposisi_opd', targets: [{ unitId: HUB }] })).toBe(
      'INVALID_ACTION: Tujuan disposisi ini harus unit OPD/instansi, bukan unit sendiri.',
    );
    expect(msg({ taskId: task, actionId: 'disposisi_opd', targets: [{ unitId: PUPR }, { unitId: PUPR }] })).toBe(
      'INVALID_ACTION: Tujuan disposisi ganda: setiap OPD cukup disebut sekali.',
    );
    expect(msg({ taskId: task, actionId: 'tidak_ada' })).toBe(
      'INVALID_ACTION: Aksi "tidak_ada" tidak tersedia pada langkah "Memberikan arahan kepada OPD/Instansi/BUMD terkait langsung atau melalui Bidang IKP (Admin)".',
    );
    expect(msg({ taskId: 'x:0', actionId: 'disposisi_opd' })).toBe('INVALID_ACTION: Tugas tidak ditemukan pada aduan ini.');
    w.act(kadis, { taskId: task, actionId: 'disposisi_opd', targets: [{ unitId: PUPR }] });
    const recv = w.sole().id;
    expect(msg({ taskId: recv, actionId: 'bukan_kewenangan', note: '   ' }, opd(PUPR, 'admin_opd'))).toBe(
      'INVALID_ACTION: Alasan pengembalian wajib diisi.',
    );
    expect(msg({ taskId: recv, actionId: 'teruskan', targets: [{ unitId: DLH }] }, opd(PUPR, 'admin_opd'))).toBe(
      'INVALID_ACTION: Aksi "Sampaikan kepada pimpinan OPD melalui Sekretaris" tidak memakai tujuan disposisi.',
    );
    w.act(opd(PUPR, 'admin_opd'), { taskId: recv, actionId: 'teruskan' });
    w.act(opd(PUPR, 'sekretaris'), { taskId: w.sole().id, actionId: 'teruskan' });
    const head = opd(PUPR, 'kepala_opd');
    expect(msg({ taskId: w.sole().id, actionId: 'disposisi_bidang', targets: [{ unitId: DLH, positionId: `${DLH}.kabid_teknis` }] }, head)).toBe(
      'INVALID_ACTION: Disposisi di dalam unit hanya boleh ke jabatan pada unit yang sama.',
    );
    expect(msg({ taskId: w.sole().id, actionId: 'disposisi_bidang', targets: [{ unitId: PUPR }] }, head)).toBe(
      'INVALID_ACTION: Pilih jabatan tujuan disposisi.',
    );
    w.act(head, { taskId: w.sole().id, actionId: 'disposisi_bidang', targets: [{ unitId: PUPR, positionId: `${PUPR}.kabid_teknis` }] });
    expect(msg({ taskId: w.sole().id, actionId: 'kirim_konsep', response: '' }, opd(PUPR, 'kabid_teknis'))).toBe(
      'INVALID_ACTION: Isi konsep tanggapan wajib diisi.',
    );
    // An act on a task already done.
    expect(msg({ taskId: recv, actionId: 'teruskan' }, opd(PUPR, 'admin_opd'))).toBe(
      'INVALID_ACTION: Tugas ini sudah ditindaklanjuti oleh aksi lain sebelumnya.',
    );
  });

  it('an answer without text, and any act on a closed case', () => {
    const w = new Walk(preset, ctx, { at: at('2026-03-02 08:00', 'WITA'), type: 'informasi' });
    const admin = hub('admin_aduan');
    const task = w.sole().id;
    expect(checkAct(preset, w.state, admin, { taskId: task, actionId: 'jawab_informasi' })).toMatchObject({
      ok: false,
      error: { message: 'Isi jawaban kepada pengadu wajib diisi.' },
    });
    w.raw({ type: 'case.closed', payload: { reason: 'manual', note: 'Duplikat aduan lain.' } }, post(HUB, 'admin_aduan'));
    expect(w.state.tasks[0]?.state).toBe('cancelled');
    expect(checkAct(preset, w.state, admin, { taskId: task, actionId: 'teruskan' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ACTION', message: 'Aduan sudah ditutup; aksi ini tidak dapat diterapkan lagi.' },
    });
  });
});

describe('conflicting acts in the log', () => {
  it('two officials acting offline on the same task: the second is kept as a conflict, nothing else changes', () => {
    const w = atKadis();
    const before = w.state;
    // Both acts were checked against the same state on two offline workstations.
    const a = checkAct(preset, before, hub('kadis'), { taskId: w.sole().id, actionId: 'disposisi_opd', targets: [{ unitId: PUPR }] });
    const plh = actor({ ...post(HUB, 'kadis', 'plh'), positionId: `${HUB}.kadis` });
    const b = checkAct(preset, before, plh, { taskId: w.sole().id, actionId: 'disposisi_opd', targets: [{ unitId: DLH }] });
    if (!a.ok || !b.ok) throw new Error('both acts were valid when written');
    const ea = w.raw({ type: a.value.type, payload: a.value.payload }, a.value.as);
    const afterFirst = w.state;
    w.now += 60_000;
    const eb = w.raw({ type: b.value.type, payload: b.value.payload }, b.value.as);
    expect(w.state.conflicts).toEqual([{ eventId: eb.id, message: 'Tugas ini sudah ditindaklanjuti oleh aksi lain sebelumnya.' }]);
    expect({ ...w.state, conflicts: [], eventCount: 0, lastEventAt: 0 }).toEqual({ ...afterFirst, conflicts: [], eventCount: 0, lastEventAt: 0 });
    expect(w.state.eventCount).toBe(afterFirst.eventCount + 1);
    expect(w.state.lastEventAt).toBe(w.now);
    expect(w.state.opdUnitIds).toEqual([PUPR]);
    expect(w.events.map((e) => e.id)).toContain(ea.id);
    expect(w.events.map((e) => e.id)).toContain(eb.id);
  });

  it('acts after the case is closed, a repeated pause, a resume without pause, and a manual close of a closed case are conflicts', () => {
    const w = atKadis();
    const admin = post(HUB, 'admin_aduan');
    w.raw({ type: 'case.paused', payload: { reason: 'a' } }, admin);
    w.raw({ type: 'case.paused', payload: { reason: 'b' } }, admin);
    w.raw({ type: 'case.resumed', payload: { note: null } }, admin);
    w.raw({ type: 'case.resumed', payload: { note: null } }, admin);
    const check = checkAct(preset, w.state, hub('kadis'), { taskId: w.sole().id, actionId: 'disposisi_opd', targets: [{ unitId: PUPR }] });
    if (!check.ok) throw new Error(check.error.message);
    w.raw({ type: 'case.closed', payload: { reason: 'manual', note: null } }, admin);
    w.raw({ type: check.value.type, payload: check.value.payload }, check.value.as);
    w.raw({ type: 'case.closed', payload: { reason: 'manual', note: null } }, admin);
    w.raw({ type: 'case.closed', payload: { reason: 'no_reaction', note: null } });
    w.raw({ type: 'case.note_added', payload: { text: 'Catatan setelah ditutup tetap boleh.' } }, admin);
    expect(w.state.conflicts.map((c) => c.message)).toEqual([
      'Waktu aduan ini sudah dihentikan sementara.',
      'Waktu aduan ini tidak sedang dihentikan.',
      'Aduan sudah ditutup; aksi ini tidak dapat diterapkan lagi.',
      'Aduan ini sudah ditutup.',
    ]);
    expect(w.state.status).toBe('closed');
    expect(w.state.eventCount).toBe(w.events.length);
  });
});

describe('purity and replay', () => {
  function busyLog(): Walk {
    const w = atKadis();
    w.raw(
      {
        type: 'case.classified',
        payload: { type: 'pengaduan', categoryId: 'lingkungan', subcategoryId: 'sampah', urgency: 'segera', strategic: true },
      },
      post(HUB, 'admin_aduan'),
    );
    w.raw(
      { type: 'case.identity_recorded', payload: { complainant: { name: 'Siti', nik: null, phone: '081234567890', email: null, address: null } } },
      post(HUB, 'admin_aduan'),
    );
    w.act(hub('kadis'), { taskId: w.sole().id, actionId: 'disposisi_opd', targets: [{ unitId: PUPR }, { unitId: DLH }] });
    w.now += 3_600_000;
    w.raw({ type: 'case.paused', payload: { reason: 'Menunggu data.' } }, post(HUB, 'admin_aduan'));
    w.now += 86_400_000;
    w.raw({ type: 'case.resumed', payload: { note: null } }, post(HUB, 'admin_aduan'));
    const t = w.state.tasks.find((x) => x.unitId === DLH && x.state === 'open');
    w.act(opd(DLH, 'admin_opd'), { taskId: t?.id ?? '', actionId: 'bukan_kewenangan', note: 'Bukan kewenangan DLH.' });
    w.raw({ type: 'case.note_added', payload: { text: 'Dipantau.' } }, post(HUB, 'admin_aduan'));
    return w;
  }

  it('folding the same log twice gives deep-equal states, equal to the incremental one', () => {
    const w = busyLog();
    const a = fold(w.events);
    const b = fold(w.events);
    expect(a).toEqual(b);
    expect(a).toEqual(w.state);
    expect(a).toMatchObject({ strategic: true, categoryId: 'lingkungan', hasIdentity: true, extended: true, status: 'in_process' });
  });

  it('never mutates the state it is given', () => {
    const w = busyLog();
    const events = w.events;
    let s = fold(events.slice(0, 1));
    for (const e of events.slice(1)) {
      const snapshot = structuredClone(s);
      const next = applyEvent(preset, s, e, ctx);
      expect(s).toEqual(snapshot);
      expect(next).not.toBe(s);
      s = next;
    }
  });
});

/** Kaltim, Magetan and Tanah Bumbu: the branches where they differ from the default chain. */
import { describe, expect, it } from 'vitest';
import { addWorkingTime, dueAt } from '../../../src/shared/calendar/working-time';
import { allowedActions, automaticEvents, checkAct } from '../../../src/shared/workflow/engine';
import { HUB, Walk, actor, at, calendarFor, loadPreset, opdId, post, show } from './helpers';

describe('Kaltim', () => {
  const preset = loadPreset('kaltim');
  const ctx = { calendar: calendarFor('WITA') };
  const operator = actor(post(HUB, 'operator'));
  const tim = actor(post(HUB, 'tim_aspirasi'));

  it('the team classifies an information request and the operator answers it directly (row 3)', () => {
    const w = new Walk(preset, ctx, { at: at('2026-03-02 08:00', 'WITA'), type: 'informasi' });
    expect(w.sole()).toMatchObject({ stepId: 'penerimaan', dueAt: at('2026-03-02 08:10', 'WITA') });
    w.now = at('2026-03-02 08:05', 'WITA');
    w.act(operator, { taskId: w.sole().id, actionId: 'teruskan' });
    expect(w.sole().dueAt).toBe(at('2026-03-02 10:05', 'WITA'));
    expect(allowedActions(preset, w.state, tim).map((a) => a.action.id)).toEqual(['informasi_ke_operator', 'teruskan_opd']);
    w.now = at('2026-03-02 08:30', 'WITA');
    w.act(tim, { taskId: w.sole().id, actionId: 'informasi_ke_operator' });
    expect(w.sole()).toMatchObject({ stepId: 'jawab_informasi', roleId: 'operator', dueAt: at('2026-03-02 10:30', 'WITA') });
    // The team no longer answers; the operator does.
    expect(allowedActions(preset, w.state, tim)).toEqual([]);
    w.now = at('2026-03-02 09:00', 'WITA');
    w.act(operator, { taskId: w.sole().id, actionId: 'jawab', response: 'Jadwal SIM keliling ada di laman Samsat.' });
    expect(w.state).toMatchObject({
      status: 'closed',
      answer: 'Jadwal SIM keliling ada di laman Samsat.',
      answeredAt: w.now,
      closedAt: w.now,
      opdUnitIds: [],
    });
  });

  it('does not offer the direct answer for a complaint, and refuses it with a reason', () => {
    const w = new Walk(preset, ctx, { at: at('2026-03-02 08:00', 'WITA') });
    w.act(operator, { taskId: w.sole().id, actionId: 'teruskan' });
    expect(allowedActions(preset, w.state, tim).map((a) => a.action.id)).toEqual(['teruskan_opd']);
    const r = checkAct(preset, w.state, tim, { taskId: w.sole().id, actionId: 'informasi_ke_operator' });
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'INVALID_ACTION',
        message: 'Aksi "Permintaan informasi: serahkan ke Operator untuk dijawab langsung" hanya untuk aduan berjenis permintaan informasi.',
      },
    });
  });

  it('a complaint goes to the OPD team and back through the Diskominfo team to the operator', () => {
    const w = new Walk(preset, ctx, { at: at('2026-03-02 08:00', 'WITA') });
    const opd = opdId('DISHUB');
    w.act(operator, { taskId: w.sole().id, actionId: 'teruskan' });
    w.act(tim, { taskId: w.sole().id, actionId: 'teruskan_opd', targets: [{ unitId: opd }] });
    expect(w.sole()).toMatchObject({ stepId: 'tanggapan_opd', unitId: opd, dueAt: addWorkingTime(ctx.calendar, w.now, { days: 2 }) });
    w.act(actor(post(opd, 'tim_opd')), { taskId: w.sole().id, actionId: 'kirim_tanggapan', response: 'Rambu akan dipasang.' });
    expect(w.state).toMatchObject({ status: 'responded', response: 'Rambu akan dipasang.' });
    w.act(tim, { taskId: w.sole().id, actionId: 'serahkan' });
    w.act(operator, { taskId: w.sole().id, actionId: 'jawab', response: 'Rambu akan dipasang.' });
    expect(w.state.status).toBe('closed');
  });
});

describe('Magetan', () => {
  const preset = loadPreset('magetan');
  const cal = calendarFor('WIB');
  const ctx = { calendar: cal };
  const admin = actor(post(HUB, 'admin_kabupaten'));
  const opd = opdId('PUPR');
  const penghubung = actor(post(opd, 'pejabat_penghubung'));

  function answered(): Walk {
    const w = new Walk(preset, ctx, { at: at('2026-03-02 09:00', 'WIB') });
    expect(show(w.sole().dueAt, 'WIB')).toBe('2026-03-05 09:00'); // "1-3 hari": the upper bound
    w.act(admin, { taskId: w.sole().id, actionId: 'terima' });
    w.act(admin, { taskId: w.sole().id, actionId: 'disposisi', targets: [{ unitId: opd }] });
    w.now = at('2026-03-03 10:00', 'WIB');
    w.act(penghubung, { taskId: w.sole().id, actionId: 'kirim_tindak_lanjut', response: 'Jalan sudah ditambal.' });
    w.now = at('2026-03-04 10:00', 'WIB');
    w.act(admin, { taskId: w.sole().id, actionId: 'jawab', response: 'Jalan sudah ditambal.' });
    return w;
  }

  it('closes automatically 10 working days after the answer when the complainant does not react', () => {
    const w = answered();
    expect(w.state.status).toBe('answered');
    expect(w.state.closedAt).toBeNull();
    // Wed 4 Mar 10:00 + 10 working days: 5, 6, 9-13, 16, 17, (18-24 Nyepi, Idul Fitri, cuti bersama), 25 → Wed 25 Mar 10:00 WIB.
    const limit = at('2026-03-25 10:00', 'WIB');
    expect(addWorkingTime(cal, w.state.answeredAt ?? 0, { days: 10 })).toBe(limit);
    expect(automaticEvents(preset, w.state, limit - 60_000, ctx)).toEqual([]);
    const due = automaticEvents(preset, w.state, limit, ctx);
    expect(due).toEqual([{ type: 'case.closed', payload: { reason: 'no_reaction', note: expect.stringContaining('10 hari kerja') } }]);
    w.now = limit;
    for (const b of due) w.raw(b);
    expect(w.state).toMatchObject({ status: 'closed', closedAt: limit });
    expect(automaticEvents(preset, w.state, limit + 86_400_000, ctx)).toEqual([]);
    // A second workstation appended the same close: nothing changes, no conflict.
    const again = w.raw(due[0] ?? { type: 'case.note_added', payload: { text: '-' } });
    expect(again.type).toBe('case.closed');
    expect(w.state.conflicts).toEqual([]);
    expect(w.state.eventCount).toBe(w.events.length);
  });

  it('reopening an answered case puts it back at the desk step that disposes to the OPDs', () => {
    const w = answered();
    w.now = at('2026-03-05 09:00', 'WIB');
    w.raw({ type: 'case.reopened', payload: { reason: 'Pelapor menyatakan jalan belum diperbaiki.' } }, post(HUB, 'admin_kabupaten'));
    expect(w.state.status).toBe('in_process');
    expect(w.sole()).toMatchObject({ stepId: 'verifikasi_kab', unitId: HUB, note: 'Pelapor menyatakan jalan belum diperbaiki.' });
    expect(automaticEvents(preset, w.state, at('2026-04-30 09:00', 'WIB'), ctx)).toEqual([]);
  });

  it('escalates to the Ombudsman after 60 working days unanswered, pauses excluded, once', () => {
    const reg = at('2026-01-05 09:00', 'WIB');
    const w = new Walk(preset, ctx, { at: reg });
    // At the kabupaten (the Super Admin's disposition received): the kabupaten's clock runs.
    w.act(admin, { taskId: w.sole().id, actionId: 'terima' });
    const limit = addWorkingTime(cal, reg, { days: 60 });
    expect(automaticEvents(preset, w.state, limit - 1, ctx)).toEqual([]);
    expect(automaticEvents(preset, w.state, limit, ctx)).toEqual([
      { type: 'case.escalated', payload: { reason: expect.stringContaining('Ombudsman') } },
    ]);
    // Five working days on hold push the limit by five working days' office time.
    w.now = at('2026-01-12 07:30', 'WIB');
    w.raw({ type: 'case.paused', payload: { reason: 'Menunggu data dukung dari pelapor.' } }, post(HUB, 'admin_kabupaten'));
    expect(automaticEvents(preset, w.state, limit + 30 * 86_400_000, ctx)).toEqual([]);
    w.now = at('2026-01-19 07:30', 'WIB');
    w.raw({ type: 'case.resumed', payload: { note: null } }, post(HUB, 'admin_kabupaten'));
    const later = dueAt(cal, reg, { days: 60 }, w.state.pauses) ?? 0;
    expect(later).toBeGreaterThan(limit);
    expect(automaticEvents(preset, w.state, later - 1, ctx)).toEqual([]);
    const esc = automaticEvents(preset, w.state, later, ctx);
    expect(esc).toHaveLength(1);
    w.now = later;
    for (const b of esc) w.raw(b);
    expect(w.state.escalatedAt).toBe(later);
    expect(automaticEvents(preset, w.state, later + 86_400_000, ctx)).toEqual([]);
  });

  it("returns a case outside the kabupaten's authority to the super admin level (the first step)", () => {
    const w = new Walk(preset, ctx, { at: at('2026-03-02 09:00', 'WIB') });
    w.act(admin, { taskId: w.sole().id, actionId: 'terima' });
    expect(checkAct(preset, w.state, admin, { taskId: w.sole().id, actionId: 'kembalikan_pusat' })).toMatchObject({
      ok: false,
      error: { message: 'Alasan pengembalian wajib diisi.' },
    });
    w.act(admin, { taskId: w.sole().id, actionId: 'kembalikan_pusat', note: 'Kewenangan Pemerintah Provinsi Jawa Timur.' });
    expect(w.sole()).toMatchObject({ stepId: 'disposisi_pusat', returned: true, note: 'Kewenangan Pemerintah Provinsi Jawa Timur.' });
    // And the pejabat penghubung returns to the kabupaten admin.
    w.act(admin, { taskId: w.sole().id, actionId: 'terima' });
    w.act(admin, { taskId: w.sole().id, actionId: 'disposisi', targets: [{ unitId: opd }] });
    w.act(penghubung, { taskId: w.sole().id, actionId: 'bukan_kewenangan', note: 'Bukan kewenangan PUPR.' });
    expect(w.sole()).toMatchObject({ stepId: 'verifikasi_kab', unitId: HUB, returned: true });
  });
});

describe('Tanah Bumbu', () => {
  const preset = loadPreset('tanah-bumbu');
  const ctx = { calendar: calendarFor('WITA') };
  const admin = actor(post(HUB, 'admin_kabupaten'));

  it('notifies an SKPD and a vertical agency, gathers both answers and posts the answer, which closes the case', () => {
    const w = new Walk(preset, ctx, { at: at('2026-03-02 08:00', 'WITA') });
    const skpd = opdId('PUPR');
    const bpn = opdId('BPN');
    w.act(admin, { taskId: w.sole().id, actionId: 'notifikasi', targets: [{ unitId: skpd }, { unitId: bpn }] });
    for (const u of [skpd, bpn]) {
      const task = w.state.tasks.find((t) => t.unitId === u && t.state === 'open');
      w.act(actor(post(u, 'petugas_skpd')), { taskId: task?.id ?? '', actionId: 'kirim_jawaban', response: `Jawaban ${u}.` });
    }
    expect(w.state.tasks.filter((t) => t.stepId === 'teruskan_jawaban').map((t) => t.state)).toEqual(['done', 'open']);
    expect(w.sole().dueAt).toBe(addWorkingTime(ctx.calendar, w.now, { minutes: 5 }));
    w.act(admin, { taskId: w.sole().id, actionId: 'jawab', response: 'Jawaban PUPR dan Kantor Pertanahan.' });
    expect(w.state).toMatchObject({ status: 'closed', opdUnitIds: [skpd, bpn], extended: true, conflicts: [] });
  });
});

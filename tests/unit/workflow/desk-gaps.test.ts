/**
 * The SOP gaps of issue 15 at engine level: Magetan's way out of the Super Admin step and its
 * exclusion from the Ombudsman escalation, the Super Admin's time apart from the Admin
 * Kabupaten's, and the complainant's reaction (reopen within the window, close by hand).
 */
import { describe, expect, it } from 'vitest';
import { addWorkingTime } from '../../../src/shared/calendar/working-time';
import { automaticEvents, closeProblem, closeReasonsNow, reactionDeadline, reopenProblem } from '../../../src/shared/workflow/engine';
import { HUB, Walk, actor, at, calendarFor, loadPreset, opdId, post } from './helpers';

describe('Magetan: the Super Admin (LAPOR! pusat)', () => {
  const preset = loadPreset('magetan');
  const cal = calendarFor('WIB');
  const ctx = { calendar: cal };
  const desk = post(HUB, 'admin_kabupaten');
  const admin = actor(desk);

  function returnedToPusat(): Walk {
    const w = new Walk(preset, ctx, { at: at('2026-01-05 09:00', 'WIB') });
    w.act(admin, { taskId: w.sole().id, actionId: 'terima' });
    w.act(admin, { taskId: w.sole().id, actionId: 'kembalikan_pusat', note: 'Kewenangan Pemerintah Provinsi Jawa Timur.' });
    return w;
  }

  it('gives the Super Admin its own step and time, and the Admin Kabupaten 3-5 days before the OPD', () => {
    const pusat = preset.steps.find((s) => s.id === preset.startStep);
    expect(pusat).toMatchObject({ performedBy: 'Super Admin LAPOR!-SP4N (pusat)', standard: { days: 3 }, standardText: '1-3 hari' });
    const kab = preset.steps.filter(
      (s) => s.role === 'admin_kabupaten' && s.performedBy === undefined && s.actions.some((a) => a.kind === 'dispose'),
    );
    expect(kab.map((s) => [s.id, s.standard, s.standardText])).toEqual([['verifikasi_kab', { days: 5 }, '3-5 hari']]);
    const w = new Walk(preset, ctx, { at: at('2026-03-02 09:00', 'WIB') });
    w.now = at('2026-03-04 09:00', 'WIB');
    w.act(admin, { taskId: w.sole().id, actionId: 'terima' });
    // The kabupaten's five days start when the Super Admin's disposition is received, not at registration.
    expect(w.sole()).toMatchObject({ stepId: 'verifikasi_kab', dueAt: addWorkingTime(cal, w.now, { days: 5 }) });
  });

  it('a case returned to the Super Admin may be closed as forwarded to another agency, and is never escalated while it waits', () => {
    const w = returnedToPusat();
    expect(w.sole()).toMatchObject({ stepId: 'disposisi_pusat', returned: true });
    expect(closeReasonsNow(preset, w.state)).toEqual(['manual', 'duplicate', 'transferred', 'not_competent']);
    // 60 working days and more at the Super Admin: not the kabupaten's failure.
    expect(automaticEvents(preset, w.state, addWorkingTime(cal, w.state.registeredAt, { days: 90 }), ctx)).toEqual([]);
    w.raw({ type: 'case.closed', payload: { reason: 'transferred', note: 'Diteruskan Super Admin ke Pemerintah Provinsi Jawa Timur.' } }, desk);
    expect(w.state).toMatchObject({ status: 'closed', conflicts: [], answer: null });
    expect(w.state.tasks.every((t) => t.state === 'done' || t.state === 'cancelled')).toBe(true);
    expect(automaticEvents(preset, w.state, addWorkingTime(cal, w.state.registeredAt, { days: 90 }), ctx)).toEqual([]);
  });

  it('refuses "not the kabupaten\'s" where the step does not offer it, and keeps escalating cases the kabupaten holds', () => {
    const w = new Walk(preset, ctx, { at: at('2026-01-05 09:00', 'WIB') });
    w.act(admin, { taskId: w.sole().id, actionId: 'terima' });
    expect(closeReasonsNow(preset, w.state)).toEqual(['manual', 'duplicate']);
    expect(closeProblem(preset, w.state, 'not_competent')).toBe('Alasan penutupan ini tidak berlaku pada langkah aduan sekarang.');
    w.raw({ type: 'case.closed', payload: { reason: 'not_competent', note: null } }, desk);
    expect(w.state.status).toBe('registered');
    expect(w.state.conflicts.map((c) => c.message)).toEqual(['Alasan penutupan ini tidak berlaku pada langkah aduan sekarang.']);
    expect(automaticEvents(preset, w.state, addWorkingTime(cal, w.state.registeredAt, { days: 60 }), ctx)).toHaveLength(1);
  });
});

describe("the complainant's reaction", () => {
  const preset = loadPreset('magetan');
  const cal = calendarFor('WIB');
  const ctx = { calendar: cal };
  const desk = post(HUB, 'admin_kabupaten');
  const admin = actor(desk);
  const opd = opdId('PUPR');

  function answered(): Walk {
    const w = new Walk(preset, ctx, { at: at('2026-03-02 09:00', 'WIB') });
    w.act(admin, { taskId: w.sole().id, actionId: 'terima' });
    w.act(admin, { taskId: w.sole().id, actionId: 'disposisi', targets: [{ unitId: opd }] });
    w.act(actor(post(opd, 'pejabat_penghubung')), { taskId: w.sole().id, actionId: 'kirim_tindak_lanjut', response: 'Jalan sudah ditambal.' });
    w.now = at('2026-03-04 10:00', 'WIB');
    w.act(admin, { taskId: w.sole().id, actionId: 'jawab', response: 'Jalan sudah ditambal.' });
    return w;
  }

  it("reopens an answered case within the reaction window with the complainant's words, and not after it", () => {
    const w = answered();
    const until = reactionDeadline(preset, w.state, cal);
    expect(until).toBe(at('2026-03-25 10:00', 'WIB'));
    expect(reopenProblem(preset, w.state, (until ?? 0) - 1, cal)).toBeNull();
    expect(reopenProblem(preset, w.state, until ?? 0, cal)).toBe('Masa tanggapan pengadu atas jawaban ini sudah lewat.');
    // Replayed late (a workstation offline past the window): a conflict, not a reopen.
    const late = answered();
    late.now = until ?? 0;
    late.raw({ type: 'case.reopened', payload: { reason: 'Pelapor: lubangnya masih ada.' } }, desk);
    expect(late.state.status).toBe('answered');
    expect(late.state.conflicts).toHaveLength(1);
    w.now = at('2026-03-10 09:00', 'WIB');
    w.raw({ type: 'case.reopened', payload: { reason: 'Pelapor: lubangnya masih ada.' } }, desk);
    expect(w.state).toMatchObject({ status: 'in_process', conflicts: [] });
    expect(w.sole()).toMatchObject({ stepId: 'verifikasi_kab', note: 'Pelapor: lubangnya masih ada.' });
    // A reopened case cannot be reopened again until it is answered again.
    expect(reopenProblem(preset, w.state, w.now, cal)).not.toBeNull();
  });

  it('closes an answered case by hand with a reason before the window ends', () => {
    const w = answered();
    expect(closeReasonsNow(preset, w.state)).toEqual(['manual', 'duplicate']);
    w.now = at('2026-03-05 09:00', 'WIB');
    w.raw({ type: 'case.closed', payload: { reason: 'manual', note: 'Pelapor menyatakan puas lewat telepon.' } }, desk);
    expect(w.state).toMatchObject({ status: 'closed', closedAt: w.now, conflicts: [] });
    expect(automaticEvents(preset, w.state, at('2026-04-30 09:00', 'WIB'), ctx)).toEqual([]);
    expect(closeReasonsNow(preset, w.state)).toEqual([]);
  });

  it('offers no reopen where the answer closes the case (no reaction period)', () => {
    const balangan = loadPreset('balangan');
    const w = new Walk(balangan, { calendar: calendarFor('WITA') }, { at: at('2026-03-02 09:00', 'WITA'), type: 'informasi' });
    w.act(actor(post(HUB, 'admin_aduan')), { taskId: w.sole().id, actionId: 'jawab_informasi', response: 'Informasi ada di laman kami.' });
    expect(w.state.status).toBe('closed');
    expect(reactionDeadline(balangan, w.state, calendarFor('WITA'))).toBeNull();
    expect(reopenProblem(balangan, w.state, w.now, calendarFor('WITA'))).not.toBeNull();
  });
});

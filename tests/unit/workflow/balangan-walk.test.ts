/** Walking Balangan cases through the branches of the SOP: several OPDs, returns, fast lane, pauses. */
import { describe, expect, it } from 'vitest';
import { addWorkingTime } from '../../../src/shared/calendar/working-time';
import { allowedActions, caseIsOverdue, stepDurations } from '../../../src/shared/workflow/engine';
import type { Task } from '../../../src/shared/workflow/state';
import { HUB, Walk, actor, at, calendarFor, loadPreset, opdId, post, show } from './helpers';

const preset = loadPreset('balangan');
const cal = calendarFor('WITA');
const ctx = { calendar: cal };
const PUPR = opdId('PUPR');
const DLH = opdId('DLH');
const DINKES = opdId('DINKES');
const hub = (role: string) => actor(post(HUB, role));
const opd = (unit: string, role: string) => actor(post(unit, role));
const REPLY = 'Perbaikan jalan dijadwalkan minggu depan oleh tim pemeliharaan.';

function taskAt(w: Walk, stepId: string, unitId: string): Task {
  const t = w.state.tasks.find((x) => x.stepId === stepId && x.unitId === unitId && x.state === 'open');
  if (!t) throw new Error(`no open task at ${stepId} for ${unitId}`);
  return t;
}

/** Registration to the Kepala Dinas's disposition to `units`, one hour per step. */
function toOpds(units: string[]): Walk {
  const w = new Walk(preset, ctx, { at: at('2026-03-02 08:00', 'WITA') });
  for (const [role, actionId] of [
    ['admin_aduan', 'teruskan'],
    ['kasi', 'teruskan'],
    ['kabid_ikp', 'laporkan'],
  ] as const) {
    w.act(hub(role), { taskId: w.sole().id, actionId });
    w.now += 3_600_000;
  }
  w.act(hub('kadis'), {
    taskId: w.sole().id,
    actionId: 'disposisi_opd',
    targets: units.map((unitId) => ({ unitId })),
    instructions: ['Proses lebih lanjut', 'Koordinasikan'],
    note: 'Segera tinjau lokasi.',
    urgency: 'segera',
  });
  return w;
}

/** One OPD's chain from receiving the disposition to sending the signed letter to Diskominfo. */
function opdChain(w: Walk, unit: string, opts: { revise?: boolean } = {}): void {
  w.act(opd(unit, 'admin_opd'), { taskId: taskAt(w, 'penerimaan_opd', unit).id, actionId: 'teruskan' });
  w.act(opd(unit, 'sekretaris'), { taskId: taskAt(w, 'telaah_sekretaris', unit).id, actionId: 'teruskan' });
  const field = post(unit, 'kabid_teknis');
  w.act(opd(unit, 'kepala_opd'), {
    taskId: taskAt(w, 'disposisi_opd', unit).id,
    actionId: 'disposisi_bidang',
    targets: [{ unitId: unit, positionId: field.positionId }],
    instructions: ['Selesaikan'],
  });
  w.act(actor(field), { taskId: taskAt(w, 'penyusunan', unit).id, actionId: 'kirim_konsep', response: 'Konsep awal.' });
  if (opts.revise) {
    w.act(opd(unit, 'kepala_opd'), { taskId: taskAt(w, 'persetujuan', unit).id, actionId: 'revisi', note: 'Sertakan jadwal pelaksanaan.' });
    const back = taskAt(w, 'penyusunan', unit);
    expect(back).toMatchObject({ returned: true, note: 'Sertakan jadwal pelaksanaan.', positionId: field.positionId, branchId: unit });
    w.act(actor(field), { taskId: back.id, actionId: 'kirim_konsep', response: REPLY });
  }
  w.act(opd(unit, 'kepala_opd'), { taskId: taskAt(w, 'persetujuan', unit).id, actionId: 'setujui' });
  w.act(opd(unit, 'admin_opd'), { taskId: taskAt(w, 'pengiriman', unit).id, actionId: 'kirim' });
}

describe('Balangan with two OPDs', () => {
  it('opens a branch per OPD, extends the case, waits at the join and answers once both have replied', () => {
    const w = toOpds([PUPR, DLH]);
    const disposed = w.state.tasks.filter((t) => t.stepId === 'penerimaan_opd');
    expect(disposed.map((t) => [t.unitId, t.branchId, t.state])).toEqual([
      [PUPR, PUPR, 'open'],
      [DLH, DLH, 'open'],
    ]);
    expect(disposed[0]).toMatchObject({ instructions: ['Proses lebih lanjut', 'Koordinasikan'], note: 'Segera tinjau lokasi.', urgency: 'segera' });
    expect(w.state.status).toBe('in_process');
    expect(w.state.opdUnitIds).toEqual([PUPR, DLH]);
    // Several OPDs: the 14-day standard, and the case total grows by the 9 extra days.
    expect(w.state.extended).toBe(true);
    expect(w.state.dueAt).toBe(addWorkingTime(cal, w.state.registeredAt, { days: 16, minutes: 510 }));

    w.now = at('2026-03-03 09:00', 'WITA');
    opdChain(w, PUPR, { revise: true });
    const drafting = w.state.tasks.find((t) => t.stepId === 'penyusunan' && t.unitId === PUPR);
    expect(drafting?.closedAt).toBe(w.now);
    const first = w.state.tasks.filter((t) => t.stepId === 'penerimaan_tanggapan');
    expect(first.map((t) => t.state)).toEqual(['waiting']);
    expect(first[0]?.dueAt).toBeNull();
    expect(w.state.status).toBe('in_process');
    expect(w.state.response).toBe(REPLY);
    // Nobody can act on a waiting task.
    expect(allowedActions(preset, w.state, hub('kadis'))).toEqual([]);

    w.now = at('2026-03-04 10:00', 'WITA');
    opdChain(w, DLH);
    const join = w.state.tasks.filter((t) => t.stepId === 'penerimaan_tanggapan');
    expect(join.map((t) => t.state)).toEqual(['done', 'open']);
    expect(join[1]?.dueAt).toBe(addWorkingTime(cal, w.now, { minutes: 30 }));
    expect(w.state.status).toBe('responded');

    const admin = post(HUB, 'admin_aduan');
    w.act(hub('kadis'), { taskId: w.sole().id, actionId: 'disposisi_jawab', targets: [{ unitId: HUB, positionId: admin.positionId }] });
    expect(w.sole()).toMatchObject({ stepId: 'jawaban', positionId: admin.positionId });
    w.now += 30 * 60_000;
    w.act(actor(admin), { taskId: w.sole().id, actionId: 'jawab', response: 'Jawaban gabungan PUPR dan DLH.' });
    // Balangan has no reaction period: the answer ends the case.
    expect(w.state).toMatchObject({ status: 'closed', answer: 'Jawaban gabungan PUPR dan DLH.', answeredAt: w.now, closedAt: w.now });
    expect(w.state.tasks.some((t) => t.state === 'open' || t.state === 'waiting')).toBe(false);
    expect(w.state.conflicts).toEqual([]);
    expect(w.state.eventCount).toBe(w.events.length);
    expect(stepDurations(preset, w.state, ctx).every((d) => d.tookMinutes >= 0 && d.standardMinutes > 0)).toBe(true);
  });

  it('opens the join when the other OPD returns the case as bukan kewenangan instead of replying', () => {
    const w = toOpds([PUPR, DLH]);
    opdChain(w, PUPR);
    expect(w.state.tasks.find((t) => t.stepId === 'penerimaan_tanggapan')?.state).toBe('waiting');
    w.now += 3_600_000;
    w.act(opd(DLH, 'admin_opd'), { taskId: taskAt(w, 'penerimaan_opd', DLH).id, actionId: 'bukan_kewenangan', note: 'Bukan kewenangan DLH.' });
    const open = w.openTasks();
    expect(open.map((t) => t.stepId).sort()).toEqual(['arahan_kadis', 'penerimaan_tanggapan']);
    expect(open.find((t) => t.stepId === 'penerimaan_tanggapan')?.dueAt).toBe(addWorkingTime(cal, w.now, { minutes: 30 }));
  });
});

describe('Balangan branches', () => {
  it('bukan kewenangan: the OPD returns to the Kepala Dinas with its reason, who disposes elsewhere', () => {
    const w = toOpds([PUPR]);
    expect(w.state.extended).toBe(false);
    const t = taskAt(w, 'penerimaan_opd', PUPR);
    w.now += 30 * 60_000;
    w.act(opd(PUPR, 'admin_opd'), { taskId: t.id, actionId: 'bukan_kewenangan', note: 'Jalan tersebut jalan provinsi.' });
    expect(w.sole()).toMatchObject({ stepId: 'arahan_kadis', unitId: HUB, branchId: null, returned: true, note: 'Jalan tersebut jalan provinsi.' });
    expect(w.state.status).toBe('registered');
    w.act(hub('kadis'), { taskId: w.sole().id, actionId: 'disposisi_opd', targets: [{ unitId: DINKES }] });
    expect(w.sole()).toMatchObject({ stepId: 'penerimaan_opd', unitId: DINKES, branchId: DINKES });
    expect(w.state.status).toBe('in_process');
    expect(w.state.opdUnitIds).toEqual([PUPR, DINKES]);
    // One OPD at a time: not extended.
    expect(w.state.extended).toBe(false);
  });

  it('fast lane: the admin distributes straight to the OPD from registration', () => {
    const w = new Walk(preset, ctx, { at: at('2026-03-02 08:00', 'WITA') });
    const admin = hub('admin_aduan');
    const fast = allowedActions(preset, w.state, admin).find((a) => a.action.fastLane);
    expect(fast?.action.id).toBe('jalur_cepat');
    w.now = at('2026-03-02 08:20', 'WITA');
    w.act(admin, { taskId: w.sole().id, actionId: 'jalur_cepat', targets: [{ unitId: PUPR }] });
    expect(w.sole()).toMatchObject({ stepId: 'penerimaan_opd', unitId: PUPR, branchId: PUPR });
    expect(w.sole().dueAt).toBe(at('2026-03-02 08:50', 'WITA'));
    expect(w.state.status).toBe('in_process');
  });

  it("a disposition's own due date wins over the step standard", () => {
    const w2 = new Walk(preset, ctx, { at: at('2026-03-02 08:00', 'WITA') });
    const own = at('2026-03-02 15:00', 'WITA');
    w2.act(hub('admin_aduan'), { taskId: w2.sole().id, actionId: 'jalur_cepat', targets: [{ unitId: PUPR }], dueAt: own });
    expect(w2.sole().dueAt).toBe(own);
  });

  it("a disposition's own due date survives a pause and resume (the official's date stands)", () => {
    const w2 = new Walk(preset, ctx, { at: at('2026-03-02 08:00', 'WITA') });
    const own = at('2026-03-04 15:00', 'WITA');
    w2.act(hub('admin_aduan'), { taskId: w2.sole().id, actionId: 'jalur_cepat', targets: [{ unitId: PUPR }], dueAt: own });
    w2.now = at('2026-03-02 09:00', 'WITA');
    w2.raw({ type: 'case.paused', payload: { reason: 'Menunggu kelengkapan dari pengadu.' } }, post(HUB, 'admin_aduan'));
    expect(w2.sole().dueAt).toBeNull();
    w2.now = at('2026-03-03 09:00', 'WITA');
    w2.raw({ type: 'case.resumed', payload: { note: null } }, post(HUB, 'admin_aduan'));
    expect(w2.sole().dueAt).toBe(own);
  });

  it('pause and resume: due times stop, then move by the paused office time', () => {
    const w = new Walk(preset, ctx, { at: at('2026-03-02 08:00', 'WITA') });
    expect(show(w.sole().dueAt, 'WITA')).toBe('2026-03-02 09:00');
    w.now = at('2026-03-02 08:30', 'WITA');
    w.raw({ type: 'case.paused', payload: { reason: 'Menunggu foto lokasi dari pengadu.' } }, post(HUB, 'admin_aduan'));
    expect(w.sole().dueAt).toBeNull();
    expect(w.state.dueAt).toBeNull();
    expect(w.state.pausedSince).toBe(w.now);
    expect(caseIsOverdue(w.state, at('2026-03-09 08:00', 'WITA'))).toBe(false);
    // Acting while paused is allowed and resumes nothing: the new task has no due time yet.
    w.now = at('2026-03-02 10:00', 'WITA');
    w.act(hub('admin_aduan'), { taskId: w.sole().id, actionId: 'teruskan' });
    expect(w.sole()).toMatchObject({ stepId: 'pemeriksaan', dueAt: null });
    w.now = at('2026-03-03 08:00', 'WITA');
    w.raw({ type: 'case.resumed', payload: { note: 'Foto sudah diterima.' } }, post(HUB, 'admin_aduan'));
    // Opened Mon 10:00 inside the pause, which ended Tue 08:00: the 60 minutes run from Tue 08:00.
    expect(show(w.sole().dueAt, 'WITA')).toBe('2026-03-03 09:00');
    expect(w.state.pauses).toEqual([{ from: at('2026-03-02 08:30', 'WITA'), to: w.now }]);
    // The case total moves by the 420 office minutes paused (Mon 08:30-16:00 less lunch, Tue 07:30-08:00).
    expect(w.state.dueAt).toBe(addWorkingTime(cal, w.state.registeredAt, { days: 7, minutes: 510 + 420 }));
    expect(caseIsOverdue(w.state, at('2026-03-03 09:01', 'WITA'))).toBe(true);
    expect(caseIsOverdue(w.state, at('2026-03-03 08:59', 'WITA'))).toBe(false);
  });

  it("extension: a field visit moves the drafting step to 14 days, keeping a disposition's own due date elsewhere", () => {
    const w = toOpds([PUPR]);
    w.act(opd(PUPR, 'admin_opd'), { taskId: w.sole().id, actionId: 'teruskan' });
    w.act(opd(PUPR, 'sekretaris'), { taskId: w.sole().id, actionId: 'teruskan' });
    const field = post(PUPR, 'kabid_teknis');
    w.act(opd(PUPR, 'kepala_opd'), { taskId: w.sole().id, actionId: 'disposisi_bidang', targets: [{ unitId: PUPR, positionId: field.positionId }] });
    const opened = w.sole().openedAt;
    expect(w.sole().dueAt).toBe(addWorkingTime(cal, opened, { days: 5 }));
    w.raw({ type: 'case.extended', payload: { reason: 'Perlu tinjauan lapangan.' } }, post(HUB, 'admin_aduan'));
    expect(w.sole().dueAt).toBe(addWorkingTime(cal, opened, { days: 14 }));
    expect(w.state.extended).toBe(true);
  });
});

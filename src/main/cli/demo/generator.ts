/**
 * `alur demo`: a realistic office made through the real services. Cases arrive from every
 * channel over the last twelve months and move through the preset's chain at realistic
 * speeds, in global time order, acted on by the official who holds each post; some are
 * answered directly, returned for revision or as *bukan kewenangan*, paused, late, or still
 * open at each step. The same seed (and the same `now`) gives the same office.
 */
import type { Kysely } from 'kysely';
import type { CaseType, Channel, Privacy, Urgency } from '../../../shared/domain/enums';
import type { Actor, Position, User } from '../../../shared/domain/org';
import type { WorkflowPreset } from '../../../shared/workflow/preset';
import type { AllowedAction, CaseState } from '../../../shared/workflow/state';
import { addWorkingTime, localDate, nextOfficeInstant, workingMinutesBetween, type WorkCalendar } from '../../../shared/calendar/working-time';
import { allowedActions } from '../../../shared/workflow/engine';
import { AppError } from '../../../shared/result';
import { dispatch } from '../../backend/backend';
import type { Database } from '../../backend/db/schema';
import type { BackendContext } from '../../backend/services/context';
import { actorFor, type Caller } from '../../backend/services/auth.service';
import { actOnCase, caseLevelAct } from '../../backend/services/case.service';
import type { OpenKey } from '../../backend/keys/key-crypto';
import { registerCase } from '../../backend/services/register.service';
import { loadPreset } from '../../backend/services/office.service';
import { runAutomation } from '../../backend/services/automation';
import { storeAttachment } from '../../backend/services/attachment.service';
import { recordPaper } from '../../backend/services/paper.service';
import { scanPdf } from './scan';
import { hashPasswordWithKey, unlockWithPassword } from '../../backend/services/password';
import { enrolUserKey, openRootKey, openUserKey, unlockSigningKey } from '../../backend/keys/key.service';
import { persistClock } from '../../backend/services/commit';
import { loadStoredCase } from '../../backend/projection/case-projection';
import { getRef, listRefs, putRef } from '../../backend/refdata/ref-store';
import { createRng, TimeQueue, type Rng } from './random';
import { DEGREES, NOTES, NOT_AUTHORITY, RESPONSES, REVISION_NOTES, TOPICS } from './data';
import { demoRegion, type DemoRegion } from './regions';
import { officialRankAndNip } from './officials';

/** Every demo account uses this password; the README and `alur demo` say so. */
export const DEMO_PASSWORD = 'alur-demo';

const DAY = 86_400_000;

interface DemoOptions {
  cases: number;
  seed: number;
  /** The demo's "today": cases span the twelve months before it. */
  now: number;
  presetId: string;
  /** Name of a new office; default the preset's Diskominfo (its hub unit). */
  officeName?: string;
  /**
   * Asked only when the office already exists (made by `alur init`): the password of its
   * administrator, whose copy of the office root key certifies the officials' signing keys.
   * A new office made by the demo uses the demo password.
   */
  askAdminPassword?: () => Promise<string | null>;
}

interface DemoSummary {
  /** Administrators first, then every official who can act, with their posts. */
  users: Array<{ username: string; fullName: string; position: string }>;
  /** Whether the demo made the office (its administrator then uses the demo password too). */
  officeCreated: boolean;
  cases: number;
  events: number;
  byStatus: Record<string, number>;
}

interface Plan {
  registerAt: number;
  speed: number;
  revision: boolean;
  notAuthority: boolean;
  twoOpd: boolean;
  pause: boolean;
  fastLane: boolean;
  /** Acts after which the case stops where it is (still open, and in time overdue). */
  stallAfter: number | null;
  acts: number;
  caseId: string | null;
  used: Set<string>;
  pausedUntil: number | null;
}

function personName(rng: Rng, official: boolean, region: DemoRegion): string {
  const n = `${rng.pick(region.firstNames)} ${rng.pick(region.lastNames)}`;
  return official ? `${n}, ${rng.pick(DEGREES)}` : n;
}

/** The official's name, then their rank and NIP (whose gender digit follows the name). */
function withRank(rng: Rng, roleId: string, fullName: string): { fullName: string; rank: string; nip: string } {
  return { fullName, ...officialRankAndNip(rng, roleId, fullName) };
}

function digits(rng: Rng, n: number): string {
  return Array.from({ length: n }, () => String(rng.int(0, 9))).join('');
}

/**
 * The office root key, opened with the password of an administrator who holds a copy. Without
 * it the officials' keys would stay uncertified and every signed act would fail, so a wrong or
 * missing password stops the demo before it writes anything.
 */
async function openAnyRootKey(ctx: BackendContext, password: string): Promise<OpenKey> {
  for (const admin of (await listRefs(ctx.db, 'user')).filter((u) => u.isAdmin && u.active)) {
    const cred = await getRef(ctx.db, 'credential', admin.id);
    const wrap = cred ? await unlockWithPassword(password, cred.hash) : null;
    const root = wrap ? await openRootKey(ctx.db, admin.id, wrap) : null;
    if (root) return root;
  }
  throw new AppError(
    'VALIDATION',
    'Kantor di folder ini sudah ada, dan kata sandi administratornya (untuk mensertifikasi kunci tanda tangan pejabat contoh) salah atau tidak diberikan: berikan --admin-password, atau jalankan di terminal. Tidak ada yang diubah.',
  );
}

/** Makes one official per post, with the same demo password (hashed once: scrypt is slow on purpose). */
async function createOfficials(
  ctx: BackendContext,
  rng: Rng,
  preset: WorkflowPreset,
  root: OpenKey,
): Promise<Array<{ user: User; position: Position }>> {
  const units = new Map((await listRefs(ctx.db, 'unit')).map((u) => [u.id, u]));
  const positions = await listRefs(ctx.db, 'position');
  const existing = new Set((await listRefs(ctx.db, 'user')).map((u) => u.username));
  const { hash, wrapKey } = await hashPasswordWithKey(DEMO_PASSWORD, ctx.options.passwordCost);
  // Each official's signing key is certified by the office root key, which the demo opens
  // with the administrator's password when it created the office.
  const region = demoRegion(preset.id);
  const out: Array<{ user: User; position: Position }> = [];
  await ctx.db.transaction().execute(async (trx) => {
    for (const p of positions) {
      const unit = units.get(p.unitId);
      const role = preset.roles.find((r) => r.id === p.roleId);
      if (!unit || !role) continue;
      const roleName = role.id.replace(/^opd_|_opd$/g, '').replace(/_/g, '.');
      let username = unit.kind === 'hub' ? role.id.replace(/_/g, '.') : `${unit.code.toLowerCase()}.${roleName}`;
      username = username.replace(/[^a-z0-9._-]/g, '').slice(0, 40);
      if (existing.has(username)) username = `${username}.1`;
      existing.add(username);
      const user: User = {
        id: ctx.uuid(),
        username,
        ...withRank(rng, role.id, personName(rng, true, region)),
        isAdmin: false,
        active: true,
      };
      await putRef(trx, 'user', user.id, user, ctx.clock.tick());
      await putRef(trx, 'credential', user.id, { hash }, ctx.clock.tick());
      await enrolUserKey(trx, ctx, user.id, wrapKey, root);
      const aid = ctx.uuid();
      await putRef(trx, 'assignment', aid, { id: aid, userId: user.id, positionId: p.id, acting: null, from: null, until: null }, ctx.clock.tick());
      out.push({ user, position: p });
    }
    await persistClock(trx, ctx);
  });
  return out;
}

/**
 * The titles an OPD's head and secretary sign with (Camat, Direktur, Kepala Dinas...), instead
 * of the preset's generic role names, so the demo's letters read like an office's.
 */
async function titleOpdPosts(ctx: BackendContext): Promise<void> {
  const units = new Map((await listRefs(ctx.db, 'unit')).map((u) => [u.id, u]));
  const headOf = (name: string): string => {
    if (/^Kecamatan /.test(name)) return name.replace(/^Kecamatan /, 'Camat ');
    if (/^(Rumah Sakit|RSUD)/.test(name)) return `Direktur ${name}`;
    if (/^Perusahaan Umum Daerah/.test(name)) return `Direktur Utama ${name}`;
    return `Kepala ${name}`;
  };
  await ctx.db.transaction().execute(async (trx) => {
    for (const p of await listRefs(trx, 'position')) {
      const unit = units.get(p.unitId);
      if (!unit || unit.kind !== 'opd') continue;
      if (p.roleId === 'kepala_opd') await putRef(trx, 'position', p.id, { title: headOf(unit.name) }, ctx.clock.tick());
      if (p.roleId === 'sekretaris') await putRef(trx, 'position', p.id, { title: `Sekretaris ${unit.name}` }, ctx.clock.tick());
    }
    await persistClock(trx, ctx);
  });
}

/** Kop surat for every unit, so letters print as an office's would (addresses are invented). */
async function addLetterheads(ctx: BackendContext, preset: WorkflowPreset): Promise<void> {
  const region = preset.region.split(',')[0]?.trim() ?? preset.region;
  const where = demoRegion(preset.id);
  const place = where.seat;
  const head = region.startsWith('Kota')
    ? `Wali Kota ${place}`
    : region.startsWith('Provinsi')
      ? `Gubernur ${region.replace(/^Provinsi\s+/, '')}`
      : `Bupati ${region.replace(/^Kabupaten\s+/, '')}`;
  const domain = where.domain;
  await ctx.db.transaction().execute(async (trx) => {
    let n = 1;
    for (const u of await listRefs(trx, 'unit')) {
      await putRef(
        trx,
        'letterhead',
        u.id,
        {
          unitId: u.id,
          government: `Pemerintah ${region}`,
          agency: u.name,
          address: `Jalan Jenderal Ahmad Yani Nomor ${n++ * 7}, ${place}`,
          contacts: `Telepon (${where.areaCode}) 20${String(n).padStart(3, '0')} · Pos-el: ${u.code.toLowerCase()}@${domain}`,
          place,
          logo: null,
          numberFormat: '{KLAS}/{SEQ:3}/{UNIT}/{YYYY}',
          classification: '000.1.5',
          tembusan: u.kind === 'opd' ? [`${head} (sebagai laporan)`] : [],
        },
        ctx.clock.tick(),
      );
    }
    await persistClock(trx, ctx);
  });
}

/** One post left vacant with a Plt. (the OPD's Sekretaris acting as its head). */
async function addActingOfficial(
  db: Kysely<Database>,
  ctx: BackendContext,
  officials: Array<{ user: User; position: Position }>,
  from: string,
  until: string,
): Promise<string | null> {
  const opdHead = officials.find((o) => /kepala/i.test(o.position.roleId) && o.position.roleId.startsWith('opd'));
  if (!opdHead) return null;
  const secretary = officials.find((o) => o.position.unitId === opdHead.position.unitId && /sekretaris/i.test(o.position.roleId));
  if (!secretary) return null;
  const assignments = await listRefs(db, 'assignment');
  const mine = assignments.find((a) => a.userId === opdHead.user.id);
  await db.transaction().execute(async (trx) => {
    // The head's own account is deactivated: the post is vacant and the Plt. acts for it.
    await putRef(trx, 'user', opdHead.user.id, { active: false }, ctx.clock.tick());
    if (mine) await putRef(trx, 'assignment', mine.id, { until: from }, ctx.clock.tick());
    const aid = ctx.uuid();
    await putRef(
      trx,
      'assignment',
      aid,
      { id: aid, userId: secretary.user.id, positionId: opdHead.position.id, acting: 'plt', from, until },
      ctx.clock.tick(),
    );
    await persistClock(trx, ctx);
  });
  return secretary.user.username;
}

function topicFor(preset: WorkflowPreset, categoryId: string | null, type: CaseType): Array<[string, string]> {
  if (type === 'informasi') return TOPICS['informasi'] ?? [];
  const name = (preset.categories.find((c) => c.id === categoryId)?.name ?? '').toLowerCase();
  const sub = categoryId ?? '';
  for (const key of Object.keys(TOPICS)) if (name.includes(key) || sub.includes(key)) return TOPICS[key] ?? [];
  if (/infrastruktur|pupr|pekerjaan/.test(name)) return TOPICS['jalan'] ?? [];
  return TOPICS['umum'] ?? [];
}

const ACT_PRIORITY = ['answer', 'approve', 'draft', 'dispose', 'forward'] as const;

function chooseAction(rng: Rng, plan: Plan, state: CaseState, options: AllowedAction[]): AllowedAction | null {
  // The information shortcut: answered at once, or (Kaltim) handed to the operator who answers it.
  const direct = options.find((o) => (o.action.kind === 'answer' || o.action.kind === 'forward') && o.action.onlyForTypes?.includes('informasi'));
  if (direct && state.type === 'informasi' && rng.chance(0.85)) return direct;
  const ret = options.filter((o) => o.action.kind === 'return');
  const revision = ret.find((o) => o.action.requiresNote && !plan.used.has('revision') && options.some((x) => x.action.kind === 'approve'));
  if (plan.revision && revision) {
    plan.used.add('revision');
    return revision;
  }
  // A return where no approval is on offer is a bukan-kewenangan return, not a revision.
  const notAuth = options.some((x) => x.action.kind === 'approve') ? undefined : ret[0];
  if (plan.notAuthority && notAuth && !plan.used.has('notAuthority') && state.opdUnitIds.length > 0) {
    plan.used.add('notAuthority');
    return notAuth;
  }
  const fast = options.find((o) => o.action.fastLane);
  if (plan.fastLane && fast && !plan.used.has('fast')) {
    plan.used.add('fast');
    return fast;
  }
  const main = options.filter((o) => o.action.kind !== 'return' && !o.action.fastLane && !o.action.onlyForTypes);
  for (const kind of ACT_PRIORITY) {
    const m = main.find((o) => o.action.kind === kind);
    if (m) return m;
  }
  return null;
}

function stepMinutes(cal: WorkCalendar, preset: WorkflowPreset, state: CaseState, stepId: string, at: number): number {
  const step = preset.steps.find((s) => s.id === stepId);
  if (!step) return 60;
  const std = state.extended && step.extendedStandard ? step.extendedStandard : step.standard;
  return workingMinutesBetween(cal, at, addWorkingTime(cal, at, std));
}

/** Sessions holding each user's key, opened with the demo password (one scrypt per distinct hash). */
async function openDemoSessions(ctx: BackendContext, userIds: readonly string[]): Promise<string[]> {
  const wraps = new Map<string, Buffer | null>();
  const tokens: string[] = [];
  for (const userId of userIds) {
    const cred = await getRef(ctx.db, 'credential', userId);
    if (!cred) continue;
    if (!wraps.has(cred.hash)) wraps.set(cred.hash, await unlockWithPassword(DEMO_PASSWORD, cred.hash));
    const wrap = wraps.get(cred.hash);
    const signingKey = wrap ? await openUserKey(ctx.db, userId, wrap) : null;
    if (!signingKey) continue;
    const token = `demo:${userId}`;
    ctx.sessions.set(token, { userId, lastSeen: ctx.now(), signingKey });
    tokens.push(token);
  }
  return tokens;
}

export async function generateDemo(
  open: (o: { random: () => number; now: () => number }) => Promise<BackendContext>,
  o: DemoOptions,
): Promise<DemoSummary> {
  const rng = createRng(o.seed);
  let clock = o.now - 400 * DAY;
  const ctx = await open({ random: rng, now: () => clock });
  const info = await dispatch(ctx, 'app.info', null, {});
  if (info.ok && (info.value as { caseCount: number }).caseCount > 0) {
    throw new AppError('CONFLICT', `Folder data ${ctx.options.dataDir} sudah berisi aduan; jalankan demo pada folder data yang kosong.`);
  }
  const created = !(info.ok && (info.value as { initialized: boolean }).initialized);
  if (created) {
    const officeName = o.officeName ?? loadPreset(ctx.options.resourcesDir, o.presetId).hubUnit.name;
    const r = await dispatch(ctx, 'office.create', null, {
      presetId: o.presetId,
      officeName,
      admin: { username: 'admin', fullName: 'Administrator Sistem', password: DEMO_PASSWORD },
    });
    if (!r.ok) throw new AppError(r.error.code, r.error.message);
  }
  // Checked before anything is written to an existing office.
  const root = await openAnyRootKey(ctx, created ? DEMO_PASSWORD : ((await o.askAdminPassword?.()) ?? ''));
  const office = await ctx.office();
  const proj = await ctx.projection();
  const cal = proj.engine.calendar;
  const preset = proj.preset(office.presetId, office.presetVersion);
  await titleOpdPosts(ctx);
  const officials = await createOfficials(ctx, rng, preset, root);
  const from = new Date(o.now - 120 * DAY).toISOString().slice(0, 10);
  const until = new Date(o.now + 60 * DAY).toISOString().slice(0, 10);
  await addActingOfficial(ctx.db, ctx, officials, from, until);
  await addLetterheads(ctx, preset);

  clock = o.now;
  const callers: Array<{ caller: Caller; actor: Actor }> = [];
  for (const u of await listRefs(ctx.db, 'user')) {
    // The administrator keeps the system; the desk's own operator does the desk's work.
    if (!u.active || u.isAdmin) continue;
    const actor = await actorFor(ctx, u);
    if (actor.positions.length) callers.push({ caller: { token: 'demo', user: u, actor }, actor });
  }
  // Each official's key is held as their login would hold it, so what they write is sealed (keys/seal.ts).
  const demoTokens = await openDemoSessions(
    ctx,
    callers.map((c) => c.caller.user.id),
  );
  // Officials sign their acts; the demo opens each key once with the demo password.
  const signers = new Map<string, OpenKey>();
  const signerOf = async (userId: string): Promise<OpenKey> => {
    const held = signers.get(userId) ?? (await unlockSigningKey(ctx, userId, DEMO_PASSWORD));
    signers.set(userId, held);
    return held;
  };
  const desk = callers.find((c) => c.actor.positions.some((p) => preset.roles.find((r) => r.id === p.roleId)?.desk));
  if (!desk) throw new AppError('INTERNAL', 'Preset tanpa petugas meja layanan.');
  const opdUnits = (await listRefs(ctx.db, 'unit')).filter((u) => u.kind === 'opd');
  const positions = await listRefs(ctx.db, 'position');

  const plans: Plan[] = [];
  for (let i = 0; i < o.cases; i++) {
    const t = nextOfficeInstant(cal, o.now - Math.floor(rng() * 365 * DAY));
    const r = rng();
    // Recent cases are often still on their way; a few old ones were left behind.
    const recent = o.now - t < 45 * DAY;
    const stallAfter = rng.chance(recent ? 0.45 : 0.03) ? rng.int(0, 10) : null;
    plans.push({
      registerAt: t,
      speed: r < 0.7 ? 0.2 + rng() * 0.7 : r < 0.94 ? 0.9 + rng() * 0.6 : 1.5 + rng() * 2,
      revision: rng.chance(0.15),
      notAuthority: rng.chance(0.08),
      twoOpd: rng.chance(0.1),
      pause: rng.chance(0.08),
      fastLane: rng.chance(0.1),
      stallAfter,
      acts: 0,
      caseId: null,
      used: new Set(),
      pausedUntil: null,
    });
  }
  const queue = new TimeQueue<Plan>();
  for (const p of plans) queue.push(p.registerAt, p);
  const laporIds = new Set<string>();

  for (let job = queue.pop(); job; job = queue.pop()) {
    const plan = job.v;
    clock = job.t;
    if (!plan.caseId) {
      // WhatsApp (added later) weighs nothing here, so a seed still gives the demo it gave before.
      const channel = rng.weighted<Channel>({ lapor: 30, web: 15, sms1708: 15, phone: 10, email: 8, social: 10, letter: 6, walkin: 6, whatsapp: 0 });
      const type = rng.weighted<CaseType>({ pengaduan: 70, aspirasi: 15, informasi: 15 });
      const privacy = rng.weighted<Privacy>({ biasa: 80, rahasia: 15, anonim: 5 });
      const category = rng.pick(preset.categories);
      const sub = category.subcategories.length ? rng.pick(category.subcategories) : null;
      const [title, description] = rng.pick(topicFor(preset, category.id, type));
      const place = rng.pick(demoRegion(preset.id).places);
      let laporId: string | null = null;
      if (channel === 'lapor') {
        do laporId = String(rng.int(1_000_000, 9_999_999));
        while (laporIds.has(laporId));
        laporIds.add(laporId);
      }
      const name = personName(rng, false, demoRegion(preset.id));
      const r = await registerCase(
        ctx,
        desk.caller,
        {
          channel,
          laporId,
          receivedAt: clock - rng.int(0, 180) * 60_000,
          type,
          categoryId: category.id,
          subcategoryId: sub?.id ?? null,
          title: title.replace('{p}', place),
          description: description.replace(/\{p\}/g, place),
          location: place,
          privacy,
          urgency: rng.weighted<Urgency>({ biasa: 75, segera: 20, sangat_segera: 5 }),
          attachments: [],
          complainant:
            privacy === 'anonim'
              ? null
              : {
                  name,
                  nik: rng.chance(0.6) ? `6311${digits(rng, 12)}` : null,
                  phone: `08${rng.int(11, 59)}${digits(rng, 8)}`,
                  email: rng.chance(0.4) ? `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@mail.example` : null,
                  address: `${place}, Kabupaten Balangan`,
                },
        },
        clock,
      );
      plan.caseId = r.caseId;
      queue.push(clock + rng.int(5, 50) * 60_000, plan);
      continue;
    }
    const stored = await loadStoredCase(ctx.db, plan.caseId);
    if (!stored || stored.s.status === 'closed') continue;
    const s = stored.s;
    if (s.status === 'answered') {
      await runAutomation(ctx);
      continue;
    }
    if (plan.pause && !plan.used.has('pause') && s.status === 'registered') {
      plan.used.add('pause');
      await caseLevelAct(
        ctx,
        desk.caller,
        s.id,
        { type: 'case.paused', payload: { reason: 'Menunggu kelengkapan data dari pengadu.' } },
        'desk',
        () => true,
      );
      plan.pausedUntil = addWorkingTime(cal, clock, { days: rng.int(1, 4) });
      if (plan.pausedUntil <= o.now) queue.push(plan.pausedUntil, plan);
      continue;
    }
    if (!plan.used.has('classify') && s.status === 'registered') {
      plan.used.add('classify');
      // The desk checks the classification; some cases are flagged strategic or made more urgent.
      if (rng.chance(0.4)) {
        const category = rng.pick(preset.categories);
        await caseLevelAct(
          ctx,
          desk.caller,
          s.id,
          {
            type: 'case.classified',
            payload: {
              type: s.type,
              categoryId: s.categoryId ?? category.id,
              subcategoryId: s.subcategoryId,
              urgency: rng.chance(0.3) ? 'segera' : s.urgency,
              strategic: rng.chance(0.25),
            },
          },
          'desk',
          () => true,
        );
      }
    }
    if (s.pausedSince !== null) {
      await caseLevelAct(ctx, desk.caller, s.id, { type: 'case.resumed', payload: { note: 'Pengadu telah melengkapi data.' } }, 'desk', () => true);
    }
    if (plan.stallAfter !== null && plan.acts >= plan.stallAfter) continue;
    let acted = false;
    for (const c of callers) {
      const options = allowedActions(preset, s, c.actor);
      const choice = chooseAction(rng, plan, s, options);
      if (!choice) continue;
      const toStep = choice.action.to ? preset.steps.find((x) => x.id === choice.action.to) : undefined;
      let targets: Array<{ unitId: string; positionId: string | null }> = [];
      if (choice.action.kind === 'dispose' && choice.action.targets === 'opd_units') {
        const n = plan.twoOpd ? 2 : 1;
        const picked = new Set<string>();
        while (picked.size < Math.min(n, opdUnits.length)) picked.add(rng.pick(opdUnits).id);
        targets = [...picked].map((unitId) => ({ unitId, positionId: null }));
      } else if (choice.action.kind === 'dispose') {
        const field = positions.filter((p) => p.unitId === choice.as.unitId && p.roleId === toStep?.role);
        targets = [{ unitId: choice.as.unitId, positionId: field.length ? rng.pick(field).id : null }];
      }
      const isReturn = choice.action.kind === 'return';
      const response = choice.action.kind === 'draft' || choice.action.kind === 'answer' ? (s.response ?? rng.pick(RESPONSES)) : null;
      const instructions = choice.action.kind === 'dispose' ? [rng.pick(preset.instructions)] : [];
      const note = isReturn
        ? rng.pick(choice.action.requiresNote && options.some((x) => x.action.kind === 'approve') ? REVISION_NOTES : NOT_AUTHORITY)
        : rng.chance(0.4)
          ? rng.pick(NOTES)
          : null;
      // Some signed dispositions are written on the printed sheet and entered by a clerk of that unit.
      const clerk =
        choice.action.signed && rng.chance(0.12)
          ? callers.find((x) => x !== c && x.actor.positions.some((p) => p.unitId === choice.as.unitId))
          : undefined;
      if (clerk) {
        const scan = await storeAttachment(
          ctx,
          `lembar-disposisi-${s.ref}.pdf`,
          scanPdf([
            'LEMBAR DISPOSISI (pindaian)',
            s.ref,
            s.title,
            `Disposisi: ${instructions.join(', ')}`,
            note ?? '',
            `Ttd. ${c.caller.user.fullName}`,
          ]),
        );
        await recordPaper(ctx, clerk.caller, {
          caseId: s.id,
          taskId: choice.taskId,
          actionId: choice.action.id,
          positionId: choice.as.positionId,
          writtenOn: localDate(cal, clock),
          scan,
          targets,
          instructions,
          note,
          urgency: null,
          dueAt: null,
          response,
        });
        acted = true;
        plan.acts++;
        break;
      }
      await actOnCase(
        ctx,
        c.caller,
        {
          caseId: s.id,
          taskId: choice.taskId,
          actionId: choice.action.id,
          asPositionId: choice.as.positionId,
          targets,
          instructions,
          note,
          urgency: null,
          dueAt: null,
          response,
          attachments: [],
          signingPassword: null,
        },
        clock,
        choice.action.signed ? await signerOf(c.caller.user.id) : undefined,
      );
      acted = true;
      plan.acts++;
      break;
    }
    if (!acted) continue;
    const after = await loadStoredCase(ctx.db, s.id);
    if (!after) continue;
    if (after.s.status === 'answered') {
      const days = preset.rules.complainantResponseDays;
      if (days) {
        const closeAt = addWorkingTime(cal, clock, { days: days }) + 60_000;
        if (closeAt <= o.now) queue.push(closeAt, plan);
      }
      continue;
    }
    const next = after.s.tasks.find((t) => t.state === 'open');
    if (!next) continue;
    const minutes = Math.max(5, Math.round(stepMinutes(cal, preset, after.s, next.stepId, clock) * plan.speed));
    const at = addWorkingTime(cal, clock, { minutes });
    if (at <= o.now) queue.push(at, plan);
  }
  clock = o.now;
  await runAutomation(ctx);
  for (const t of demoTokens) ctx.sessions.delete(t);

  const byStatus: Record<string, number> = {};
  for (const r of await ctx.db.selectFrom('cases').select(['status']).execute()) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  const events = await ctx.db
    .selectFrom('event')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const admins = (await listRefs(ctx.db, 'user'))
    .filter((u) => u.isAdmin && u.active)
    .map((u) => ({ username: u.username, fullName: u.fullName, position: 'Administrator sistem (juga petugas meja layanan)' }));
  return {
    officeCreated: created,
    users: [
      ...admins,
      ...[...callers]
        .sort((a, b) => a.caller.user.username.localeCompare(b.caller.user.username))
        .map((c) => ({
          username: c.caller.user.username,
          fullName: c.caller.user.fullName,
          position: c.actor.positions.map((p) => `${p.acting ? (p.acting === 'plt' ? 'Plt. ' : 'Plh. ') : ''}${p.title}`).join('; '),
        })),
    ],
    cases: o.cases,
    events: Number(events.n),
    byStatus,
  };
}

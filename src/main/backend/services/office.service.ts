/** Presets on disk, creating an office from one, and the office overview the UI needs. */
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { WorkflowPreset } from '../../../shared/workflow/preset';
import { parseHolidayFile, parseOfficeHoursFile } from '../../../shared/calendar/default-calendar';
import type { OfficeOverview, PresetSummary } from '../../../shared/api/views';
import type { ParsedInputOf } from '../../../shared/api/contract';
import { AppError } from '../../../shared/result';
import type { Unit, Position } from '../../../shared/domain/org';
import type { Database } from '../db/schema';
import { getRef, listRefs, putRef } from '../refdata/ref-store';
import type { BackendContext } from './context';
import { newId, persistClock } from './commit';
import { hashPasswordWithKey } from './password';
import { createRootKey, enrolUserKey } from '../keys/key.service';

function presetDir(resourcesDir: string): string {
  return path.join(resourcesDir, 'presets');
}

/** Reads and validates one preset file, with a one-line reason when it is not usable. */
function readPresetFile(file: string): WorkflowPreset {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new AppError('VALIDATION', `Berkas preset tidak dapat dibaca: ${path.basename(file)} (${(e as Error).message})`);
  }
  const parsed = WorkflowPreset.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new AppError(
      'VALIDATION',
      `Berkas preset rusak: ${path.basename(file)}: ${first ? `${first.path.join('.')} ${first.message}` : 'tidak valid'}`,
    );
  }
  return parsed.data;
}

/** Every shipped preset that parses; broken files are reported by `loadPreset`, not listed. */
export function listPresets(resourcesDir: string): PresetSummary[] {
  const dir = presetDir(resourcesDir);
  const out: PresetSummary[] = [];
  for (const f of fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    try {
      const p = readPresetFile(path.join(dir, f));
      out.push({ id: p.id, name: p.name, region: p.region, stepCount: p.steps.length, timeZone: p.timeZone });
    } catch {
      continue;
    }
  }
  return out;
}

/** Finds a preset by id (`tanah_bumbu`) or file name (`tanah-bumbu`). */
export function loadPreset(resourcesDir: string, name: string): WorkflowPreset {
  const slug = name.trim().toLowerCase().replace(/_/g, '-');
  if (!/^[a-z0-9-]{1,48}$/.test(slug)) throw new AppError('VALIDATION', `Nama preset tidak valid: ${name}`);
  const file = path.join(presetDir(resourcesDir), `${slug}.json`);
  if (!fs.existsSync(file)) {
    const known = listPresets(resourcesDir).map((p) => p.id.replace(/_/g, '-'));
    throw new AppError('NOT_FOUND', `Preset tidak dikenal: ${name} (tersedia: ${known.join(', ')})`);
  }
  return readPresetFile(file);
}

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** Creates the office: preset, calendar, units, one post per role, and the administrator. */
export async function createOffice(ctx: BackendContext, input: ParsedInputOf<'office.create'>): Promise<{ officeName: string }> {
  if (await getRef(ctx.db, 'office', 'office')) throw new AppError('ALREADY_INITIALIZED', 'Kantor sudah dibuat di folder data ini.');
  const preset = loadPreset(ctx.options.resourcesDir, input.presetId);
  const calDir = path.join(ctx.options.resourcesDir, 'calendar');
  const holidays = parseHolidayFile(readJson(path.join(calDir, 'holidays-id.json'))).holidays.map(({ date, name, kind }) => ({ date, name, kind }));
  const officeHours = parseOfficeHoursFile(readJson(path.join(calDir, 'office-hours-default.json'))).officeHours;
  const { hash: passwordHash, wrapKey } = await hashPasswordWithKey(input.admin.password, ctx.options.passwordCost);

  await ctx.db.transaction().execute(async (trx) => {
    const hlc = () => ctx.clock.tick();
    await putRef(trx, 'preset', `${preset.id}@${preset.version}`, { json: JSON.stringify(preset) }, hlc());
    await putRef(trx, 'calendar', 'calendar', { timeZone: preset.timeZone, officeHours, holidays }, hlc());
    const hub: Unit = { id: newId(ctx), code: preset.hubUnit.code, name: preset.hubUnit.name, kind: 'hub', active: true };
    const units: Unit[] = [hub, ...preset.opdUnits.map((u): Unit => ({ id: newId(ctx), code: u.code, name: u.name, kind: 'opd', active: true }))];
    const positions: Position[] = [];
    for (const unit of units) {
      await putRef(trx, 'unit', unit.id, unit, hlc());
      for (const role of preset.roles.filter((r) => r.scope === unit.kind)) {
        const title = unit.kind === 'hub' ? role.name : `${role.name}, ${unit.name}`;
        const pos: Position = { id: newId(ctx), unitId: unit.id, roleId: role.id, title, active: true };
        positions.push(pos);
        await putRef(trx, 'position', pos.id, pos, hlc());
      }
    }
    await putRef(
      trx,
      'office',
      'office',
      {
        name: input.officeName,
        presetId: preset.id,
        presetVersion: preset.version,
        hubUnitId: hub.id,
        refFormat: 'ADU-{YYYY}-{DEV}{SEQ:5}',
        idleLockMinutes: 15,
        attachmentLimitMb: 10,
        updateUrl: null,
      },
      hlc(),
    );
    const adminId = newId(ctx);
    await putRef(
      trx,
      'user',
      adminId,
      { id: adminId, username: input.admin.username, fullName: input.admin.fullName, nip: null, rank: null, isAdmin: true, active: true },
      hlc(),
    );
    await putRef(trx, 'credential', adminId, { hash: passwordHash }, hlc());
    // The office root key, and the administrator's own signing key certified by it.
    const root = await createRootKey(trx, ctx, adminId, wrapKey);
    await enrolUserKey(trx, ctx, adminId, wrapKey, root);
    // The administrator also staffs the complaint desk, so a new office can register its
    // first case at once; the admin reassigns the desk in Pengaturan.
    const deskRole = preset.roles.find((r) => r.desk);
    const desk = positions.find((p) => p.unitId === hub.id && p.roleId === deskRole?.id);
    if (desk) {
      const aid = newId(ctx);
      await putRef(trx, 'assignment', aid, { id: aid, userId: adminId, positionId: desk.id, acting: null, from: null, until: null }, hlc());
    }
    await persistClock(trx, ctx);
  });
  ctx.invalidate();
  return { officeName: input.officeName };
}

export async function officeOverview(db: Kysely<Database>, ctx: BackendContext): Promise<OfficeOverview> {
  const office = await ctx.office();
  const proj = await ctx.projection();
  return {
    officeName: office.name,
    preset: proj.preset(office.presetId, office.presetVersion),
    units: await listRefs(db, 'unit'),
    positions: await listRefs(db, 'position'),
  };
}

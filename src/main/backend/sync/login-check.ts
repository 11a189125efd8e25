/**
 * The workstation's own check that whoever inserted a pulled event on the server may speak
 * for its author: the server records the inserting login (`pushed_by`, which its checking
 * function sets from `session_user`) and refuses the rest at insert, but the server vouches
 * for nothing: a server still on schema 1, or one an administrator changed by hand, would
 * pass anything. The same rule as `alur.push_events`, against this workstation's own
 * reference data; what fails is quarantined (kept with the reason, never applied).
 *
 * Events inserted by a login that is not a unit's (the owner publishing an office with
 * `alur server init`) are the administrator's and pass.
 */
import type pg from 'pg';
import type { CaseEvent } from '../../../shared/domain/events';
import type { Database } from '../db/schema';
import type { Kysely } from 'kysely';
import { listRefs } from '../refdata/ref-store';
import { AUTOMATIC_TYPES } from '../keys/seal';

/** Every refusal here starts with this, so the quarantine can retry them (clock-quarantine.ts). */
export const LOGIN_MARK = 'login ';

export interface LoginRules {
  /** login -> its unit */
  logins: Map<string, { unitId: string; isHub: boolean }>;
  /** post -> its unit */
  postUnit: Map<string, string>;
  /** user -> the units they ever held a post in (none: the hub) */
  userUnits: Map<string, Set<string>>;
  hubUnitId: string | null;
}

/** Reads the logins from the server and the posts and assignments from the local store. */
export async function loadLoginRules(client: pg.ClientBase, db: Kysely<Database>): Promise<LoginRules> {
  const rows = (await client.query<{ login: string; unit_id: string; is_hub: boolean }>('SELECT login, unit_id, is_hub FROM alur.unit_login')).rows;
  const logins = new Map(rows.map((r) => [r.login, { unitId: r.unit_id, isHub: r.is_hub }]));
  const postUnit = new Map((await listRefs(db, 'position')).map((p) => [p.id, p.unitId]));
  const userUnits = new Map<string, Set<string>>();
  for (const a of await listRefs(db, 'assignment')) {
    const unit = postUnit.get(a.positionId);
    if (!unit) continue;
    const set = userUnits.get(a.userId) ?? new Set<string>();
    set.add(unit);
    userUnits.set(a.userId, set);
  }
  return { logins, postUnit, userUnits, hubUnitId: rows.find((r) => r.is_hub)?.unit_id ?? null };
}

function inUnit(rules: LoginRules, userId: string, unitId: string): boolean {
  const units = rules.userUnits.get(userId);
  return units ? units.has(unitId) : unitId === rules.hubUnitId;
}

/** Why the login that inserted `e` may not speak for its author, or null when it may. */
export function loginRefusal(rules: LoginRules, e: CaseEvent, pushedBy: string | undefined): string | null {
  if (pushedBy === undefined) return null;
  const me = rules.logins.get(pushedBy);
  if (!me) return null;
  const who = `${LOGIN_MARK}${pushedBy}`;
  // Registration and the complainant's identity (recorded only with it) are the desk's.
  if (!me.isHub && (e.type === 'case.registered' || e.type === 'case.identity_recorded'))
    return `${who}: hanya unit meja layanan yang meregistrasi aduan dan mencatat identitas pengadu`;
  const paper = 'paper' in e.payload && e.payload.paper ? e.payload.paper : null;
  if (paper) {
    if (!inUnit(rules, paper.recordedBy, me.unitId)) return `${who}: pencatat tindakan kertas bukan pegawai unitnya`;
    if (!me.isHub && rules.postUnit.get(e.positionId ?? '') !== me.unitId) return `${who}: tindakan kertas untuk jabatan unit lain`;
    return null;
  }
  if (e.authorId === null)
    return e.positionId === null && AUTOMATIC_TYPES.has(e.type) ? null : `${who}: peristiwa tanpa penulis yang bukan tindakan otomatis`;
  if (e.positionId !== null) return rules.postUnit.get(e.positionId) === me.unitId ? null : `${who}: penulis bertindak dalam jabatan unit lain`;
  return inUnit(rules, e.authorId, me.unitId) ? null : `${who}: penulis bukan pegawai unit login ini`;
}

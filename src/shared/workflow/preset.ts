/**
 * A workflow preset is data, not code: one SOP as steps, roles, time standards and branches.
 * Presets ship as JSON under `resources/presets/`; admins copy and edit them; a case keeps the
 * preset version it started with.
 */
import { z } from 'zod';
import { CaseType, RoleScope } from '../domain/enums';
import { REPORT_KINDS } from '../api/views-reports';

const Key = z.string().regex(/^[a-z][a-z0-9_]{0,47}$/, 'kunci hanya huruf kecil, angka dan _');

/** A time standard in working time: days are working days, minutes are office minutes. */
export const StepStandard = z
  .object({ days: z.number().int().min(0).max(365).optional(), minutes: z.number().int().min(0).max(100_000).optional() })
  .refine((d) => (d.days ?? 0) + (d.minutes ?? 0) > 0, 'waktu standar harus lebih dari nol');
export type StepStandard = z.infer<typeof StepStandard>;

/**
 * What an action does, interpreted by the engine (the closed set of semantics presets compose):
 * - forward: hand the task to the next step (same unit, or back to the desk from an OPD branch);
 * - dispose: a disposition to one or more units or positions, opening one task per target;
 * - return: send back with a reason (bukan kewenangan, or a draft returned for revision);
 * - draft: submit the drafted response for approval;
 * - approve: approve (and sign) the response;
 * - answer: post the answer to the complainant.
 */
export const ACT_KINDS = ['forward', 'dispose', 'return', 'draft', 'approve', 'answer'] as const;
export const ActKind = z.enum(ACT_KINDS);
export type ActKind = z.infer<typeof ActKind>;

/** Who a disposition may go to. */
const TARGET_KINDS = ['opd_units', 'unit_positions'] as const;
const TargetKind = z.enum(TARGET_KINDS);
export type TargetKind = z.infer<typeof TargetKind>;

export const PresetAction = z.object({
  id: Key,
  kind: ActKind,
  /** Step the act leads to; null ends the case's active handling (answer). */
  to: Key.nullable(),
  label: z.string().min(1).max(120),
  /** For dispose: whom it may address. */
  targets: TargetKind.optional(),
  /** The SOP says this act is signed by the official. */
  signed: z.boolean().default(false),
  requiresNote: z.boolean().default(false),
  /** Only offered for cases of these types (e.g. a direct answer for information requests). */
  onlyForTypes: z.array(CaseType).optional(),
  /** The Bontang/Balangan "garis tebal": straight to the OPD. */
  fastLane: z.boolean().default(false),
});
export type PresetAction = z.infer<typeof PresetAction>;

export const PresetStep = z.object({
  id: Key,
  /** Row number in the SOP table. */
  no: z.number().int().min(1),
  name: z.string().min(1).max(300),
  role: Key,
  requires: z.array(z.string().min(1)).default([]),
  output: z.array(z.string().min(1)).default([]),
  standard: StepStandard,
  /** Used instead of `standard` when the case is extended (field visit, several OPDs). */
  extendedStandard: StepStandard.optional(),
  /** The SOP's own wording of the time (e.g. "1-3 hari"), kept for the sheet. */
  standardText: z.string().max(60).optional(),
  note: z.string().max(500).optional(),
  actions: z.array(PresetAction).min(1),
  /** The task opens once every open OPD branch has arrived (responses gathered at the desk). */
  join: z.boolean().default(false),
  /**
   * Who really does this step when it happens outside the office (Magetan: the national
   * LAPOR! Super Admin); the step's role only records the outcome. Its time is the
   * performer's, not the office's: reports name the performer, and a case waiting only at
   * such steps is not escalated to the Ombudsman as if the office had failed.
   */
  performedBy: z.string().min(1).max(200).optional(),
  /**
   * Ways the case may end at this step without an answer (the desk closes it with a note):
   * `transferred` (forwarded to another agency), `not_competent` (not this office's).
   */
  closeReasons: z.array(z.enum(['transferred', 'not_competent'])).default([]),
});
export type PresetStep = z.infer<typeof PresetStep>;

const PresetRole = z.object({
  id: Key,
  name: z.string().min(1).max(200),
  scope: RoleScope,
  /** The role that registers cases and answers the complainant on the desk side. */
  desk: z.boolean().default(false),
});
type PresetRole = z.infer<typeof PresetRole>;

const PresetCategory = z.object({
  id: Key,
  name: z.string().min(1).max(120),
  subcategories: z.array(z.object({ id: Key, name: z.string().min(1).max(120) })).default([]),
});

const PresetRules = z.object({
  /** After the answer, the complainant has this many working days to react, then the case closes. */
  complainantResponseDays: z.number().int().min(1).max(60).nullable().default(null),
  /** Unfinished after this many working days from registration: escalated to the Ombudsman. */
  ombudsmanAfterDays: z.number().int().min(1).max(365).nullable().default(null),
  /** Whole-process standard, as the SOP states it (for reports). */
  totalStandard: StepStandard.optional(),
  totalStandardText: z.string().max(60).optional(),
  /** The office's own name of each recap (Tanah Bumbu: monitoring dan evaluasi); missing: the default title. */
  reportTitles: z.partialRecord(z.enum(REPORT_KINDS), z.string().min(1).max(200)).default({}),
});

export const WorkflowPreset = z
  .object({
    id: Key,
    version: z.number().int().min(1),
    name: z.string().min(1).max(200),
    region: z.string().min(1).max(200),
    source: z.string().min(1).max(300),
    timeZone: z.enum(['WIB', 'WITA', 'WIT']),
    hubUnit: z.object({ code: z.string().min(1).max(20), name: z.string().min(1).max(200) }),
    opdUnits: z.array(z.object({ code: z.string().min(1).max(20), name: z.string().min(1).max(200) })).default([]),
    roles: z.array(PresetRole).min(1),
    startStep: Key,
    steps: z.array(PresetStep).min(1),
    instructions: z.array(z.string().min(1).max(120)).min(1),
    categories: z.array(PresetCategory).min(1),
    rules: PresetRules.default({ complainantResponseDays: null, ombudsmanAfterDays: null, reportTitles: {} }),
  })
  .superRefine((p, ctx) => {
    const stepIds = new Set<string>();
    for (const s of p.steps) {
      if (stepIds.has(s.id)) ctx.addIssue({ code: 'custom', message: `langkah ganda: ${s.id}` });
      stepIds.add(s.id);
    }
    const roleIds = new Set(p.roles.map((r) => r.id));
    if (!stepIds.has(p.startStep)) ctx.addIssue({ code: 'custom', message: `startStep tidak dikenal: ${p.startStep}` });
    for (const s of p.steps) {
      if (!roleIds.has(s.role)) ctx.addIssue({ code: 'custom', message: `langkah ${s.id}: peran tidak dikenal ${s.role}` });
      for (const a of s.actions) {
        if (a.to !== null && !stepIds.has(a.to))
          ctx.addIssue({ code: 'custom', message: `langkah ${s.id}, aksi ${a.id}: tujuan tidak dikenal ${a.to}` });
        if (a.kind === 'dispose' && !a.targets) ctx.addIssue({ code: 'custom', message: `langkah ${s.id}, aksi ${a.id}: disposisi tanpa targets` });
        if (a.kind === 'answer' && a.to !== null)
          ctx.addIssue({ code: 'custom', message: `langkah ${s.id}, aksi ${a.id}: jawaban harus mengakhiri (to: null)` });
      }
    }
    if (!p.roles.some((r) => r.desk)) ctx.addIssue({ code: 'custom', message: 'tidak ada peran meja layanan (desk)' });
  });
export type WorkflowPreset = z.infer<typeof WorkflowPreset>;

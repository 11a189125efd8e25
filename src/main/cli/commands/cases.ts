import type { Command } from 'commander';
import { CaseStatus } from '../../../shared/domain/enums';
import { AppError } from '../../../shared/result';
import type { CaseDetail, CaseRow } from '../../../shared/api/views';
import type { BackendContext } from '../../backend/services/context';
import type { Caller } from '../../backend/services/auth.service';
import { listCases } from '../../backend/services/query.service';
import { caseDetail } from '../../backend/services/detail.service';
import { listRefs } from '../../backend/refdata/ref-store';
import type { CliEnv } from '../main';
import { formatDateTime } from '../format';
import { summaryNote } from '../../../shared/api/timeline-summary';

type Run = (fn: (env: CliEnv) => Promise<void>) => void;

/**
 * The CLI reads as an administrator of this workstation: it sees every case, but a
 * *rahasia* identity stays hidden (that is for the desk, in the app, with an audit entry).
 */
export async function cliCaller(ctx: BackendContext): Promise<Caller> {
  await ctx.office();
  const admin = (await listRefs(ctx.db, 'user')).find((u) => u.isAdmin && u.active);
  if (!admin) throw new AppError('NOT_FOUND', 'Tidak ada akun administrator aktif.');
  return { token: 'cli', user: admin, actor: { userId: admin.id, isAdmin: true, positions: [] } };
}

function row(r: CaseRow, tz: string): string {
  const flags = [r.overdue ? 'TERLAMBAT' : '', r.paused ? 'DIJEDA' : '', r.conflictCount ? 'KONFLIK' : ''].filter(Boolean).join(',');
  return [r.ref, r.status, formatDateTime(r.receivedAt, tz), r.channel, r.title.slice(0, 60), r.currentSteps.join(' / ').slice(0, 50), flags].join(
    '\t',
  );
}

export function casesCommand(program: Command, run: Run): void {
  program
    .command('cases')
    .description('daftar atau cari aduan')
    .option('--status <status>', `status: ${CaseStatus.options.join(', ')}`)
    .option('--search <text>', 'pencarian teks penuh (judul, uraian, catatan, jawaban)')
    .option('--overdue', 'hanya yang terlambat')
    .option('--limit <n>', 'jumlah baris', '50')
    .option('--json', 'keluaran JSON')
    .action((o: { status?: string; search?: string; overdue?: boolean; limit: string; json?: boolean }) =>
      run(async (env) => {
        const status = o.status === undefined ? undefined : CaseStatus.safeParse(o.status);
        if (status && !status.success)
          throw new AppError('VALIDATION', `Status tidak dikenal: ${o.status} (pilihan: ${CaseStatus.options.join(', ')})`);
        const limit = Number(o.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new AppError('VALIDATION', '--limit harus bilangan 1 sampai 500');
        const ctx = await env.open();
        const caller = await cliCaller(ctx);
        const tz = (await ctx.projection()).engine.calendar.timeZone;
        const list = await listCases(ctx, caller, { status: status?.data, search: o.search, overdue: o.overdue, limit, offset: 0 });
        if (o.json) return env.io.out(JSON.stringify(list, null, 2));
        const total = list.totalIsLowerBound ? `lebih dari ${list.total}` : `${list.total}`;
        env.io.out(`${total} aduan${list.total > list.rows.length ? ` (menampilkan ${list.rows.length})` : ''}`);
        for (const r of list.rows) env.io.out(row(r, tz));
      }),
    );
}

export async function findCaseId(ctx: BackendContext, ref: string): Promise<string> {
  const r = await ctx.db
    .selectFrom('cases')
    .select('id')
    .where((eb) => eb.or([eb('ref', '=', ref), eb('id', '=', ref), eb('lapor_id', '=', ref)]))
    .executeTakeFirst();
  if (!r) throw new AppError('NOT_FOUND', `Aduan tidak ditemukan: ${ref}`);
  return r.id;
}

function printDetail(env: CliEnv, d: CaseDetail, tz: string): void {
  const c = d.case;
  env.io.out(`${c.ref}  ${c.title}`);
  env.io.out(
    `Status: ${c.status}${c.overdue ? ' (TERLAMBAT)' : ''}   Kanal: ${c.channel}   Jenis: ${c.type}   Urgensi: ${c.urgency}   Privasi: ${c.privacy}`,
  );
  env.io.out(`Diterima: ${formatDateTime(c.receivedAt, tz)}${c.laporId ? `   LAPOR!: ${c.laporId}` : ''}`);
  if (c.dueAt) env.io.out(`Batas waktu langkah berjalan: ${formatDateTime(c.dueAt, tz)}`);
  if (c.currentSteps.length) env.io.out(`Posisi: ${c.currentSteps.join(' / ')}`);
  env.io.out(`Pengadu: ${d.identityHidden ? 'dirahasiakan' : d.identity ? d.identity.name : 'anonim'}`);
  env.io.out('');
  env.io.out(c.description);
  env.io.out('');
  env.io.out('Riwayat:');
  for (const t of d.timeline) {
    const who = [t.authorName ?? 'sistem', t.positionTitle ? `(${t.acting ? `${t.acting === 'plt' ? 'Plt.' : 'Plh.'} ` : ''}${t.positionTitle})` : '']
      .filter(Boolean)
      .join(' ');
    const what = t.actionLabel ? `${t.stepName}: ${t.actionLabel}` : t.type;
    const took = t.tookMinutes !== null ? `  [${t.tookMinutes} mnt kerja / standar ${t.standardMinutes ?? '-'}]` : '';
    env.io.out(`  ${formatDateTime(t.at, tz)}  ${what} — ${who}${took}${t.paper ? '  [kertas]' : ''}${t.conflict ? `  KONFLIK: ${t.conflict}` : ''}`);
    const note = summaryNote(t.summary);
    if (note) env.io.out(`      catatan: ${note}`);
  }
}

export function caseShowCommand(program: Command, run: Run): void {
  const cmd = program.command('case').description('satu aduan');
  cmd
    .command('show')
    .description('menampilkan satu aduan dengan seluruh riwayatnya')
    .argument('<ref>', 'nomor registrasi, nomor LAPOR!, atau id')
    .option('--json', 'keluaran JSON')
    .action((ref: string, o: { json?: boolean }) =>
      run(async (env) => {
        const ctx = await env.open();
        const caller = await cliCaller(ctx);
        const d = await caseDetail(ctx, caller, await findCaseId(ctx, ref));
        if (o.json) return env.io.out(JSON.stringify(d, null, 2));
        printDetail(env, d, (await ctx.projection()).engine.calendar.timeZone);
      }),
    );
}

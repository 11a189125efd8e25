/**
 * `alur audit verify`: the audit trail of this data folder checked entry by entry, and compared
 * with the server's checkpoints when sync is set up. Every difference is printed on its own
 * line; any difference exits non-zero (and is recorded in the trail, as the app's check does).
 */
import type { Command } from 'commander';
import { checkAudit } from '../../backend/audit/audit.service';
import { describeFinding } from '../../backend/audit/audit-check';
import type { CliEnv } from '../main';

type Run = (fn: (env: CliEnv) => Promise<void>) => void;

export function auditCommand(program: Command, run: Run): void {
  const audit = program.command('audit').description('log audit (pembacaan identitas dan perubahan administratif) folder data ini');
  audit
    .command('verify')
    .description('memeriksa rantai log audit dan membandingkannya dengan checkpoint di server kantor; setiap perbedaan disebutkan')
    .option('--local', 'hanya pemeriksaan lokal, tanpa server')
    .action((o: { local?: boolean }) =>
      run(async (env) => {
        const ctx = await env.open();
        const r = await checkAudit(ctx, { server: !o.local });
        // Nothing can be checked without the key: say why (e.g. sealed by the app's OS store).
        if (r.findings.some((f) => f.kind === 'key_unavailable'))
          throw new Error(r.server.compared ? 'kunci audit tidak dapat dibuka' : (r.server.message ?? 'kunci audit tidak dapat dibuka'));
        env.io.out(`Log audit: ${r.entries} entri (sampai #${r.lastSeq})`);
        const s = r.server;
        if (s.compared) env.io.out(`Dibandingkan dengan ${s.checkpoints} checkpoint di server`);
        else if (s.reason === 'not_configured') env.io.out('Sinkronisasi belum diatur: hanya pemeriksaan lokal');
        else if (s.reason === 'failed') env.io.out(`Server tidak dapat diperiksa: ${s.message ?? '-'}`);
        for (const f of r.findings) env.io.out(describeFinding(f));
        if (r.findings.length > 0) throw new Error(`log audit tidak utuh: ${r.findings.length} perbedaan (dicatat di log audit)`);
        if (s.compared || s.reason === 'not_configured' || o.local) env.io.out('Log audit utuh.');
        else throw new Error('log audit utuh di sini, tetapi server tidak dapat diperiksa');
      }),
    );
}

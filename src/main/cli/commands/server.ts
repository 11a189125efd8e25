import type { Command } from 'commander';
import { initServer, rotatePassword } from '../../backend/sync/server-admin';
import type { CliEnv } from '../main';
import { noteSecretStore } from '../secret-note';

type Run = (fn: (env: CliEnv) => Promise<void>) => void;

/**
 * The owner's password: in the URL, else PGPASSWORD (as psql does), else asked on the
 * terminal; none at all suits a server that trusts this machine (peer or trust auth).
 */
async function withPassword(env: CliEnv, url: string): Promise<string> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url; // initServer explains what is wrong with it
  }
  if (u.password) return url;
  const pw = process.env['PGPASSWORD'] ?? (await env.io.askSecret(`Kata sandi ${decodeURIComponent(u.username) || 'pemilik'} di server: `));
  if (pw) u.password = encodeURIComponent(pw);
  return u.toString();
}

export function serverCommand(program: Command, run: Run): void {
  const server = program.command('server').description('basis data bersama (PostgreSQL) di LAN kantor');
  server
    .command('init')
    .description('membuat atau memperbarui skema, login per unit dan kebijakan akses di server, lalu menerbitkan kantor dari folder data ini')
    .requiredOption(
      '--url <url>',
      'postgres://PEMILIK@HOST:PORT/BASISDATA (?sslmode=disable|prefer|require|verify-full; ?host=/run/postgresql untuk soket)',
    )
    .requiredOption('--credentials <file>', 'berkas JSON tempat login dan kata sandi tiap unit ditulis (hanya dapat dibaca pemiliknya)')
    .option(
      '--role-prefix <prefix>',
      'awalan nama login unit (login berlaku untuk seluruh server PostgreSQL: kantor kedua di server yang sama perlu awalan lain)',
      'alur_u_',
    )
    .action((o: { url: string; credentials: string; rolePrefix: string }) =>
      run(async (env) => {
        const url = await withPassword(env, o.url);
        const ctx = await env.open();
        const r = await initServer({ url, ctx, credentialsFile: o.credentials, rolePrefix: o.rolePrefix });
        if (!r.ok) throw new Error(r.error.message);
        const v = r.value;
        env.io.out(
          v.fromVersion === v.toVersion ? `Skema server sudah versi ${v.toVersion}` : `Skema server: versi ${v.fromVersion} -> ${v.toVersion}`,
        );
        const created = v.roles.filter((x) => x.created);
        env.io.out(`Kantor "${v.officeName}": ${v.roles.length} login unit (${created.length} baru), kredensial di ${v.credentialsFile}`);
        env.io.out(`Diterbitkan: ${v.published.events} peristiwa, ${v.published.refs} data referensi`);
        if (v.workstationLogin) {
          env.io.out(`Folder data ini tersambung ke server sebagai ${v.workstationLogin}`);
          noteSecretStore(env);
        } else
          env.io.out(
            'Folder data ini tidak disambungkan ulang (tersambung sebagai unit lain, atau kata sandi login Diskominfo tidak ada di berkas kredensial).',
          );
        for (const w of v.warnings) env.io.out(`Peringatan: ${w}`);
      }),
    );
  server
    .command('rotate-password')
    .description('mengganti kata sandi login satu unit (sesi lama diputus)')
    .argument('<unit>', 'kode unit, mis. DISKOMINFO')
    .requiredOption('--url <url>', 'postgres://PEMILIK@HOST:PORT/BASISDATA')
    .requiredOption('--credentials <file>', 'berkas kredensial yang diperbarui')
    .action((unit: string, o: { url: string; credentials: string }) =>
      run(async (env) => {
        const r = await rotatePassword(await withPassword(env, o.url), unit, o.credentials);
        if (!r.ok) throw new Error(r.error.message);
        env.io.out(`Kata sandi ${r.value.login} (unit ${r.value.unit}) diganti; lihat ${o.credentials}`);
      }),
    );
}

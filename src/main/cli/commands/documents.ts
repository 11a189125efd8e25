/** `alur sheet`, `alur letter` and `alur verify`: the same documents and checks as the app. */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../../shared/result';
import type { DocumentFile, DocumentVerification } from '../../../shared/api/views-documents';
import { letterRegisterFile, makeLetter, makeSheet, verifyCode, verifyFile } from '../../backend/documents/document.service';
import { listRefs } from '../../backend/refdata/ref-store';
import { caseLetters } from '../../backend/documents/letter-content';
import type { BackendContext } from '../../backend/services/context';
import type { CliEnv } from '../main';
import { cliCaller, findCaseId } from './cases';

type Run = (fn: (env: CliEnv) => Promise<void>) => void;

function writeOut(file: string, doc: DocumentFile): void {
  const target = path.resolve(file);
  try {
    fs.writeFileSync(target, Buffer.from(doc.dataBase64, 'base64'));
  } catch (e) {
    throw new AppError('STORAGE', `Tidak dapat menulis ${target}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

function printVerification(env: CliEnv, v: DocumentVerification): void {
  env.io.out(`${v.valid ? 'SAH' : 'TIDAK SAH'}: ${v.message}`);
  if (v.caseRef) env.io.out(`Aduan: ${v.caseRef}`);
  if (v.letterNumber) env.io.out(`Nomor surat: ${v.letterNumber}`);
  const s = v.signature;
  if (s && s.status !== 'missing') {
    env.io.out(`Penanda tangan: ${s.signerName ?? '-'} sebagai ${s.positionTitle ?? '-'}, ${new Date(s.signedAt).toISOString()}`);
    env.io.out(`Tanda tangan: ${s.message}`);
  }
}

/** The approval of the letter numbered `nomor`; with several letters and no number, the list of them. */
async function chooseLetter(ctx: BackendContext, caseId: string, ref: string, nomor: string | null): Promise<string | null> {
  const letters = await caseLetters(ctx, caseId);
  if (nomor === null) {
    if (letters.length <= 1) return null;
    throw new AppError(
      'VALIDATION',
      `Aduan ${ref} memiliki ${letters.length} surat: ${letters.map((l) => `${l.number} (${l.unitName})`).join('; ')}. Pilih dengan --nomor NOMOR.`,
    );
  }
  const found = letters.find((l) => l.number === nomor.trim());
  if (!found)
    throw new AppError(
      'NOT_FOUND',
      `Aduan ${ref} tidak memiliki surat nomor ${nomor}${letters.length ? `; suratnya: ${letters.map((l) => l.number).join('; ')}` : ''}.`,
    );
  return found.eventId;
}

export function documentCommands(program: Command, run: Run): void {
  program
    .command('sheet <ref>')
    .description('lembar disposisi sebuah aduan sebagai PDF')
    .requiredOption('--out <file>', 'berkas PDF yang ditulis')
    .action((ref: string, o: { out: string }) =>
      run(async (env) => {
        const ctx = await env.open();
        const doc = await makeSheet(ctx, await cliCaller(ctx), await findCaseId(ctx, ref));
        writeOut(o.out, doc);
        env.io.out(`Lembar disposisi ${ref} ditulis ke ${path.resolve(o.out)}`);
      }),
    );
  program
    .command('letter <ref>')
    .description('surat tanggapan sebuah aduan (terbit saat tanggapan disetujui) sebagai PDF atau DOCX')
    .option('--format <format>', 'pdf atau docx', 'pdf')
    .requiredOption('--out <file>', 'berkas yang ditulis')
    .option('--nomor <nomor>', 'nomor surat yang dicetak, bila aduan dijawab lebih dari satu OPD (surat-suratnya didaftar bila tidak disebut)')
    .option('--p12 <file>', 'tandatangani juga PDF-nya (PAdES) dengan sertifikat BSrE .p12 kantor')
    .option('--p12-password-env <var>', 'nama variabel lingkungan berisi kata sandi .p12 (bila tidak, ditanyakan)')
    .option('--p12-visible', 'tampilkan kotak tanda tangan (penanda tangan, tanggal) pada blok tanda tangan')
    .action((ref: string, o: { format: string; out: string; nomor?: string; p12?: string; p12PasswordEnv?: string; p12Visible?: boolean }) =>
      run(async (env) => {
        if (o.format !== 'pdf' && o.format !== 'docx') throw new AppError('VALIDATION', `Format tidak dikenal: ${o.format} (pilihan: pdf, docx)`);
        if (o.p12Visible && !o.p12) throw new AppError('VALIDATION', '--p12-visible hanya bersama --p12.');
        let pades: { p12: Buffer; passphrase: string; visible: boolean } | null = null;
        if (o.p12) {
          let p12: Buffer;
          try {
            p12 = fs.readFileSync(o.p12);
          } catch (e) {
            throw new AppError('NOT_FOUND', `Tidak dapat membaca ${o.p12}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
          }
          const passphrase = o.p12PasswordEnv ? process.env[o.p12PasswordEnv] : await env.io.askSecret('Kata sandi sertifikat .p12: ');
          if (passphrase === undefined || passphrase === null)
            throw new AppError('VALIDATION', 'Kata sandi .p12 tidak diberikan (pakai --p12-password-env VAR atau jalankan di terminal).');
          pades = { p12, passphrase, visible: o.p12Visible === true };
        }
        const ctx = await env.open();
        const caseId = await findCaseId(ctx, ref);
        const doc = await makeLetter(ctx, await cliCaller(ctx), caseId, await chooseLetter(ctx, caseId, ref, o.nomor ?? null), o.format, pades);
        writeOut(o.out, doc);
        env.io.out(`Surat ${doc.letterNumber ?? ''} (kode verifikasi ${doc.verifyCode ?? '-'}) ditulis ke ${path.resolve(o.out)}`);
      }),
    );
  program
    .command('letters')
    .description('buku agenda surat keluar sebuah unit untuk satu tahun sebagai XLSX')
    .requiredOption('--unit <kode>', 'kode unit (lihat Pengaturan › Organisasi)')
    .requiredOption('--year <tahun>', 'tahun surat, mis. 2026')
    .requiredOption('--out <file>', 'berkas XLSX yang ditulis')
    .action((o: { unit: string; year: string; out: string }) =>
      run(async (env) => {
        const year = Number(o.year);
        if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new AppError('VALIDATION', `Tahun tidak sah: ${o.year}`);
        const ctx = await env.open();
        const unit = (await listRefs(ctx.db, 'unit')).find((u) => u.code.toLowerCase() === o.unit.trim().toLowerCase());
        if (!unit) throw new AppError('NOT_FOUND', `Tidak ada unit berkode ${o.unit}.`);
        const doc = await letterRegisterFile(ctx, await cliCaller(ctx), unit.id, year);
        writeOut(o.out, doc);
        env.io.out(`Buku agenda surat keluar ${unit.name} ${year} ditulis ke ${path.resolve(o.out)}`);
      }),
    );
  program
    .command('verify [file]')
    .description('periksa keaslian surat atau lembar disposisi (PDF/DOCX) atau kode verifikasi; keluar 0 hanya bila sah')
    .option('--code <code>', 'kode verifikasi yang tercetak di surat, atau isi kode QR-nya')
    .action((file: string | undefined, o: { code?: string }) =>
      run(async (env) => {
        if (!file && !o.code) throw new AppError('VALIDATION', 'Sebutkan berkas yang diperiksa atau --code KODE.');
        let bytes: Buffer | null = null;
        if (file) {
          try {
            bytes = fs.readFileSync(file);
          } catch (e) {
            throw new AppError('NOT_FOUND', `Tidak dapat membaca ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
          }
        }
        const ctx = await env.open();
        await ctx.office();
        const caller = await cliCaller(ctx);
        const v = bytes ? await verifyFile(ctx, caller, bytes) : await verifyCode(ctx, caller, o.code ?? '');
        printVerification(env, v);
        if (!v.valid) throw new AppError('VALIDATION', v.message);
      }),
    );
}

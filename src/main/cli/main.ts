/**
 * `alur`: the backend, scriptable by administrators. Every command takes the data folder from
 * --data or ALUR_DATA, exits 0 on success, and on failure prints one line and exits non-zero.
 */
import { Command, CommanderError, Option } from 'commander';
import { AppError } from '../../shared/result';
import { openContext } from '../backend/backend';
import { storageError } from '../backend/db/storage-errors';
import { passwordCostFromEnv } from '../backend/services/password';
import type { BackendContext } from '../backend/services/context';
import { appVersion, resolveDataDir, resourcesDir } from './paths';
import { initCommand } from './commands/init';
import { demoCommand } from './commands/demo';
import { casesCommand, caseShowCommand } from './commands/cases';
import { rebuildCommand } from './commands/rebuild';
import { serverCommand } from './commands/server';
import { syncCommand } from './commands/sync';
import { reportCommand } from './commands/report';
import { importCommand } from './commands/import';
import { documentCommands } from './commands/documents';
import { releaseCommand } from './commands/release';
import { backupCommands } from './commands/backup';
import { logCommand } from './commands/log';
import { auditCommand } from './commands/audit';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Asks for a secret on the terminal; null when there is no terminal. */
  askSecret(prompt: string): Promise<string | null>;
}

export interface CliEnv {
  io: CliIo;
  open(opts?: { random?: () => number; now?: () => number }): Promise<BackendContext>;
  dataDir: string;
}

function defaultIo(): CliIo {
  return {
    out: (l) => process.stdout.write(`${l}\n`),
    err: (l) => process.stderr.write(`${l}\n`),
    askSecret: async (prompt) => {
      if (!process.stdin.isTTY) return null;
      const { createInterface } = await import('node:readline/promises');
      const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
      // Hide what is typed: readline echoes through _writeToOutput, which we silence.
      const anyRl = rl as unknown as { _writeToOutput: (s: string) => void };
      process.stdout.write(prompt);
      anyRl._writeToOutput = () => undefined;
      const answer = await rl.question('');
      rl.close();
      process.stdout.write('\n');
      return answer;
    },
  };
}

/** Builds the command tree; `run` collects the async action so main can await it. */
function buildProgram(io: CliIo, run: (fn: (env: CliEnv) => Promise<void>, dataFlag: string | undefined) => void): Command {
  const program = new Command('alur')
    .description('Alur: pengelolaan aspirasi dan pengaduan masyarakat (baris perintah)')
    .version(appVersion(), '-v, --version')
    .addOption(new Option('--data <dir>', 'folder data (default: ALUR_DATA, lalu folder data aplikasi)'))
    .option('--wait', 'bila folder data dipakai program Alur lain: menunggu sampai selesai (tanpa ini: 10 dtk)')
    .showHelpAfterError(false)
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .exitOverride();
  const data = () => program.opts<{ data?: string }>().data;
  initCommand(program, (fn) => run(fn, data()));
  demoCommand(program, (fn) => run(fn, data()));
  casesCommand(program, (fn) => run(fn, data()));
  caseShowCommand(program, (fn) => run(fn, data()));
  rebuildCommand(program, (fn) => run(fn, data()));
  serverCommand(program, (fn) => run(fn, data()));
  syncCommand(program, (fn) => run(fn, data()));
  reportCommand(program, (fn) => run(fn, data()));
  importCommand(program, (fn) => run(fn, data()));
  documentCommands(program, (fn) => run(fn, data()));
  releaseCommand(program, (fn) => run(fn, data()));
  backupCommands(program, (fn) => run(fn, data()));
  logCommand(program, (fn) => run(fn, data()));
  auditCommand(program, (fn) => run(fn, data()));
  return program;
}

/** Runs the CLI; returns the exit status. */
export async function main(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  let action: Promise<void> | null = null;
  const contexts: BackendContext[] = [];
  const program = buildProgram(io, (fn, dataFlag) => {
    const dataDir = resolveDataDir(dataFlag);
    const env: CliEnv = {
      io,
      dataDir,
      open: async (opts) => {
        // --wait: a cron job queues behind the app instead of failing (a day at most).
        const waitMs = argv.includes('--wait') ? 24 * 3_600_000 : 10_000;
        const owner = {
          label: `perintah "alur ${argv
            .filter((a) => !a.startsWith('-'))
            .slice(0, 2)
            .join(' ')}"`,
          waitMs,
          onWait: (m: string) => io.err(`alur: ${m}`),
        };
        const ctx = await openContext({
          dataDir,
          resourcesDir: resourcesDir(),
          appVersion: appVersion(),
          owner,
          passwordCost: passwordCostFromEnv(),
          progress: (m: string) => io.err(`alur: ${m}`),
          ...opts,
        });
        contexts.push(ctx);
        return ctx;
      },
    };
    action = fn(env);
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    if (action) await action;
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version exit through here with code 0.
      return e.exitCode === 0 || e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? 0 : 2;
    }
    const msg = e instanceof AppError ? e.message : (storageError(e)?.message ?? (e instanceof Error ? e.message : String(e)));
    io.err(`alur: ${msg.split('\n')[0]}`);
    if (e instanceof AppError && e.code === 'FOLDER_IN_USE' && !argv.includes('--wait'))
      io.err('alur: ulangi dengan --wait untuk menunggu sampai folder data bebas.');
    return 1;
  } finally {
    for (const c of contexts) await c.opened.close();
  }
}

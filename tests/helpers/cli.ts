/** The `alur` command run in-process (src/main/cli/main.ts), with its output captured by line. */
import { main, type CliIo } from '../../src/main/cli/main';

interface CliRun {
  code: number;
  out: string[];
  err: string[];
}

/** Runs `alur ...args`; `env` is set for the run only. Nothing is asked on a terminal. */
export async function runCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), askSecret: async () => null };
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const code = await main(args, io);
    return { code, out, err };
  } finally {
    process.env = saved;
  }
}

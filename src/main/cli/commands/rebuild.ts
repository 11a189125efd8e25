import type { Command } from 'commander';
import { rebuildProjections } from '../../backend/projection/projector';
import type { CliEnv } from '../main';

type Run = (fn: (env: CliEnv) => Promise<void>) => void;

export function rebuildCommand(program: Command, run: Run): void {
  program
    .command('rebuild')
    .description('membangun ulang status aduan, kotak masuk, dan batas waktu dari log peristiwa')
    .action(() =>
      run(async (env) => {
        const ctx = await env.open();
        const started = Date.now();
        const r = await rebuildProjections(ctx.db, await ctx.projection(), ctx.writer);
        env.io.out(`${r.cases} aduan dari ${r.events} peristiwa dibangun ulang dalam ${((Date.now() - started) / 1000).toFixed(1)} dtk`);
      }),
    );
}

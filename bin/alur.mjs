#!/usr/bin/env node
// The `alur` command from a checkout: runs the TypeScript CLI through tsx (no build step).
import { register } from 'tsx/esm/api';

// `alur cases | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
register();
const { main } = await import('../src/main/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));

#!/usr/bin/env node
// `npm run bench`: measures DESIGN.md section 10 budgets against raw baselines, prints a table.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../bench/run.ts');
process.exitCode = await main(process.argv.slice(2));

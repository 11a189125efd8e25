#!/usr/bin/env node
// Development and test tool only: runs src/main/dev-web/server.ts under tsx (no build step).
// Usage: npm run dev:web -- [--data DIR] [--port PORT] [--static]
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main/dev-web/server.ts');
try {
  await main(process.argv.slice(2));
} catch (e) {
  console.error(`dev-web: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}

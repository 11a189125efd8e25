/**
 * The layering allow-list (eslint/layering.js) proved rule by rule: in-memory code linted as if it
 * were a file in each folder, with the same config block eslint.config.js uses. Each case that
 * must fail names the message it fails with, so a rule that stopped firing fails here. The real tree is checked by `npm run lint` itself.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { layeringConfig } from '../../../eslint/layering.js';

const eslint = new ESLint({ cwd: process.cwd(), overrideConfigFile: true, overrideConfig: layeringConfig });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.message);
}

const cases: Array<{ file: string; code: string; error: string | null }> = [
  // src/shared: pure, imports only itself and zod.
  { file: 'src/shared/x.ts', code: "import { z } from 'zod'; import { ok } from './result';", error: null },
  { file: 'src/shared/x.ts', code: "import fs from 'node:fs';", error: 'shared must not use Node APIs (node:fs).' },
  { file: 'src/shared/x.ts', code: "import path from 'path';", error: 'shared must not use Node APIs (path).' },
  { file: 'src/shared/x.ts', code: "import { app } from 'electron';", error: 'shared may not import the package electron' },
  { file: 'src/shared/x.ts', code: "import React from 'react';", error: 'shared may not import the package react' },
  { file: 'src/shared/api/x.ts', code: "import { openBackend } from '../../main/backend/backend';", error: 'shared may not import backend' },
  // src/main/backend: shared, Node and its runtime dependencies; never Electron or the UI.
  {
    file: 'src/main/backend/x.ts',
    code: "import { sql } from 'kysely'; import { createHash } from 'node:crypto'; import { ok } from '../../shared/result';",
    error: null,
  },
  { file: 'src/main/backend/x.ts', code: "import { app } from 'electron';", error: 'backend may not import the package electron' },
  { file: 'src/main/backend/x.ts', code: "import { t } from '../../renderer/i18n';", error: 'backend may not import renderer' },
  { file: 'src/main/backend/x.ts', code: "import { x } from '../electron/main';", error: 'backend may not import electron' },
  { file: 'src/main/backend/x.ts', code: "import { Button } from 'antd';", error: 'backend may not import the package antd' },
  // src/main/cli: backend and shared.
  { file: 'src/main/cli/x.ts', code: "import { Command } from 'commander'; import { openBackend } from '../backend/backend';", error: null },
  { file: 'src/main/cli/x.ts', code: "import { x } from '../electron/main';", error: 'cli may not import electron' },
  // src/main/electron: shared, Electron and Node; only backend-host.ts loads the backend.
  { file: 'src/main/electron/backend-host.ts', code: "import { openBackend } from '../backend/backend';", error: null },
  {
    file: 'src/main/electron/x.ts',
    code: "import { app } from 'electron'; import { join } from 'node:path'; import { ok } from '../../shared/result';",
    error: null,
  },
  {
    file: 'src/main/electron/x.ts',
    code: "import { openBackend } from '../backend/backend';",
    error: 'In electron, only src/main/electron/backend-host.ts may import backend.',
  },
  {
    file: 'src/main/electron/x.ts',
    code: "import type { Backend } from '../backend/backend';",
    error: 'In electron, only src/main/electron/backend-host.ts may import backend.',
  },
  { file: 'src/main/electron/x.ts', code: "import { App } from '../../renderer/app';", error: 'electron may not import renderer' },
  { file: 'src/main/electron/x.ts', code: "const r = require('../../renderer/app');", error: 'electron may not import renderer' },
  // src/main/dev-web: backend, shared and Node; never Electron.
  { file: 'src/main/dev-web/x.ts', code: "import { WebSocketServer } from 'ws'; import { openBackend } from '../backend/backend';", error: null },
  { file: 'src/main/dev-web/x.ts', code: "import { app } from 'electron';", error: 'dev-web may not import the package electron' },
  { file: 'src/main/dev-web/x.ts', code: "const { app } = await import('electron');", error: 'dev-web may not import the package electron' },
  { file: 'src/main/dev-web/x.ts', code: "import { x } from '../electron/security';", error: 'dev-web may not import electron' },
  // src/renderer: shared and browser libraries; never Node or the main process.
  {
    file: 'src/renderer/x.tsx',
    code: "import { Button } from 'antd'; import { Table } from 'antd/es/table'; import { ok } from '../shared/result';",
    error: null,
  },
  { file: 'src/renderer/x.tsx', code: "import fs from 'node:fs';", error: 'renderer must not use Node APIs (node:fs).' },
  { file: 'src/renderer/x.tsx', code: "import { ipcRenderer } from 'electron';", error: 'renderer may not import the package electron' },
  { file: 'src/renderer/x.tsx', code: "export { openBackend } from '../main/backend/backend';", error: 'renderer may not import backend' },
  // A folder nobody declared may import nothing, so it is restricted until given a layer.
  { file: 'src/main/worker/x.ts', code: "import { ok } from '../../shared/result';", error: 'src/main/worker has no layer in eslint/layering.js' },
  // A path that climbs out of every layer is refused too.
  {
    file: 'src/main/backend/x.ts',
    code: "import pkg from '../../../package.json';",
    error: 'backend may not import package.json (outside every layer).',
  },
];

describe('layering allow-list', () => {
  it.each(cases)('$file: $code', async ({ file, code, error }) => {
    const messages = await problems(file, code);
    if (error === null) expect(messages).toEqual([]);
    else expect(messages).toEqual([expect.stringContaining(error)]);
  });
});

/**
 * Vite builds the React renderer. Root is `src/renderer`, output `out/renderer`, and `base: './'`
 * so the same bundle loads from `file://` inside Electron and from the loopback dev server.
 * Nothing is fetched from the network at run time: fonts are the system's, no CDN.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('./src/renderer', import.meta.url));
const outDir = fileURLToPath(new URL('./out/renderer', import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    // antd is one big chunk by nature; the app is loaded from disk, so size only matters a little.
    chunkSizeWarningLimit: 2500,
  },
  optimizeDeps: {
    // Pre-bundle everything the app imports up front, so the first page load of `dev:web`
    // never triggers a dependency re-optimisation and full reload in the middle of a test.
    include: [
      'react',
      'react-dom/client',
      'react/jsx-runtime',
      'antd',
      'antd/locale/id_ID',
      'antd/locale/en_US',
      '@ant-design/icons',
      'dayjs',
      'dayjs/locale/id',
      'dayjs/plugin/utc',
      'i18next',
      'react-i18next',
    ],
  },
});

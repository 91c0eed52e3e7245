import react from '@vitejs/plugin-react';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const webRoot = path.dirname(fileURLToPath(import.meta.url));

/** The API the dev server proxies to: `npm start` listens on 127.0.0.1:8080 unless PORT says otherwise. */
const apiOrigin = process.env['UPLIFT_API_ORIGIN'] ?? `http://127.0.0.1:${process.env['PORT'] ?? '8080'}`;
const proxy = { '/api': { target: apiOrigin }, '/v1': { target: apiOrigin } };

// `npm run build:web` writes apps/web/dist, which the API serves at / in standalone mode.
// `npm run dev:web` serves the app with hot reload and proxies /api and /v1 to the running API.
export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir: path.join(webRoot, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    // ECharts is loaded on demand in its own chunk; the entry stays small.
    chunkSizeWarningLimit: 900,
  },
  server: { host: '127.0.0.1', port: 5173, proxy },
  preview: { host: '127.0.0.1', port: 4173, proxy },
});

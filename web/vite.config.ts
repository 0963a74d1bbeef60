import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { manifest } from './src/manifest';

/**
 * Vite 8 (Rolldown + Oxc). JSX goes through Oxc's transformer with React's automatic
 * runtime, so no @vitejs/plugin-react is needed (we give up Fast Refresh in dev, which
 * a full reload replaces well enough for this app).
 *
 * Dev: `npm run dev -w web` serves on :5173 and proxies the API and socket.io to the
 * server on :2342 (or `KITH_API_URL`), so cookies stay same-origin.
 */
const apiTarget = process.env.KITH_API_URL ?? 'http://localhost:2342';

export default defineConfig({
  plugins: [
    // The installable app: manifest.webmanifest from src/manifest.ts and the Workbox service worker
    // src/sw/sw.ts (injectManifest: our own worker, with the precache list injected at build).
    // Registration is ours (src/lib/register-sw.ts): the CSP allows no inline script.
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      injectRegister: false,
      manifest,
      injectManifest: { globPatterns: ['**/*.{js,css,html,svg,png,ico,woff2}'] },
    }),
  ],
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'react' },
  },
  server: {
    port: 5173,
    proxy: {
      // The Host header stays localhost:5173, matching the browser's Origin: Kith accepts signed-in changes from
      // the address the browser used (server/src/http/origin-policy.ts), so the dev server needs no KITH_ALLOWED_ORIGINS.
      '/api': { target: apiTarget, changeOrigin: false, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      // lucide-react marks its modules "use client" (for React Server Components);
      // meaningless in a client-only bundle, so the warning is noise.
      onLog(level, log, handler) {
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
    },
  },
});

// Vite config for the chibo SPA.  Built with `npx vite build web --emptyOutDir`
// (root web/, output web/dist); chibo serves web/dist at / with SPA fallback.
// `npx vite web` runs a dev server that proxies the API to a local chibo.
import { defineConfig } from 'vite';

const backend = process.env.CHIBO_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 300,
  },
  server: {
    proxy: {
      '/api': backend,
      '/healthz': backend,
    },
  },
});

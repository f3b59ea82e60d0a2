import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The explorer's build: root web/, output dist/web (served by `iamrisk serve`). JSX through Vite's esbuild
// (automatic runtime). No inline scripts or styles are emitted, so the server's strict CSP holds.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // Inlined assets would become data: URLs; keep every asset a file of this origin.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});

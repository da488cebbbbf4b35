// The renderer bundle: root renderer/, built to dist/renderer with relative URLs (base './') so the same files load
// from the web host's http origin and from Electron's app:// protocol. Workers (validation, elk layout) are ES
// modules next to the bundle.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 2500,
    // The elk worker is large and must stay a separate file.
    assetsInlineLimit: (file) => (file.includes('elk-worker') ? false : undefined),
  },
  worker: { format: 'es' },
  server: { fs: { allow: ['..'] } },
});

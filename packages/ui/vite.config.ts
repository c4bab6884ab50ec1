import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** `vite build` writes the web studio to dist/ (served by `scrapifie serve` at /). */
export default defineConfig({
  plugins: [react()],
  base: './',
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1500 },
  worker: { format: 'es' },
  server: { proxy: { '/trpc': 'http://127.0.0.1:3000', '/api': 'http://127.0.0.1:3000' } },
});

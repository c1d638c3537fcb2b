/**
 * The workbench's build: React through Vite, from web/ into web/dist, which the server serves at
 * `/`. `npm run dev:web` serves it with hot reload and sends /api to the server on port 8080.
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The graph, the map and the charts are large libraries loaded with their screens only.
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: { '/api': 'http://localhost:8080' },
  },
});

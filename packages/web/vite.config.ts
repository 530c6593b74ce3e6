import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run build:web` writes dist/, which the Fastify server serves at /. In dev, /api goes to `npm start`.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});

import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web app lives in web/; its build lands in web/dist, served by Node and by Workers assets.
// `npm run dev:web` proxies /api to a running `npm start` on PORT (default 8787).
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 900 },
  server: { proxy: { '/api': `http://localhost:${process.env.PORT ?? 8787}` } },
});

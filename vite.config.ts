import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';

// The web app lives in web/; its build lands in web/dist, served by Node and by Workers assets.
// `npm run dev:web` proxies /api to a running `npm start` on PORT (default 8787).
// Each text asset also gets a Brotli and a gzip copy, which the Node server sends to browsers that
// accept them (api/node.ts, serveStatic's `precompressed`): the resident page's SurveyJS chunk is
// 1.5 MB as is. Workers leave them out (web/public/.assetsignore): Cloudflare compresses itself.
export default defineConfig({
  root: 'web',
  plugins: [react(), compression({ algorithms: ['brotliCompress', 'gzip'], include: /\.(js|css|html|svg|json)$/, threshold: 1024 })],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 900 },
  server: { proxy: { '/api': `http://localhost:${process.env.PORT ?? 8787}` } },
});

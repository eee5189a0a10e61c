import { defineConfig } from 'drizzle-kit';

// One migrations folder for libSQL (applied at start) and D1 (wrangler d1 migrations apply).
export default defineConfig({
  dialect: 'sqlite',
  schema: './api/db/schema/index.ts',
  out: './api/db/migrations',
});

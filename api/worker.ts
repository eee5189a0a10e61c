// Cloudflare Workers entry (the scale path): D1 binding, the web build as static assets.
// Migrations are applied by `wrangler d1 migrations apply`; the demo is seeded on first request
// when SEED_DEMO=1 (as `npm run dev:worker` sets it).
import { drizzle } from 'drizzle-orm/d1';
import { createApp } from './app';
import { type AppDb, schema } from './db/client';
import { bootstrap, describeStart } from './db/bootstrap';
import { parseEnv } from './env';

export type WorkerBindings = {
  DB: D1Database;
  ASSETS: Fetcher;
  [variable: string]: unknown;
};

let ready: Promise<ReturnType<typeof createApp>> | null = null;

async function build(env: WorkerBindings, origin: string) {
  // One request may not await another's I/O on Workers, so signals are not grouped into shared commits.
  const config = parseEnv({ PUBLIC_URL: origin, SIGNAL_BATCH_MAX: '1', ...env });
  // drizzle's D1 and libSQL databases share the async SQLite query API and `batch`;
  // routes only use that common surface.
  const db = drizzle(env.DB, { schema }) as unknown as AppDb;
  const result = await bootstrap(db, config, new Date());
  if (result.seeded) console.log(describeStart(config, config.publicUrl, result));
  return createApp({ db, config, runtime: 'workers', clock: () => new Date(), clientAddress: (c) => c.req.header('cf-connecting-ip'), assets: async (req) => {
      // Asset responses have immutable headers; copy so the security headers can be added.
      const res = await env.ASSETS.fetch(req);
      return new Response(res.body, res);
    },
  });
}

export default {
  async fetch(request: Request, env: WorkerBindings, ctx: ExecutionContext): Promise<Response> {
    ready ??= build(env, new URL(request.url).origin).catch((err) => {
      ready = null;
      throw err;
    });
    const app = await ready;
    return app.fetch(request, env, ctx);
  },
} satisfies ExportedHandler<WorkerBindings>;

// What the app factory needs from its runtime; each entry (Node, Workers, tests) builds these.
import type { Context } from 'hono';
import type { AppDb } from './db/client';
import type { Config } from './env';

export type Runtime = 'node' | 'workers';

export type AppDeps = {
  db: AppDb;
  config: Config;
  runtime: Runtime;
  /** Injected so tests can move time (expiries, rate-limit windows). */
  clock: () => Date;
  /** Serves the built web app (SPA fallback included) for every path outside /api. */
  assets?: (request: Request) => Response | Promise<Response>;
  /** The client's network address, read the runtime's way; used only, hashed, for abuse limits. */
  clientAddress?: (c: Context) => string | undefined;
};

export type AppEnv = { Variables: { deps: AppDeps } };

// What the app factory needs from its runtime; each entry (Node, Workers, tests) builds these.
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
};

export type AppEnv = { Variables: { deps: AppDeps } };

// What the app factory needs from its runtime; each entry (Node, Workers, tests) builds these.
import type { Context } from 'hono';
import type { AppDb } from './db/client';
import type { ReadColumns, WriteBatch, WriteEach } from './db/write-worker';
import type { Config } from './env';
import type { SignalPoster } from './routes/signals/post-signal';

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
  /**
   * Node with a libSQL file: runs the resident-signal group commits on a worker thread's own
   * connection, so the synchronous SQLite commit does not stall the event loop. Absent on Workers
   * (D1 is already off-thread) and where a test wants the plain path.
   */
  writeEach?: WriteEach;
  /**
   * The same write worker's connection for a large set-up write (a territory import that re-zones
   * many signals): one transaction there, off the event loop. Elsewhere `db.batch`.
   */
  writeBatch?: WriteBatch;
  /**
   * Node with a libSQL file: runs the long read of a diagnosis's signals for analysis on a worker
   * thread's own connection (about a second for a million signals), so requests are not held up
   * meanwhile. Elsewhere the same query runs through `db`.
   */
  readColumns?: ReadColumns;
  /** Load the newest diagnoses' analysis evidence as the app starts (the Node server). */
  preloadAnalysis?: boolean;
  /** The Node HTTP server writes the security headers itself (api/lib/security-headers.ts). */
  securityHeadersByServer?: boolean;
  /**
   * The resident-signal writer (its group-commit queue and rate-limit counters), when the runtime
   * shares it with a path of its own for that route (the Node server); otherwise the app makes one.
   */
  signalPoster?: SignalPoster;
};

export type AppEnv = { Variables: { deps: AppDeps } };

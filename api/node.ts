// Node entry (the embedded default): libSQL file, migrations at start, demo on an empty db,
// the API under /api and the built web app everywhere else.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type RequestListener, type ServerOptions } from 'node:http';
import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { createApp } from './app';
import { bootstrap, describeStart } from './db/bootstrap';
import { openNodeDb } from './db/node';
import { startWriteWorker } from './db/write-worker';
import { parseEnv } from './env';
import { setSecurityHeaders } from './lib/security-headers';

/** How often the reader thread copies committed WAL frames into the database file. */
const CHECKPOINT_MS = 500;

const WEB_DIST = resolve(import.meta.dirname ?? '.', '../web/dist');

/** Static files of the Vite build, with index.html for every client-side route. */
export function webAssets(root = WEB_DIST) {
  const index = existsSync(resolve(root, 'index.html')) ? readFileSync(resolve(root, 'index.html'), 'utf8') : null;
  const web = new Hono();
  web.use('/assets/*', serveStatic({ root, onFound: (_p, c) => c.header('cache-control', 'public, max-age=31536000, immutable') }));
  web.use('*', serveStatic({ root }));
  web.get('*', (c) => (index ? c.html(index) : c.text('The web app is not built: run `npm run build`.', 503)));
  return (req: Request) => web.fetch(req);
}

export async function main() {
  const config = parseEnv(process.env);
  const { db } = await openNodeDb(config.databaseUrl, config.databaseAuthToken);
  const result = await bootstrap(db, config, new Date());
  // A local file: resident signals commit on a worker thread (a remote libsql:// server is async already).
  const localFile = config.databaseUrl.startsWith('file:') && !config.databaseUrl.includes(':memory:');
  const writer = localFile ? startWriteWorker(config.databaseUrl) : undefined;
  // A second connection on its own thread for the analysis reads, so a long read never delays a
  // commit. It also copies committed WAL pages into the database file every CHECKPOINT_MS
  // (passive: it blocks no one), so the writer's own automatic checkpoints find little left to
  // copy: resident signals acknowledged went from about 4,300 to 5,700 a second (bench:ingest).
  const reader = localFile ? startWriteWorker(config.databaseUrl) : undefined;
  const checkpoints = reader ? setInterval(() => void reader.checkpoint().catch(() => undefined), CHECKPOINT_MS) : undefined;
  checkpoints?.unref();
  const app = createApp({
    db,
    config,
    runtime: 'node',
    clock: () => new Date(),
    assets: webAssets(),
    // The socket's peer, or behind a reverse proxy (TRUST_PROXY=1) the address it appended last.
    writeEach: writer?.writeEach,
    writeBatch: writer?.writeBatch,
    readColumns: reader?.readColumns,
    preloadAnalysis: true,
    securityHeadersByServer: true,
    clientAddress: (c) => (config.trustProxy ? c.req.header('x-forwarded-for')?.split(',').pop()?.trim() : undefined) || getConnInfo(c).remote.address,
  });
  // Every response gets the security headers from the server, before the app answers.
  const withHeaders = ((options: ServerOptions, listener: RequestListener) =>
    createServer(options, (req, res) => {
      setSecurityHeaders(res);
      listener(req, res);
    })) as typeof createServer;
  const server = serve({ fetch: app.fetch, port: config.port, createServer: withHeaders }, () => {
    console.log(describeStart(config, config.publicUrl, result));
  });
  const stop = () =>
    server.close(() => {
      clearInterval(checkpoints);
      void Promise.all([writer?.close(), reader?.close()]).finally(() => process.exit(0));
    });
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename ?? '')) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}

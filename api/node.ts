// Node entry (the embedded default): libSQL file, migrations at start, demo on an empty db,
// the API under /api and the built web app everywhere else.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { getConnInfo } from '@hono/node-server/conninfo';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { createApp } from './app';
import { bootstrap, describeStart } from './db/bootstrap';
import { openNodeDb } from './db/node';
import { startWriteWorker } from './db/write-worker';
import { parseEnv } from './env';
import { createNodeServer, lastForwardedFor } from './node-server';
import { nodeSignalPath } from './routes/signals/node-signal-path';
import { createSignalPoster } from './routes/signals/post-signal';

/** How often the reader thread copies committed WAL frames into the database file. */
const CHECKPOINT_MS = 500;

const WEB_DIST = resolve(import.meta.dirname ?? '.', '../web/dist');

/** Static files of the Vite build, with index.html for every client-side route. */
export function webAssets(root = WEB_DIST) {
  const index = existsSync(resolve(root, 'index.html')) ? readFileSync(resolve(root, 'index.html'), 'utf8') : null;
  const web = new Hono();
  // `precompressed`: the build's .br / .gz copy (vite.config.ts) when the browser accepts it.
  web.use('/assets/*', serveStatic({ root, precompressed: true, onFound: (_p, c) => c.header('cache-control', 'public, max-age=31536000, immutable') }));
  const files = serveStatic({ root, precompressed: true });
  // Dot files of the build (web/public/.assetsignore) are not the app's to serve: the page, as on Workers.
  web.use('*', (c, next) => (c.req.path.split('/').some((s) => s.startsWith('.')) ? next() : files(c, next)));
  web.get('*', (c) => (index ? c.html(index) : c.text('The web app is not built: run `npm run build`.', 503)));
  return (req: Request) => web.fetch(req);
}

export async function main() {
  const config = parseEnv(process.env);
  const { db } = await openNodeDb(config.databaseUrl, config.databaseAuthToken);
  const result = await bootstrap(db, config, new Date());
  // A local file: resident signals commit on a worker thread (a remote libsql:// server is async already).
  const localFile = config.databaseUrl.startsWith('file:') && !config.databaseUrl.includes(':memory:');
  // Its own automatic checkpoints (two fsyncs each, inside a commit, holding up every report in
  // flight) only every 50,000 WAL pages (about 200 MB of WAL, a few seconds of sustained load)
  // rather than SQLite's 1,000: the reader thread below copies pages into the database file
  // meanwhile, and when reports pause its checkpoint catches up and the WAL starts over. bench:ingest
  // 30 s at 50 connections: 1,000 pages 7,077, 10,000 pages 8,432-10,025, 50,000 pages 10,776
  // signals/s, p99 19 -> 11 ms.
  const writer = localFile ? startWriteWorker(config.databaseUrl, { pragmas: ['wal_autocheckpoint = 50000'] }) : undefined;
  // A second connection on its own thread for the analysis reads, so a long read never delays a
  // commit. It also copies committed WAL pages into the database file every CHECKPOINT_MS
  // (passive: it blocks no one), so the writer's own automatic checkpoints find little left to
  // copy: resident signals acknowledged went from about 4,300 to 5,700 a second (bench:ingest).
  const reader = localFile ? startWriteWorker(config.databaseUrl) : undefined;
  const checkpoints = reader ? setInterval(() => void reader.checkpoint().catch(() => undefined), CHECKPOINT_MS) : undefined;
  checkpoints?.unref();
  const clock = () => new Date();
  // Behind a reverse proxy (TRUST_PROXY=1), the client is the address the proxy appended last.
  const proxied = (header: string | string[] | undefined) => (config.trustProxy ? lastForwardedFor(header) : undefined);
  // One signal writer (group-commit queue, rate-limit counters) for the Hono route and the direct path.
  const signalPoster = createSignalPoster({ db, config, clock, writeEach: writer?.writeEach });
  const app = createApp({
    db,
    config,
    runtime: 'node',
    clock,
    assets: webAssets(),
    signalPoster,
    writeEach: writer?.writeEach,
    writeBatch: writer?.writeBatch,
    readColumns: reader?.readColumns,
    preloadAnalysis: true,
    securityHeadersByServer: true,
    // The socket's peer, or the proxy's last X-Forwarded-For entry.
    clientAddress: (c) => proxied(c.req.header('x-forwarded-for')) || getConnInfo(c).remote.address,
  });
  const direct = nodeSignalPath(signalPoster, {
    clientAddress: (req) => proxied(req.headers['x-forwarded-for']) || req.socket.remoteAddress,
    logRequests: config.logRequests,
  });
  const server = createNodeServer(app.fetch, direct);
  server.listen(config.port, () => {
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

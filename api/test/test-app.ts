// Tests build the real app on a real libSQL file (one per test file, in the OS temp dir).
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../app';
import type { AppDeps } from '../deps';
import type { AppDb } from '../db/client';
import { openNodeDb } from '../db/node';
import { startWriteWorker } from '../db/write-worker';
import { seedDemo, type SeedResult } from '../db/seed/demo';
import { parseEnv } from '../env';
import { createNodeServer, type DirectPath } from '../node-server';
import { nodeSignalPath } from '../routes/signals/node-signal-path';
import { createSignalPoster } from '../routes/signals/post-signal';

export type TestApp = {
  app: ReturnType<typeof createApp>;
  db: AppDb;
  /** The libSQL URL of the test's database file. */
  url: string;
  seed: SeedResult | null;
  /** Moves the injected clock. */
  now: { value: Date };
  request: (path: string, init?: RequestInit & { json?: unknown }) => Promise<Response>;
  /** With `http`: how many requests the Node server's direct path answered (the rest went to the app). */
  directAnswers: () => number;
  close: () => Promise<void>;
};

export async function createTestApp(
  opts: {
    seed?: boolean;
    residentSignals?: number;
    env?: Record<string, string>;
    deps?: Partial<AppDeps>;
    /** Signals commit on a worker thread's connection, as `npm start` does. */
    writeWorker?: boolean;
    /**
     * Requests go over a socket to the Node HTTP server `npm start` runs (api/node-server.ts):
     * security headers from the server and the direct path for resident signals in front of the app.
     */
    http?: boolean;
  } = {},
): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'osservatorio-test-'));
  const url = `file:${join(dir, 'test.db')}`;
  const config = parseEnv({ DATABASE_URL: url, SEED_DEMO: '0', ...opts.env });
  const { db, close } = await openNodeDb(url);
  const now = { value: new Date('2026-11-01T10:00:00Z') };
  const seed = opts.seed ? await seedDemo(db, { now: now.value, residentSignals: opts.residentSignals ?? 400 }) : null;
  const worker = opts.writeWorker ? startWriteWorker(url) : undefined;
  const clock = () => now.value;
  const base = { db, config, clock, writeEach: worker?.writeEach, ...opts.deps };
  const signalPoster = opts.http ? (opts.deps?.signalPoster ?? createSignalPoster(base)) : opts.deps?.signalPoster;
  const app = createApp({ runtime: 'node', writeBatch: worker?.writeBatch, securityHeadersByServer: opts.http, ...base, signalPoster });
  let directAnswers = 0;
  const direct = opts.http ? nodeSignalPath(signalPoster!, { clientAddress: (req) => req.socket.remoteAddress }) : undefined;
  const counted: DirectPath | undefined = direct && ((req, res) => (direct(req, res) ? (directAnswers++, true) : false));
  const server = counted ? await listen(createNodeServer(app.fetch, counted)) : undefined;
  const request = (path: string, init: RequestInit & { json?: unknown } = {}) => {
    const { json, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (json !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
    const body = json !== undefined ? JSON.stringify(json) : rest.body;
    if (server) return overSocket(server.port, path, rest.method ?? 'GET', headers, body);
    return Promise.resolve(app.request(path, { ...rest, headers, body }));
  };
  return {
    app,
    db,
    url,
    seed,
    now,
    request,
    directAnswers: () => directAnswers,
    close: async () => {
      await server?.close();
      await worker?.close();
      close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The server on a free port of the loopback interface. */
async function listen(server: ReturnType<typeof createNodeServer>) {
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((ok) => server.close(() => ok()).closeAllConnections()),
  };
}

const agent = new Agent({ keepAlive: true });

/** One request over the socket, as a web Response; the headers go as given (a wrong content-length included). */
function overSocket(port: number, path: string, method: string, headers: Headers, body: BodyInit | null | undefined): Promise<Response> {
  if (body != null && typeof body !== 'string') throw new Error('The HTTP test client sends string bodies only.');
  const head: Record<string, string> = Object.fromEntries(headers);
  // A length the test declares itself may not match the body: that connection is not reused.
  const ownFraming = head['content-length'] !== undefined || head['transfer-encoding'] !== undefined;
  if (body != null && !ownFraming) head['content-length'] = String(Buffer.byteLength(body));
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method, headers: head, agent: ownFraming ? false : agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const out = new Headers();
        for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) out.set(name, Array.isArray(value) ? value.join(', ') : value);
        const status = res.statusCode ?? 0;
        resolve(new Response(status === 204 || status === 304 ? null : Buffer.concat(chunks), { status, headers: out }));
      });
    });
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}

/** Row counts of every table: tests assert that rejected input changed none of them. */
export async function tableCounts(db: AppDb): Promise<Record<string, number>> {
  const tables = await db.all<{ name: string }>(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name`);
  const out: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await db.all<{ n: number }>(`select count(*) as n from "${name}"`);
    out[name] = row.n;
  }
  return out;
}

/**
 * A digest of every table's content: tests of updates assert that a refused request changed no
 * row at all, which counts alone would not show.
 */
export async function tableDigests(db: AppDb): Promise<Record<string, string>> {
  const tables = await db.all<{ name: string }>(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name`);
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const rows = await db.all(`select * from "${name}" order by rowid`);
    out[name] = `${rows.length} rows, ${createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 16)}`;
  }
  return out;
}

export async function expectProblem(res: Response, status: number) {
  const body = (await res.json()) as { status: number; title: string; detail?: string; errors?: { field: string; message: string }[] };
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(body)}`);
  if (!res.headers.get('content-type')?.startsWith('application/problem+json')) throw new Error(`not a problem document: ${res.headers.get('content-type')}`);
  if (body.status !== status || !body.title) throw new Error(`malformed problem: ${JSON.stringify(body)}`);
  if (JSON.stringify(body).includes('    at ')) throw new Error('stack trace leaked');
  return body;
}

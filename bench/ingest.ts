// `npm run bench:ingest`: how many resident signals per second the Node server acknowledges
// after commit, against a bare Node HTTP JSON echo on the same machine as the ceiling.
// Starts the real server (`api/node.ts`) on a temp libSQL file with the demo, drives
// POST /api/diagnoses/demo/signals with fresh ids via autocannon, then counts the rows: every
// acknowledged (2xx) signal must be in the database.
//
// Env: DURATION (seconds per run, default 30), CONNECTIONS (default 50), SIGNAL_BATCH_MAX
// (group-commit size, passed to the server). The server runs with SIGNAL_RATE_LIMIT=0: one load
// generator is one client address and would otherwise be throttled after 30 signals.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createClient } from '@libsql/client';

type AutocannonResult = {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; p97_5: number; average: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
  duration: number;
};
type AutocannonOptions = {
  url: string;
  connections: number;
  duration: number;
  pipelining?: number;
  requests: { method: string; path: string; headers: Record<string, string>; setupRequest?: (req: { body?: string }) => { body?: string } }[];
};
const autocannon = createRequire(import.meta.url)('autocannon') as (opts: AutocannonOptions) => Promise<AutocannonResult>;

const root = resolve(import.meta.dirname ?? '.', '..');
const DURATION = Number(process.env.DURATION ?? 30);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
    s.on('error', fail);
  });
}

async function waitFor(url: string, child: ChildProcess, timeoutMs = 120_000) {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${url}`);
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((ok) => {
    if (child.exitCode !== null) return ok();
    child.once('exit', () => ok());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}

// The ceiling: parse the JSON body and answer a small JSON, nothing else.
const ECHO_SOURCE = `
const http = require('node:http');
http.createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (c) => { body += c; });
  req.on('end', () => {
    const v = JSON.parse(body);
    const out = JSON.stringify({ id: v.id, zoneId: null });
    res.writeHead(201, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(out) });
    res.end(out);
  });
}).listen(Number(process.env.PORT), '127.0.0.1');
`;

/** Bodies with a fresh id each: a few templates (places and answers) with the id spliced in. */
function bodyMaker(places: { lat: number; lon: number }[]) {
  const templates = places.map((p, i) => {
    const json = JSON.stringify({
      id: '@@ID@@',
      lat: p.lat,
      lon: p.lon,
      categories: i % 3 === 0 ? ['lighting', 'drugs'] : ['groups'],
      timeBands: i % 2 === 0 ? ['evening', 'night'] : ['afternoon'],
      days: ['weekend'],
      intensity: 1 + (i % 5),
      helps: ['lighting'],
    });
    const [before, after] = json.split('"@@ID@@"');
    return { before, after };
  });
  let n = 0;
  return () => {
    const t = templates[n++ % templates.length];
    return `${t.before}"${randomUUID()}"${t.after}`;
  };
}

async function drive(port: number, path: string, next: () => string): Promise<AutocannonResult> {
  return autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: [{ method: 'POST', path, headers: { 'content-type': 'application/json' }, setupRequest: (req) => ({ ...req, body: next() }) }],
  });
}

function centroid(ring: number[][]) {
  const pts = ring.slice(0, -1);
  return { lon: pts.reduce((s, p) => s + p[0], 0) / pts.length, lat: pts.reduce((s, p) => s + p[1], 0) / pts.length };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'osservatorio-bench-'));
  const dbFile = join(dir, 'bench.db');
  const children: ChildProcess[] = [];
  try {
    // --- ceiling: the echo server ---
    const echoPort = await freePort();
    const echo = spawn(process.execPath, ['-e', ECHO_SOURCE], { env: { ...process.env, PORT: String(echoPort) }, stdio: 'inherit' });
    children.push(echo);
    await new Promise((r) => setTimeout(r, 300));
    const places = [{ lat: 43.8375, lon: 10.567 }];
    console.log(`Echo ceiling: ${DURATION}s, ${CONNECTIONS} connections…`);
    const echoRun = await drive(echoPort, '/echo', bodyMaker(places));
    await stop(echo);

    // --- the real server ---
    const port = await freePort();
    const server = spawn(process.execPath, ['--import', 'tsx', join(root, 'api/node.ts')], {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        DATABASE_URL: `file:${dbFile}`,
        SEED_DEMO: '1',
        SIGNAL_RATE_LIMIT: '0',
        LOG_REQUESTS: '0',
        ADMIN_EMAIL: '',
        ADMIN_PASSWORD: '',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(server);
    await waitFor(`http://127.0.0.1:${port}/api/health`, server);
    const pub = (await (await fetch(`http://127.0.0.1:${port}/api/diagnoses/demo/public`)).json()) as {
      zones: { features: { geometry: { coordinates: number[][][] } }[] };
    };
    const zonePlaces = pub.zones.features.map((f) => centroid(f.geometry.coordinates[0]));
    const db = createClient({ url: `file:${dbFile}` });
    const countRows = async () => Number((await db.execute(`select count(*) as n from signals where source = 'resident'`)).rows[0].n);
    const before = await countRows();

    // Warm-up (JIT, caches), not counted.
    const warmup = await autocannon({
      url: `http://127.0.0.1:${port}`,
      connections: 10,
      duration: 2,
      requests: [{ method: 'POST', path: '/api/diagnoses/demo/signals', headers: { 'content-type': 'application/json' }, setupRequest: (req) => ({ ...req, body: bodyMaker(zonePlaces)() }) }],
    });
    const afterWarmup = await countRows();
    console.log(`Signals: ${DURATION}s, ${CONNECTIONS} connections (warm-up stored ${afterWarmup - before})…`);
    const run = await drive(port, '/api/diagnoses/demo/signals', bodyMaker(zonePlaces));
    await new Promise((r) => setTimeout(r, 500));
    const stored = (await countRows()) - afterWarmup;
    await stop(server);
    db.close();

    const acked = run['2xx'];
    const rate = acked / run.duration;
    const echoRate = echoRun['2xx'] / echoRun.duration;
    const lost = Math.max(0, acked - stored);
    const row = (name: string, r: AutocannonResult, perSec: number) =>
      `${name.padEnd(10)} ${perSec.toFixed(0).padStart(9)}/s  p50 ${String(r.latency.p50).padStart(4)} ms  p99 ${String(r.latency.p99).padStart(4)} ms  max ${String(r.latency.max).padStart(5)} ms  errors ${r.errors}  timeouts ${r.timeouts}  non-2xx ${r.non2xx}`;
    console.log('');
    console.log(row('echo', echoRun, echoRate));
    console.log(row('signals', run, rate));
    console.log('');
    console.log(`signals/s acknowledged after commit: ${rate.toFixed(0)}  (${((rate / echoRate) * 100).toFixed(0)} % of the echo)`);
    console.log(`acknowledged ${acked}, new rows ${stored}, lost ${lost}${stored > acked ? ` (${stored - acked} committed whose answer arrived after the run stopped counting)` : ''}`);
    console.log(`warm-up: ${warmup['2xx']} acknowledged, ${warmup.non2xx + warmup.errors} failed`);
    const targets = [
      ['≥ 10,000 signals/s', rate >= 10_000],
      ['p99 < 25 ms', run.latency.p99 < 25],
      ['zero errors', run.errors + run.timeouts + run.non2xx === 0],
      ['zero lost', lost === 0],
    ] as const;
    console.log(targets.map(([t, ok]) => `${ok ? 'met' : 'MISSED'}: ${t}`).join('\n'));
    if (lost > 0 || run.errors + run.non2xx > 0) process.exitCode = 1;
  } finally {
    for (const c of children) await stop(c);
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();

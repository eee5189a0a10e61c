// Tests build the real app on a real libSQL file (one per test file, in the OS temp dir).
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../app';
import type { AppDeps } from '../deps';
import type { AppDb } from '../db/client';
import { openNodeDb } from '../db/node';
import { startWriteWorker } from '../db/write-worker';
import { seedDemo, type SeedResult } from '../db/seed/demo';
import { parseEnv } from '../env';

export type TestApp = {
  app: ReturnType<typeof createApp>;
  db: AppDb;
  /** The libSQL URL of the test's database file. */
  url: string;
  seed: SeedResult | null;
  /** Moves the injected clock. */
  now: { value: Date };
  request: (path: string, init?: RequestInit & { json?: unknown }) => Promise<Response>;
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
  } = {},
): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'osservatorio-test-'));
  const url = `file:${join(dir, 'test.db')}`;
  const config = parseEnv({ DATABASE_URL: url, SEED_DEMO: '0', ...opts.env });
  const { db, close } = await openNodeDb(url);
  const now = { value: new Date('2026-11-01T10:00:00Z') };
  const seed = opts.seed ? await seedDemo(db, { now: now.value, residentSignals: opts.residentSignals ?? 400 }) : null;
  const worker = opts.writeWorker ? startWriteWorker(url) : undefined;
  const app = createApp({ db, config, runtime: 'node', clock: () => now.value, writeEach: worker?.writeEach, writeBatch: worker?.writeBatch, ...opts.deps });
  const request = (path: string, init: RequestInit & { json?: unknown } = {}) => {
    const { json, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (json !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
    return Promise.resolve(app.request(path, { ...rest, headers, body: json !== undefined ? JSON.stringify(json) : rest.body }));
  };
  return {
    app,
    db,
    url,
    seed,
    now,
    request,
    close: async () => {
      await worker?.close();
      close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
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

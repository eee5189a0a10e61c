// `npm run bench:rezone`: territory imports that re-zone the stored signals, in-process on a real
// libSQL file as `npm start` runs it (the reads on a worker thread's connection), on the demo with
// 1,000,000 generated signals (BENCH_SIGNALS to change it; BENCH_DB=file:… to start from a copy of
// a database that already has them, e.g. one `npm run generate:signals` filled).
// Each import is timed end to end (plan, read, place, one batch), with the longest stall of the
// event loop meanwhile, and its re-zoning alone is timed too (read and place, nothing written).
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { PolygonGeometry } from '../analysis/geometry';
import { createApp } from '../api/app';
import { openNodeDb } from '../api/db/node';
import { diagnoses, signals, zones } from '../api/db/schema';
import { DEMO_ADMIN, seedDemo } from '../api/db/seed/demo';
import { startWriteWorker } from '../api/db/write-worker';
import { parseEnv } from '../api/env';
import { planRezone } from '../api/routes/imports/rezone';
import { generateSignals } from './generate-signals';

const N = Number(process.env.BENCH_SIGNALS ?? 1_000_000);

const shift = (g: PolygonGeometry, dLon: number): PolygonGeometry => {
  const ring = (r: number[][]) => r.map(([lon, lat]) => [Math.round((lon + dLon) * 1e6) / 1e6, lat]);
  return g.type === 'Polygon' ? { type: 'Polygon', coordinates: g.coordinates.map(ring) } : { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(ring)) };
};
const square = (lon: number, lat: number, dLon: number, dLat: number): PolygonGeometry => ({
  type: 'Polygon',
  coordinates: [[[lon, lat], [lon + dLon, lat], [lon + dLon, lat + dLat], [lon, lat + dLat], [lon, lat]]],
});

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'osservatorio-bench-rezone-'));
  const url = `file:${join(dir, 'bench.db')}`;
  const t0 = performance.now();
  if (process.env.BENCH_DB) copyFileSync(process.env.BENCH_DB.replace(/^file:/, ''), join(dir, 'bench.db'));
  const { db, close } = await openNodeDb(url);
  if (!process.env.BENCH_DB) {
    await seedDemo(db, { now: new Date() });
    await generateSignals(url, 'demo', N);
  }
  const [d] = await db.select().from(diagnoses).where(eq(diagnoses.slug, 'demo'));
  const total = (await db.$count(signals, eq(signals.diagnosisId, d.id))).toLocaleString('en');
  console.log(`Demo with ${total} signals ready in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);

  const reader = startWriteWorker(url);
  const writer = startWriteWorker(url);
  const app = createApp({ db, config: parseEnv({ DATABASE_URL: url }), runtime: 'node', clock: () => new Date(), readColumns: reader.readColumns, writeEach: writer.writeEach, writeBatch: writer.writeBatch });
  const login = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(DEMO_ADMIN) });
  const headers = { cookie: login.headers.get('set-cookie')!.split(';')[0], 'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken, 'content-type': 'application/geo+json' };

  const stored = await db.select({ id: zones.id, name: zones.name, geometry: zones.geometry, areaKm2: zones.areaKm2 }).from(zones).where(eq(zones.diagnosisId, d.id));
  const box = stored.reduce((b, z) => {
    const g = z.geometry.type === 'Polygon' ? [z.geometry.coordinates] : z.geometry.coordinates;
    for (const p of g) for (const [lon, lat] of p[0]) b = [Math.min(b[0], lon), Math.min(b[1], lat), Math.max(b[2], lon), Math.max(b[3], lat)];
    return b;
  }, [Infinity, Infinity, -Infinity, -Infinity]);
  const zone = (name: string, geometry: PolygonGeometry) => ({ type: 'Feature', properties: { kind: 'zone', name }, geometry });
  const collection = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
  const [w, s, e, n] = box;
  const steps: [string, string][] = [
    ['one zone moved by 1 m (every point read and placed, few move)', collection([zone(stored[0].name, shift(stored[0].geometry, 0.000013))])],
    ['a new district over the western third of the territory', collection([zone('Distretto ovest (bench)', square(w, s, (e - w) / 3, n - s))])],
    ['every zone moved 500 m east', collection(stored.map((z) => zone(z.name, shift(z.geometry, 0.0062))))],
    ['every zone back, the district removed from the west', collection([...stored.map((z) => zone(z.name, z.geometry)), zone('Distretto ovest (bench)', square(e + 1, n + 1, 0.001, 0.001))])],
  ];

  const rows: string[][] = [];
  for (const [label, body] of steps) {
    // The re-zoning's read and placing alone, against the zones as they are before this import.
    const current = await db.select({ id: zones.id, geometry: zones.geometry, areaKm2: zones.areaKm2 }).from(zones).where(eq(zones.diagnosisId, d.id));
    const p0 = performance.now();
    const plan = await planRezone(db, reader.readColumns, d.id, current);
    const planMs = performance.now() - p0;
    // Before the first import the generator's points may disagree with the ingest rule (it takes the
    // first zone containing a point, not the smallest): the first import puts those right too.
    if (rows.length === 0 && plan.moved > 0) console.log(`Before the first import, ${plan.moved.toLocaleString('en')} stored signals are not in the zone the ingest rule gives them.\n`);
    if (rows.length > 0 && plan.moved !== 0) throw new Error(`${plan.moved} signals were left in the wrong zone by the previous import`);

    // The longest the event loop waited, sampled every 5 ms, while the import ran.
    let stall = 0;
    let last = performance.now();
    const probe = setInterval(() => {
      const now = performance.now();
      stall = Math.max(stall, now - last - 5);
      last = now;
    }, 5);
    const i0 = performance.now();
    const res = await app.request('/api/diagnoses/demo/imports/territory', { method: 'POST', headers, body });
    const result = (await res.json()) as { signalsChecked: number; signalsRezoned: number; detail?: string };
    const importMs = performance.now() - i0;
    clearInterval(probe);
    if (res.status !== 201) throw new Error(`${label}: ${res.status} ${result.detail}`);
    rows.push([label, result.signalsChecked.toLocaleString('en'), result.signalsRezoned.toLocaleString('en'), planMs.toFixed(0), importMs.toFixed(0), stall.toFixed(0)]);
  }

  const head = ['import', 'signals placed', 'moved', 'read + place ms', 'whole import ms', 'longest event-loop stall ms'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(head));
  for (const r of rows) console.log(line(r));
  await Promise.all([reader.close(), writer.close()]);
  close();
  rmSync(dir, { recursive: true, force: true });
}

await main();

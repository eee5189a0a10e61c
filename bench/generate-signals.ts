// Adds synthetic resident signals to a diagnosis, clustered like the demo (for load and speed
// tests): `npm run generate:signals -- --diagnosis demo --n 1000000 [--db file:data/osservatorio.db]`.
// Writes straight through the libSQL client in large multi-row statements (Node only).
import { parseArgs } from 'node:util';
import { createClient } from '@libsql/client';
import { containsPoint } from '../analysis/geometry';
import type { PolygonGeometry } from '../api/db/schema';
import { createRng } from '../api/db/seed/random';

const CATEGORIES = ['lighting', 'degradation', 'vandalism', 'drugs', 'harassment', 'aggression', 'theft', 'groups', 'nightlife', 'dumping', 'road', 'other'];
const BANDS = ['morning', 'afternoon', 'evening', 'night'];

export async function generateSignals(url: string, slug: string, n: number, seed = 7): Promise<number> {
  const client = createClient({ url });
  const d = await client.execute({ sql: 'select id from diagnoses where slug = ?', args: [slug] });
  if (d.rows.length === 0) throw new Error(`No diagnosis "${slug}"`);
  const diagnosisId = String(d.rows[0].id);
  const zoneRes = await client.execute({ sql: 'select id, geometry, min_lon, min_lat, max_lon, max_lat from zones where diagnosis_id = ?', args: [diagnosisId] });
  const zones = zoneRes.rows.map((r) => ({ id: String(r.id), g: JSON.parse(String(r.geometry)) as PolygonGeometry, minLon: Number(r.min_lon), minLat: Number(r.min_lat), maxLon: Number(r.max_lon), maxLat: Number(r.max_lat) }));
  const all = zones.reduce((b, z) => [Math.min(b[0], z.minLon), Math.min(b[1], z.minLat), Math.max(b[2], z.maxLon), Math.max(b[3], z.maxLat)], [Infinity, Infinity, -Infinity, -Infinity]);
  const rng = createRng(seed);
  const now = Date.now();
  const perStatement = 500;
  const cols = '(id, diagnosis_id, source, lat, lon, zone_id, categories, time_bands, days, intensity, count, moderation, occurred_at, created_at)';
  let written = 0;
  while (written < n) {
    const statements = [];
    for (let s = 0; s < 20 && written < n; s++) {
      const rows = Math.min(perStatement, n - written);
      const args: (string | number | null)[] = [];
      for (let i = 0; i < rows; i++) {
        let lat: number;
        let lon: number;
        if (rng.chance(0.7)) {
          const z = zones[Math.floor(Math.pow(rng.next(), 2) * zones.length)];
          lat = (z.minLat + z.maxLat) / 2 + rng.normal() * (z.maxLat - z.minLat) * 0.4;
          lon = (z.minLon + z.maxLon) / 2 + rng.normal() * (z.maxLon - z.minLon) * 0.4;
        } else {
          lat = all[1] + rng.next() * (all[3] - all[1]);
          lon = all[0] + rng.next() * (all[2] - all[0]);
        }
        const zone = zones.find((z) => lon >= z.minLon && lon <= z.maxLon && lat >= z.minLat && lat <= z.maxLat && containsPoint(z.g, lon, lat));
        const at = now - Math.floor(rng.next() * 365 * 86_400_000);
        args.push(rng.uuid(), diagnosisId, 'resident', lat, lon, zone?.id ?? null, JSON.stringify([rng.pick(CATEGORIES)]), JSON.stringify([rng.pick(BANDS)]), JSON.stringify([rng.chance(0.3) ? 'weekend' : 'weekday']), rng.int(1, 5), 1, 'none', at, at);
      }
      statements.push({ sql: `insert into signals ${cols} values ${Array.from({ length: rows }, () => '(?,?,?,?,?,?,?,?,?,?,?,?,?,?)').join(',')}`, args });
      written += rows;
    }
    await client.batch(statements, 'write');
  }
  await client.execute({ sql: 'update diagnoses set data_version = data_version + 1 where id = ?', args: [diagnosisId] });
  client.close();
  return written;
}

if (process.argv[1]?.endsWith('generate-signals.ts')) {
  const { values } = parseArgs({ options: { diagnosis: { type: 'string', default: 'demo' }, n: { type: 'string', default: '1000000' }, db: { type: 'string', default: process.env.DATABASE_URL ?? 'file:data/osservatorio.db' } } });
  const t0 = performance.now();
  const n = await generateSignals(values.db!, values.diagnosis!, Number(values.n));
  console.log(`Added ${n} signals to "${values.diagnosis}" in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

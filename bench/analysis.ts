// Benchmark of the diagnosis engine (npm run bench). Prints figures against the targets of the
// hotspot issue; it asserts nothing, so a slow shared machine cannot fail a build.
// Each in-process figure is the median of several runs after a warm-up.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { benjaminiHochberg } from '../analysis/fdr';
import { boxAround, gaussian, mulberry32 } from '../analysis/fixtures/random';
import type { PolygonGeometry } from '../analysis/geometry';
import { bandStencil, giStarFromWindows, giStarGrid, giStarPoints, gridWindowSums } from '../analysis/getis-ord';
import { windowCountTests } from '../analysis/hotspot-inference';
import { hotspotsFromColumns } from '../analysis/hotspots';
import { normalTwoSidedP } from '../analysis/stats';

const run = promisify(execFile);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn: () => void, runs: number): number {
  fn(); // warm-up: JIT and allocation
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    ms.push(performance.now() - t);
  }
  return median(ms);
}

/** 1,000,000 signals over a 12 km box: 70 % uniform, 30 % in ten Gaussian clusters. */
function signals(n: number, seed = 1) {
  const r = mulberry32(seed);
  const g = gaussian(r);
  const box = boxAround(45.07, 7.68, 12);
  const lat = new Float64Array(n);
  const lon = new Float64Array(n);
  const centres = Array.from({ length: 10 }, () => [box.minLat + r() * (box.maxLat - box.minLat), box.minLon + r() * (box.maxLon - box.minLon)]);
  for (let i = 0; i < n; i++) {
    if (r() < 0.7) {
      lat[i] = box.minLat + r() * (box.maxLat - box.minLat);
      lon[i] = box.minLon + r() * (box.maxLon - box.minLon);
    } else {
      const c = centres[i % 10];
      lat[i] = c[0] + g() * 0.002;
      lon[i] = c[1] + g() * 0.003;
    }
  }
  return { n, lat, lon };
}

interface Row {
  name: string;
  target: string;
  measured: string;
  pass: boolean | null;
}
const rows: Row[] = [];
const report = (name: string, measured: number, target: number | null, unit: string) =>
  rows.push({ name, target: target === null ? '—' : `≤ ${target} ${unit}`, measured: `${measured.toFixed(unit === 'MiB' ? 0 : 1)} ${unit}`, pass: target === null ? null : measured <= target });

// 1. Gi* on 100,000 cells (400 × 250), Poisson-like counts.
{
  const cols = 400;
  const rowsN = 250;
  const r = mulberry32(7);
  const values = Float64Array.from({ length: cols * rowsN }, () => Math.floor(-Math.log(1 - r()) * 5));
  report('Gi* on 100,000 cells (grid, prefix sums)', time(() => giStarGrid(values, cols, rowsN, 100, 150), 7), 250, 'ms');
  report('  old: Gi* + normal p + BH q on 100,000 cells', time(() => {
    const z = giStarGrid(values, cols, rowsN, 100, 150);
    const p = new Float64Array(z.length);
    for (let i = 0; i < z.length; i++) p[i] = normalTwoSidedP(z[i]);
    benjaminiHochberg(p);
  }, 7), null, 'ms');
  // What hotspots.ts runs: window sums of counts, of analysed cells and of territory shares (all
  // cells analysed here), Gi* z from them, the exact binomial test of every window, BH q.
  const inside = new Uint8Array(values.length).fill(1);
  const coverage = new Float64Array(values.length).fill(1);
  report('Gi* + exact binomial test + BH q on 100,000 cells', time(() => {
    const stencil = bandStencil(100, 150);
    const window = gridWindowSums(values, cols, rowsN, stencil);
    const sumW = gridWindowSums(inside, cols, rowsN, stencil);
    const area = gridWindowSums(coverage, cols, rowsN, stencil);
    let total = 0;
    for (let i = 0; i < values.length; i++) total += values[i];
    giStarFromWindows(values, inside, window, sumW);
    benjaminiHochberg(windowCountTests(window, area, inside, total, values.length).p);
  }, 7), 250, 'ms');
  // The generic path on the same cells, for comparison: KD-tree `within` per cell.
  const xs = Float64Array.from({ length: cols * rowsN }, (_, i) => (i % cols) * 100 + 50);
  const ys = Float64Array.from({ length: cols * rowsN }, (_, i) => Math.floor(i / cols) * 100 + 50);
  report('  Gi* alone, generic KD-tree (kdbush within)', time(() => giStarPoints(xs, ys, values, 150), 3), null, 'ms');
}

// 2. Binning + Gi* + exact test + BH (+ cell objects) for 1,000,000 signals, default grid (~2,500 cells),
//    and with 25 m cells (~230,000 cells) to show the cost grows with cells, not signals.
{
  const data = signals(1_000_000);
  let cells = 0;
  const ms = time(() => (cells = hotspotsFromColumns(data).summary.cells), 5);
  report(`bin + Gi* + exact test + BH, 1,000,000 signals, data extent (${cells} cells)`, ms, 1500, 'ms');
  const fineMs = time(() => (cells = hotspotsFromColumns(data, { cellMeters: 25 }).summary.cells), 3);
  report(`  same, 25 m cells (${cells} cells)`, fineMs, 1500, 'ms');
  // On a territory (a 40-vertex disk inside the box): masks and area computed once, then cached.
  const box = boxAround(45.07, 7.68, 12);
  const ring = Array.from({ length: 41 }, (_, i) => {
    const a = (2 * Math.PI * (i % 40)) / 40;
    return [(box.minLon + box.maxLon) / 2 + Math.cos(a) * 0.5 * (box.maxLon - box.minLon), (box.minLat + box.maxLat) / 2 + Math.sin(a) * 0.5 * (box.maxLat - box.minLat)];
  });
  const territory: PolygonGeometry[] = [{ type: 'Polygon', coordinates: [ring] }];
  const terrMs = time(() => (cells = hotspotsFromColumns(data, { territory }).summary.cells), 5);
  report(`  same, on a territory (${cells} analysed cells)`, terrMs, 1500, 'ms');
  const terrFine = time(() => (cells = hotspotsFromColumns(data, { territory, cellMeters: 30 }).summary.cells), 3);
  report(`  same, territory, 30 m cells (${cells} analysed cells)`, terrFine, 1500, 'ms');
}

// 3. The CLI on a 1,000,000-row CSV, as a child process (skip with BENCH_NO_CLI=1).
if (!process.env.BENCH_NO_CLI) {
  const dir = mkdtempSync(join(tmpdir(), 'osservatorio-bench-'));
  const csv = join(dir, 'signals.csv');
  const out = join(dir, 'hotspots.geojson');
  const data = signals(1_000_000, 3);
  const cats = ['drugs', 'theft', 'lighting;degradation', 'harassment', 'nightlife'];
  const sources = ['resident', 'police', 'media'];
  const times = ['night', 'evening', '08:30', 'afternoon', '23:15'];
  const parts = ['lat,lon,weight,category,source,time\n'];
  for (let i = 0; i < data.n; i++) {
    parts.push(`${data.lat[i].toFixed(6)},${data.lon[i].toFixed(6)},${1 + (i % 5)},${cats[i % 5]},${sources[i % 3]},${times[(i >> 3) % 5]}\n`);
  }
  writeFileSync(csv, parts.join(''));
  const args = ['node_modules/.bin/tsx', 'analysis/cli.ts', 'hotspots', '--in', csv, '--out', out, '--stats'];
  const gnuTime = existsSync('/usr/bin/time');
  const walls: number[] = [];
  const rss: number[] = [];
  let inner = '';
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const { stderr } = gnuTime ? await run('/usr/bin/time', ['-v', ...args], { maxBuffer: 1 << 24 }) : await run(args[0], args.slice(1), { maxBuffer: 1 << 24 });
    walls.push(performance.now() - t);
    const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
    const s = /stats (\{.*\})/.exec(stderr);
    if (s) inner = s[1];
    rss.push(m ? Number(m[1]) / 1024 : s ? JSON.parse(s[1]).maxRssMiB : NaN);
  }
  report('CLI, 1,000,000-row CSV, wall (tsx start included)', median(walls), 4000, 'ms');
  report(`CLI peak RSS (${gnuTime ? '/usr/bin/time -v' : 'process.resourceUsage'})`, Math.max(...rss), 1024, 'MiB');
  rmSync(dir, { recursive: true, force: true });
  console.log(`CLI phases (last run, ms, from --stats): ${inner}`);
}

const w = [Math.max(...rows.map((r) => r.name.length)), 12, 12];
console.log(`\n${'benchmark'.padEnd(w[0])}  ${'target'.padEnd(w[1])}  ${'measured'.padEnd(w[2])}  result`);
for (const r of rows) console.log(`${r.name.padEnd(w[0])}  ${r.target.padEnd(w[1])}  ${r.measured.padEnd(w[2])}  ${r.pass === null ? '' : r.pass ? 'PASS' : 'MISS'}`);

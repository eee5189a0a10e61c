import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from './fdr';
import { boxAround, gaussian, mulberry32 } from './fixtures/random';
import { containsPoint, type PolygonGeometry } from './geometry';
import { haversineMeters } from './projection';
import { classify, hotspots, hotspotsFromColumns, type HotspotResult } from './hotspots';
import { hotspotsToGeoJSON } from './hotspots-geojson';
import { normalTwoSidedP } from './stats';
import type { SignalPoint } from './types';

const LAT0 = 45.07;
const LON0 = 7.68; // Turin
const dLat = 3 / 111.195;
const dLon = dLat / Math.cos((LAT0 * Math.PI) / 180);
// An irregular territory of about 26 km² inside a 6 km box: the grid and the null are the polygon's.
const ring = [[-1, -0.8], [0.2, -1], [1, -0.5], [0.9, 0.6], [0.1, 1], [-0.7, 0.8], [-1, 0.1], [-1, -0.8]].map(([x, y]) => [LON0 + x * dLon, LAT0 + y * dLat]);
const outline: PolygonGeometry = { type: 'Polygon', coordinates: [ring] };
const territory: PolygonGeometry[] = [outline];
const box = boxAround(LAT0, LON0, 6);

/** n signals uniform over the territory (rejection sampling in its box). */
function uniform(n: number, seed: number): SignalPoint[] {
  const r = mulberry32(seed);
  const out: SignalPoint[] = [];
  while (out.length < n) {
    const lat = box.minLat + r() * (box.maxLat - box.minLat);
    const lon = box.minLon + r() * (box.maxLon - box.minLon);
    if (containsPoint(outline, lon, lat)) out.push({ lat, lon });
  }
  return out;
}

function cluster(n: number, seed: number, lat: number, lon: number, sdMeters: number): SignalPoint[] {
  const g = gaussian(mulberry32(seed));
  const mLat = 111_195;
  const mLon = mLat * Math.cos((lat * Math.PI) / 180);
  return Array.from({ length: n }, () => ({ lat: lat + (g() * sdMeters) / mLat, lon: lon + (g() * sdMeters) / mLon }));
}

const hot95 = (r: { summary: Record<string, number> }) => r.summary['hot-99'] + r.summary['hot-95'];

/** The inference this module used before: two-sided normal p of the same z, BH over the same cells. */
function oldNormalHot(r: HotspotResult): number {
  const q = benjaminiHochberg(r.cells.map((c) => normalTwoSidedP(c.z)));
  return r.cells.filter((c, i) => c.z > 0 && q[i] <= 0.05).length;
}

describe('classify', () => {
  it('decides on q and the direction of the test', () => {
    expect(classify(1, 0.005)).toBe('hot-99');
    expect(classify(1, 0.05)).toBe('hot-95');
    expect(classify(-1, 0.08)).toBe('cold-90');
    expect(classify(1, 0.11)).toBe('none');
    expect(classify(0, 0.001)).toBe('none');
  });
});

describe('hotspots: calibration and power', () => {
  // H0: every signal uniform over the territory, independently (no hotspot anywhere). With BH at
  // 0.05 over the analysed cells, at most about 5 % of such maps may show any hot-95/99 cell.
  // The normal approximation of the same z (the old inference) is shown failing on the same maps.
  it.each([
    { n: 100, maps: 200 },
    { n: 1000, maps: 200 },
    { n: 10_000, maps: 40 },
  ])('on $n uniform signals, at most about 5 percent of $maps null maps show a hot cell', ({ n, maps }) => {
    let hot = 0;
    let oldHot = 0;
    for (let m = 0; m < maps; m++) {
      const r = hotspots(uniform(n, 7000 * n + m), { territory });
      if (hot95(r) > 0) hot++;
      if (oldNormalHot(r) > 0) oldHot++;
    }
    expect(hot / maps).toBeLessThanOrEqual(0.05);
    if (n <= 1000) expect(oldHot / maps).toBeGreaterThan(0.15);
  });

  // H1: 40 of 3,000 reports drawn around one point (SD 80 m), the rest uniform. The cluster must be
  // found in ≥ 90 % of seeded runs, and hot cells away from it are false discoveries, which BH keeps
  // to ≤ 5 % of the hot cells on average.
  it('finds a planted cluster of 40 reports among 3,000, and its cells are the hot ones', () => {
    const runs = 60;
    const cLat = LAT0 + 0.004;
    const cLon = LON0 - 0.01;
    let found = 0;
    let falseShare = 0;
    for (let s = 0; s < runs; s++) {
      const r = hotspots([...uniform(2960, s), ...cluster(40, s + 99, cLat, cLon, 80)], { territory });
      const hot = r.cells.filter((c) => c.class === 'hot-99' || c.class === 'hot-95');
      const near = hot.filter((c) => haversineMeters(c.lat, c.lon, cLat, cLon) < 400);
      if (near.length > 0) found++;
      if (hot.length) falseShare += (hot.length - near.length) / hot.length;
    }
    expect(found / runs).toBeGreaterThanOrEqual(0.9);
    expect(falseShare / runs).toBeLessThanOrEqual(0.05);
  });

  it('needs no minimum of signals: a lone report is not a hot spot, ten at one spot among few are', () => {
    const lone = hotspots([{ lat: LAT0, lon: LON0 }], { territory });
    expect(hot95(lone)).toBe(0);
    expect(lone.method.note).toMatch(/1 signals.*fewer than 30/);
    const ten = hotspots([...cluster(10, 1, LAT0, LON0, 20), ...uniform(10, 2)], { territory });
    expect(ten.summary['hot-99']).toBeGreaterThan(0);
    const hotCells = ten.cells.filter((c) => c.class.startsWith('hot'));
    for (const c of hotCells) expect(haversineMeters(c.lat, c.lon, LAT0, LON0)).toBeLessThan(400);
  });
});

describe('hotspots: the grid is the territory', () => {
  const signals: SignalPoint[] = [
    ...uniform(1500, 3).map((s, i) => ({ ...s, categories: [i % 2 ? 'theft' : 'drugs'] })),
    { lat: box.maxLat + 0.01, lon: LON0 }, // outside the territory's box
    { lat: LAT0 + 0.99 * dLat, lon: LON0 - 0.99 * dLon }, // in the box, outside the polygon
  ];

  it('lays the same cells for every filter, sized from the territory alone', () => {
    const all = hotspots(signals, { territory });
    const theft = hotspots(signals, { territory, filter: { categories: ['theft'] } });
    const few = hotspots(signals.slice(0, 20), { territory });
    for (const r of [theft, few]) {
      expect(r.method.grid).toEqual(all.method.grid);
      expect(r.method.cellMeters).toBe(all.method.cellMeters);
      expect(r.cells.map((c) => `${c.col},${c.row}`)).toEqual(all.cells.map((c) => `${c.col},${c.row}`));
    }
    expect(all.method).toMatchObject({ extent: 'territory', statistic: 'Gi*', fdr: 'Benjamini-Hochberg', neighbours: 9, sources: ['resident'] });
    // ~26 km² / 2,500 cells → 102 m → 100 m
    expect(all.method.cellMeters).toBe(100);
    expect(all.method.bandMeters).toBe(150);
    expect(all.summary.cells).toBe(all.method.analysedCells);
    expect(all.summary.cells).toBeLessThan(all.method.grid.cols * all.method.grid.rows);
  });

  it('returns only analysed cells and counts signals outside them', () => {
    const r = hotspots(signals, { territory });
    for (const c of r.cells) expect(containsPoint(outline, c.lon, c.lat)).toBe(true);
    expect(r.summary.outside).toBeGreaterThanOrEqual(2);
    expect(r.summary.points + r.summary.outside).toBe(signals.length);
    expect(r.summary.signals).toBe(r.cells.reduce((a, c) => a + c.count, 0));
  });

  it('takes a given extent, else the data\'s, and says which', () => {
    expect(hotspots(signals, { bounds: box }).method.extent).toBe('given');
    const data = hotspots(signals.slice(0, 300));
    expect(data.method.extent).toBe('data');
    expect(data.summary.outside).toBe(0);
    expect(hotspots(signals, { territory, cellMeters: 250, bandMeters: 500 }).method).toMatchObject({ cellMeters: 250, bandMeters: 500, cellRule: 'given', bandRule: 'given', neighbours: 13 });
    expect(hotspots([]).cells).toEqual([]);
    expect(hotspots([{ lat: 45, lon: 7 }]).cells).toHaveLength(1); // a single point still gets a cell
  });
});

describe('hotspots: sources and values', () => {
  const signals: SignalPoint[] = [
    { lat: 45, lon: 7, count: 3, weight: 2, intensity: 5, source: 'police' },
    { lat: 45.01, lon: 7.01, count: 1, intensity: 2, source: 'resident' },
    { lat: 45.02, lon: 7.02 },
    { lat: NaN, lon: 7 },
  ];

  it('reads residents only unless the filter names sources', () => {
    expect(hotspots(signals).summary).toMatchObject({ signals: 2, outside: 1 });
    expect(hotspots(signals).method.sources).toEqual(['resident']);
    const both = hotspots(signals, { filter: { sources: ['police', 'resident'] } });
    expect(both.summary.signals).toBe(5);
    expect(both.method.sources).toEqual(['police', 'resident']);
  });

  it('sums intensity descriptively and tests the counts', () => {
    const data = [...uniform(400, 5).map((s) => ({ ...s, intensity: 1 })), ...cluster(30, 6, LAT0, LON0, 30).map((s) => ({ ...s, intensity: 5 }))];
    const counts = hotspots(data, { territory });
    const intense = hotspots(data, { territory, value: 'intensity' });
    // the 30 intense reports (value 5 each, 4 above their count) all lie well inside the territory
    expect(intense.cells.reduce((a, c) => a + c.value - c.count, 0)).toBe(30 * 4);
    expect(intense.cells.map((c) => c.class)).toEqual(counts.cells.map((c) => c.class));
    expect(intense.cells.map((c) => c.z)).toEqual(counts.cells.map((c) => c.z));
    expect(intense.method.valueRule).toMatch(/descriptive/);
  });
});

describe('hotspots: public output', () => {
  // A ~1 km × 1 km extent of 10 × 10 cells of 100 m; counts placed near the cells' centres.
  const b = boxAround(LAT0, LON0, 0.99);
  const cellCentre = (col: number, row: number) => ({
    lat: b.minLat + ((row + 0.5) / 10) * (b.maxLat - b.minLat),
    lon: b.minLon + ((col + 0.5) / 10) * (b.maxLon - b.minLon),
  });
  function grid(override: Record<string, number> = {}) {
    const r = mulberry32(42);
    const lat: number[] = [];
    const lon: number[] = [];
    const count: number[] = [];
    for (let row = 0; row < 10; row++)
      for (let col = 0; col < 10; col++) {
        const p = cellCentre(col, row);
        lat.push(p.lat);
        lon.push(p.lon);
        const drawn = col >= 6 && row >= 6 ? 25 : 6 + Math.floor(r() * 10); // drawn even when overridden: the rest stays the same
        count.push(override[`${col},${row}`] ?? drawn);
      }
    return { n: 100, lat, lon, count };
  }
  const opts = { bounds: b, cellMeters: 100 } as const;

  it('the old public output (published cells with z) let a suppressed count be solved for exactly', () => {
    // What the old `public: true` published: cells with ≥ k signals, each with count and z, and
    // summary.signals. Attack: a window of published cells only gives S; then the z of a neighbour
    // of the hidden cell gives the hidden count. Gi* z: (Σw x − X̄ m) / (S √((n m − m²)/(n − 1))).
    const staff = hotspotsFromColumns(grid({ '4,4': 2 }), opts);
    const shown = staff.cells.filter((c) => c.count >= 5);
    expect(shown.find((c) => c.col === 4 && c.row === 4)).toBeUndefined();
    const n = 100;
    const mean = staff.summary.signals / n;
    const at = (col: number, row: number) => shown.find((c) => c.col === col && c.row === row)!;
    const windowOf = (col: number, row: number) => shown.filter((c) => Math.abs(c.col - col) <= 1 && Math.abs(c.row - row) <= 1);
    const v = (m: number) => Math.sqrt((n * m - m * m) / (n - 1));
    const ref = at(1, 1); // its 9 cells are all published
    const S = (windowOf(1, 1).reduce((a, c) => a + c.count, 0) - mean * 9) / (ref.z * v(9));
    const nb = at(5, 4);
    const hidden = nb.z * S * v(9) + mean * 9 - windowOf(5, 4).reduce((a, c) => a + c.count, 0);
    expect(hidden).toBeCloseTo(2, 6);
  });

  it('carries the class only, computed from rounded and suppressed counts: nothing to solve with', () => {
    // Cell (9,0) set so that the total is a multiple of 5: the variants below keep its rounding.
    const g0 = grid({ '4,4': 2, '0,0': 6 });
    const fill = g0.count[9] + ((5 - (g0.count.reduce((a, b) => a + b, 0) % 5)) % 5);
    const grid2 = (o: Record<string, number>) => grid({ '9,0': fill, ...o });
    const pub = hotspotsFromColumns(grid2({ '4,4': 2, '0,0': 6 }), { ...opts, public: true });
    const fc = hotspotsToGeoJSON(pub);
    for (const f of fc.features) expect(Object.keys(f.properties).sort()).toEqual(['class', 'col', 'row']);
    expect(pub.method.privacy).toMatchObject({ k: 5, base: 5 });
    expect(pub.summary.signals % 5).toBe(0);
    // The output is a function of the published counts alone: the hidden cell holding 0, 1 or 2
    // reports (all suppressed), or a shown cell holding 6 or 7 (both published as 5), changes nothing.
    const text = JSON.stringify(fc);
    expect(pub.summary['hot-99'] + pub.summary['hot-95']).toBeGreaterThan(0);
    for (const o of [{ '4,4': 0, '0,0': 6 }, { '4,4': 1, '0,0': 6 }, { '4,4': 2, '0,0': 7 }]) {
      const other = hotspotsFromColumns(grid2(o), { ...opts, public: true });
      expect(JSON.stringify(hotspotsToGeoJSON(other))).toBe(text);
    }
    // (each variant keeps the rounded total, the one other figure the public test reads)
    const totals = [grid2({ '4,4': 2, '0,0': 6 }), grid2({ '4,4': 0, '0,0': 6 }), grid2({ '4,4': 2, '0,0': 7 })].map((g) => Math.floor(g.count.reduce((a, b) => a + b, 0) / 5 + 0.5));
    expect(new Set(totals).size).toBe(1);
    // the 25-report block in the north-east corner is what is hot
    for (const c of pub.cells.filter((c) => c.class.startsWith('hot'))) expect(c.col >= 5 && c.row >= 5).toBe(true);
  });
});

describe('hotspots: public output is calibrated too', () => {
  // H0 as above (uniform over the territory). Public classes are tested on rounded/suppressed
  // counts with p-values bounded over the true counts they stand for: at most ~5 % of null maps
  // may show a hot cell. (Treating the rounded counts as exact made every 1,000-signal map hot.)
  it.each([
    { n: 1000, maps: 60 },
    { n: 10_000, maps: 20 },
  ])('on $n uniform signals, at most about 5 percent of $maps public null maps show a hot cell', ({ n, maps }) => {
    let hot = 0;
    for (let m = 0; m < maps; m++) if (hot95(hotspots(uniform(n, 9100 * n + m), { territory, public: true })) > 0) hot++;
    expect(hot / maps).toBeLessThanOrEqual(0.05);
  });

  // H1: the planted cluster (40 of 3,000) is still found from the published counts in most runs.
  it('still finds the planted cluster of 40 among 3,000', () => {
    const runs = 40;
    let found = 0;
    for (let s = 0; s < runs; s++) {
      const r = hotspots([...uniform(2960, s + 300), ...cluster(40, s + 700, LAT0 + 0.004, LON0 - 0.01, 80)], { territory, public: true });
      const hot = r.cells.filter((c) => c.class === 'hot-99' || c.class === 'hot-95');
      if (hot.some((c) => haversineMeters(c.lat, c.lon, LAT0 + 0.004, LON0 - 0.01) < 400)) found++;
      expect(hot.every((c) => haversineMeters(c.lat, c.lon, LAT0 + 0.004, LON0 - 0.01) < 400)).toBe(true);
    }
    expect(found / runs).toBeGreaterThanOrEqual(0.75);
  });
});

describe('hotspots: GeoJSON', () => {
  it('turns into a FeatureCollection with the method on top', () => {
    const result = hotspots(uniform(300, 5), { territory, cellMeters: 1000 });
    const fc = hotspotsToGeoJSON(result);
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.method.statistic).toBe('Gi*');
    expect(fc.features).toHaveLength(result.cells.length);
    const f = fc.features[0];
    expect(Object.keys(f.properties)).toEqual(expect.arrayContaining(['x', 'y', 'count', 'value', 'window', 'expected', 'z', 'p', 'q', 'class']));
    const ring = f.geometry.coordinates[0];
    expect(ring).toHaveLength(5);
    expect(ring[0]).toEqual(ring[4]);
    // a 1 km cell is 1 km wide and tall on the ground
    expect(haversineMeters(ring[0][1], ring[0][0], ring[1][1], ring[1][0])).toBeCloseTo(1000, -1);
    expect(haversineMeters(ring[1][1], ring[1][0], ring[2][1], ring[2][0])).toBeCloseTo(1000, -1);
  });
});

import { describe, expect, it } from 'vitest';
import { boxAround, gaussian, mulberry32 } from './fixtures/random';
import { haversineMeters } from './projection';
import { classify, hotspots } from './hotspots';
import { hotspotsToGeoJSON } from './hotspots-geojson';
import type { SignalPoint } from './types';

const LAT0 = 45.07;
const LON0 = 7.68; // Turin
const box = boxAround(LAT0, LON0, 6);

function uniform(n: number, seed: number): SignalPoint[] {
  const r = mulberry32(seed);
  return Array.from({ length: n }, () => ({
    lat: box.minLat + r() * (box.maxLat - box.minLat),
    lon: box.minLon + r() * (box.maxLon - box.minLon),
  }));
}

function cluster(n: number, seed: number, lat: number, lon: number, sdMeters: number): SignalPoint[] {
  const g = gaussian(mulberry32(seed));
  const mLat = 111_195;
  const mLon = mLat * Math.cos((lat * Math.PI) / 180);
  return Array.from({ length: n }, () => ({ lat: lat + (g() * sdMeters) / mLat, lon: lon + (g() * sdMeters) / mLon }));
}

describe('classify', () => {
  it('decides on q and the sign of z', () => {
    expect(classify(3, 0.005)).toBe('hot-99');
    expect(classify(2.1, 0.05)).toBe('hot-95');
    expect(classify(-2, 0.08)).toBe('cold-90');
    expect(classify(2, 0.11)).toBe('none');
  });
});

describe('hotspots', () => {
  it('finds (almost) no hot cells in uniform random data after FDR', () => {
    for (const seed of [1, 2, 3]) {
      const result = hotspots(uniform(20_000, seed), { bounds: box });
      const hot = result.summary['hot-99'] + result.summary['hot-95'] + result.summary['hot-90'];
      expect(result.summary.cells).toBeGreaterThan(2000);
      expect(hot / result.summary.cells).toBeLessThan(0.01);
    }
  });

  it('marks a planted dense cluster hot-99 and leaves far cells not hot', () => {
    const signals = [...uniform(8000, 7), ...cluster(600, 8, LAT0 + 0.005, LON0 - 0.01, 60)];
    const result = hotspots(signals, { bounds: box });
    const near = result.cells.filter((c) => haversineMeters(c.lat, c.lon, LAT0 + 0.005, LON0 - 0.01) <= result.method.cellMeters * 0.75);
    expect(near.length).toBeGreaterThan(0);
    for (const c of near) expect(c.class).toBe('hot-99');
    const far = result.cells.filter((c) => haversineMeters(c.lat, c.lon, LAT0 + 0.005, LON0 - 0.01) > 1000);
    expect(far.filter((c) => c.class.startsWith('hot')).length).toBeLessThan(far.length * 0.01);
  });

  it('reports its defaults and honours overrides', () => {
    const signals = uniform(1000, 11);
    const auto = hotspots(signals, { bounds: box });
    expect(auto.method).toMatchObject({ statistic: 'Gi*', weights: 'binary distance band, self included', fdr: 'Benjamini-Hochberg', neighbours: 9 });
    expect(auto.method.bandMeters).toBe(1.5 * auto.method.cellMeters);
    // 6 km × 6 km, 1,000 signals → 1,000 cells of ~190 m → 200 m
    expect(auto.method.cellMeters).toBe(200);
    const given = hotspots(signals, { bounds: box, cellMeters: 250, bandMeters: 500 });
    expect(given.method).toMatchObject({ cellMeters: 250, bandMeters: 500, cellRule: 'given', bandRule: 'given', neighbours: 13 });
    expect(given.summary.signals).toBe(1000);
    expect(given.cells.length).toBe(given.method.grid.cols * given.method.grid.rows);
  });

  it('filters before binning and sums counts, weights or intensities', () => {
    const signals: SignalPoint[] = [
      { lat: 45, lon: 7, count: 3, weight: 2, intensity: 5, source: 'police' },
      { lat: 45.01, lon: 7.01, count: 1, intensity: 2, source: 'resident' },
      { lat: 45.02, lon: 7.02, source: 'media' },
      { lat: NaN, lon: 7 },
    ];
    expect(hotspots(signals).summary).toMatchObject({ points: 3, signals: 5, outside: 1 });
    expect(hotspots(signals, { filter: { sources: ['police', 'resident'] } }).summary.signals).toBe(4);
    const weighted = hotspots(signals, { value: 'weight' });
    expect(weighted.cells.reduce((a, c) => a + c.value, 0)).toBe(3 * 2 + 1 + 1);
    const intense = hotspots(signals, { value: 'intensity' });
    expect(intense.cells.reduce((a, c) => a + c.value, 0)).toBe(3 * 5 + 2 + 1);
  });

  it('classes no cell when there are too few signals', () => {
    const few = hotspots(cluster(10, 1, LAT0, LON0, 30), { bounds: box });
    expect(few.summary.none).toBe(few.summary.cells);
    expect(few.method.note).toMatch(/10 signals, fewer than 30/);
    expect(Math.max(...few.cells.map((c) => c.z))).toBeGreaterThan(3); // z is still there to read
    expect(hotspots(cluster(10, 1, LAT0, LON0, 30), { bounds: box, minSignals: 5 }).summary['hot-99']).toBeGreaterThan(0);
  });

  it('returns no cells for no signals', () => {
    expect(hotspots([]).cells).toEqual([]);
  });

  it('suppresses cells with fewer than k signals in public output', () => {
    const signals = [...uniform(500, 3), ...cluster(200, 4, LAT0, LON0, 40)];
    const all = hotspots(signals, { bounds: box, cellMeters: 250 });
    const pub = hotspots(signals, { bounds: box, cellMeters: 250, public: true, k: 5 });
    expect(pub.cells.every((c) => c.count >= 5)).toBe(true);
    expect(pub.method.privacy!.suppressedCells).toBe(all.cells.filter((c) => c.count < 5).length);
    // the statistic itself is computed on all signals
    const byKey = new Map(all.cells.map((c) => [`${c.col},${c.row}`, c.z]));
    for (const c of pub.cells) expect(c.z).toBe(byKey.get(`${c.col},${c.row}`));
  });

  it('turns into a GeoJSON FeatureCollection with the method on top', () => {
    const result = hotspots(uniform(300, 5), { bounds: box, cellMeters: 1000 });
    const fc = hotspotsToGeoJSON(result);
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.method.statistic).toBe('Gi*');
    expect(fc.features).toHaveLength(result.cells.length);
    const f = fc.features[0];
    expect(Object.keys(f.properties)).toEqual(expect.arrayContaining(['x', 'y', 'count', 'value', 'z', 'p', 'q', 'class']));
    const ring = f.geometry.coordinates[0];
    expect(ring).toHaveLength(5);
    expect(ring[0]).toEqual(ring[4]);
    // a 1 km cell is 1 km wide and tall on the ground
    expect(haversineMeters(ring[0][1], ring[0][0], ring[1][1], ring[1][0])).toBeCloseTo(1000, -1);
    expect(haversineMeters(ring[1][1], ring[1][0], ring[2][1], ring[2][0])).toBeCloseTo(1000, -1);
  });
});

// The building blocks of ingest: the territory grid index, the group-commit queue, the hash.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PolygonGeometry } from '../../db/schema';
import { containsPoint } from '../../../analysis/geometry';
import { canonicalJson, portableSha256Hex, sha256Hex } from './content-hash';
import { buildTerritoryIndex } from './territory-index';
import { createWriteQueue } from './write-queue';

const square = (x0: number, y0: number, x1: number, y1: number): PolygonGeometry => ({
  type: 'Polygon',
  coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]],
});

describe('territory index', () => {
  const municipalities = [square(0, 0, 1, 1), square(1, 0, 2, 1), square(0, 1, 1, 2)]; // an L: (1..2, 1..2) is a gap
  const zones = [
    { id: 'district', geometry: square(0.1, 0.1, 0.9, 0.9), areaKm2: 50 },
    { id: 'square', geometry: square(0.4, 0.4, 0.5, 0.5), areaKm2: 1 },
    { id: 'park', geometry: square(1.2, 0.2, 1.8, 0.8), areaKm2: 20 },
  ];
  const index = buildTerritoryIndex(zones, municipalities);

  it('finds the smallest zone containing a point', () => {
    expect(index.zoneAt(0.45, 0.45)).toBe('square');
    expect(index.zoneAt(0.2, 0.2)).toBe('district');
    expect(index.zoneAt(1.5, 0.5)).toBe('park');
    expect(index.zoneAt(0.95, 0.95)).toBeNull();
  });

  it('uses municipal boundaries for the territory, gaps included', () => {
    expect(index.contains(0.95, 0.95)).toBe(true);
    expect(index.contains(1.5, 1.5)).toBe(false);
    expect(index.contains(5, 5)).toBe(false);
  });

  it('falls back to the zones’ bounding box without boundaries', () => {
    const noBoundaries = buildTerritoryIndex(zones, []);
    expect(noBoundaries.contains(1.5, 0.85)).toBe(true);
    expect(noBoundaries.contains(1.9, 0.5)).toBe(false);
    expect(buildTerritoryIndex([], []).contains(0, 0)).toBe(false);
  });

  it('agrees with a brute-force scan for any point', () => {
    fc.assert(
      fc.property(fc.double({ min: -0.5, max: 2.5, noNaN: true }), fc.double({ min: -0.5, max: 2.5, noNaN: true }), (lon, lat) => {
        const containing = zones.filter((z) => containsPoint(z.geometry, lon, lat)).sort((a, b) => a.areaKm2 - b.areaKm2);
        expect(index.zoneAt(lon, lat)).toBe(containing[0]?.id ?? null);
        const inside = municipalities.some((m) => containsPoint(m, lon, lat)) || containing.length > 0;
        expect(index.contains(lon, lat)).toBe(inside);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('write queue', () => {
  it('groups concurrent pushes into one batch and answers each with its own result', async () => {
    const batches: number[][] = [];
    const q = createWriteQueue<number, number>(async (items) => {
      batches.push(items);
      return items.map((i) => i * 2);
    }, { maxItems: 100 });
    const results = await Promise.all([1, 2, 3, 4, 5].map((i) => q.push(i)));
    expect(results).toEqual([2, 4, 6, 8, 10]);
    expect(batches).toEqual([[1, 2, 3, 4, 5]]);
  });

  it('caps a batch at maxItems and keeps one batch in flight', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const sizes: number[] = [];
    const q = createWriteQueue<number, number>(async (items) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      sizes.push(items.length);
      await new Promise((r) => setTimeout(r, 2));
      inFlight--;
      return items;
    }, { maxItems: 10 });
    const results = await Promise.all(Array.from({ length: 35 }, (_, i) => q.push(i)));
    expect(results).toEqual(Array.from({ length: 35 }, (_, i) => i));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(10);
    expect(sizes.reduce((a, b) => a + b)).toBe(35);
    expect(maxInFlight).toBe(1);
  });

  it('retries a failed batch item by item so one bad item fails alone', async () => {
    const q = createWriteQueue<number, number>(async (items) => {
      if (items.includes(3)) throw new Error('bad row');
      return items;
    }, { maxItems: 100 });
    const settled = await Promise.allSettled([1, 2, 3, 4].map((i) => q.push(i)));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
  });

  it('with maxItems 1 writes each item on its own', async () => {
    const sizes: number[] = [];
    const q = createWriteQueue<number, number>(async (items) => (sizes.push(items.length), items), { maxItems: 1 });
    await Promise.all([1, 2, 3].map((i) => q.push(i)));
    expect(sizes).toEqual([1, 1, 1]);
  });
});

describe('content hash', () => {
  it('is SHA-256, the portable one (Workers) and the one in use here alike', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (s) => {
        const expected = createHash('sha256').update(s, 'utf8').digest('hex');
        expect(portableSha256Hex(s)).toBe(expected);
        expect(sha256Hex(s)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('canonical JSON ignores key order and undefined', () => {
    expect(canonicalJson({ b: 1, a: [{ y: 2, x: undefined, z: 'é' }] })).toBe(canonicalJson({ a: [{ z: 'é', y: 2 }], b: 1 }));
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
  });

  it('writes the same text as the first canonical JSON, so hashes stored earlier still match a retry', () => {
    // The implementation signals were first hashed with, kept as the reference.
    const reference = (value: unknown): string => {
      if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
      if (value && typeof value === 'object') {
        const entries = Object.entries(value as Record<string, unknown>)
          .filter(([, v]) => v !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`;
      }
      return JSON.stringify(value);
    };
    fc.assert(
      fc.property(fc.jsonValue(), fc.anything(), (json, anything) => {
        expect(canonicalJson(json)).toBe(reference(json));
        expect(canonicalJson({ x: anything, y: [json] })).toBe(reference({ x: anything, y: [json] }));
      }),
      { numRuns: 500 },
    );
  });
});

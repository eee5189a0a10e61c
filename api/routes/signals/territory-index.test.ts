// The grid index that places residents' reports (and the points a territory import re-zones).
import { describe, expect, it } from 'vitest';
import { containsPoint, type PolygonGeometry } from '../../../analysis/geometry';
import { buildTerritoryIndex } from './territory-index';

const ring = (lon: number, lat: number, d: number) => [[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]];
const square = (lon: number, lat: number, d: number): PolygonGeometry => ({ type: 'Polygon', coordinates: [ring(lon, lat, d)] });

describe('the territory index', () => {
  const zones = [
    { id: 'district', geometry: square(0, 0, 10), areaKm2: 100 },
    { id: 'square', geometry: square(2, 2, 1), areaKm2: 1 },
    { id: 'far', geometry: square(50, 50, 1), areaKm2: 1 },
  ];
  const index = buildTerritoryIndex(zones, []);

  it('gives the smallest zone containing a point, or none', () => {
    expect(index.zoneAt(2.5, 2.5)).toBe('square');
    expect(index.zoneAt(5, 5)).toBe('district');
    expect(index.zoneAt(50.5, 50.5)).toBe('far');
    expect(index.zoneAt(30, 30)).toBeNull();
    // Outside the grid's box altogether, and on its far edge.
    expect(index.zoneAt(-1, -1)).toBeNull();
    expect(index.zoneAt(51, 51)).toBeNull();
    expect(index.zoneAt(50.999, 50.999)).toBe('far');
  });

  it('agrees with a scan of every zone at many points', () => {
    for (let i = 0; i < 2000; i++) {
      const lon = ((i * 37) % 600) / 10 - 2;
      const lat = ((i * 53) % 600) / 10 - 2;
      const containing = zones.filter((z) => containsPoint(z.geometry, lon, lat)).sort((a, b) => a.areaKm2 - b.areaKm2);
      expect(index.zoneAt(lon, lat)).toBe(containing[0]?.id ?? null);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { areaKm2, containsPoint, type PolygonGeometry } from './geometry';
import { makeGrid } from './grid';
import { territoryAreaM2, territoryBounds, territoryCellMeters, territoryMask } from './hotspot-territory';

const LAT0 = 45.07;
const LON0 = 7.68;
const dLat = 3 / 111.195;
const dLon = dLat / Math.cos((LAT0 * Math.PI) / 180);
const at = (x: number, y: number) => [LON0 + x * dLon, LAT0 + y * dLat];
// An irregular outline with a hole (a park that is another administration's land, say).
const outline: PolygonGeometry = {
  type: 'Polygon',
  coordinates: [
    [[-1, -0.8], [0.2, -1], [1, -0.5], [0.9, 0.6], [0.1, 1], [-0.7, 0.8], [-1, 0.1], [-1, -0.8]].map(([x, y]) => at(x, y)),
    [[-0.2, -0.2], [-0.2, 0.2], [0.2, 0.2], [0.2, -0.2], [-0.2, -0.2]].map(([x, y]) => at(x, y)),
  ],
};
// A second municipality touching the first along x = 1 .. 1.6.
const neighbour: PolygonGeometry = { type: 'Polygon', coordinates: [[[1, -0.5], [1.6, -0.5], [1.6, 0.3], [0.95, 0.3], [1, -0.5]].map(([x, y]) => at(x, y))] };

describe('territoryMask', () => {
  const territory = [outline, neighbour];
  const bounds = territoryBounds(territory)!;
  const grid = makeGrid(bounds, 100);
  const mask = territoryMask(grid, territory);

  it('analyses exactly the cells whose centre is inside some polygon (holes excluded)', () => {
    const { cols, rows, originX, originY, projection } = grid;
    let disagree = 0;
    for (let row = 0; row < rows; row++)
      for (let col = 0; col < cols; col++) {
        const lat = projection.lat0 + (originY + (row + 0.5) * 100) / projection.metersPerDegLat;
        const lon = projection.lon0 + (originX + (col + 0.5) * 100) / projection.metersPerDegLon;
        const inside = containsPoint(outline, lon, lat) || containsPoint(neighbour, lon, lat);
        if (inside !== !!mask.inside[row * cols + col]) disagree++;
      }
    expect(disagree).toBe(0);
    expect(mask.analysed).toBeGreaterThan(2000);
  });

  it('measures the territory: coverage sums to its area within 0.5 %', () => {
    const truth = (areaKm2(outline) + areaKm2(neighbour)) * 1e6;
    let covered = 0;
    for (const c of mask.coverage) covered += c * 100 * 100;
    expect(Math.abs(covered - truth) / truth).toBeLessThan(0.005);
    expect(Math.abs(territoryAreaM2(territory, bounds) - truth) / truth).toBeLessThan(0.005);
  });

  it('chooses the cell from the area alone', () => {
    // ~36 km² → 2,500 cells of 120 m
    expect(territoryCellMeters(36e6)).toBe(120);
    expect(territoryCellMeters(0)).toBe(100);
    expect(territoryCellMeters(1000)).toBe(10);
  });
});

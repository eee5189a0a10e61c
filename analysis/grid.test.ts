import { describe, expect, it } from 'vitest';
import { binPoints, boundsOf, makeGrid, niceMeters } from './grid';

describe('grid', () => {
  it('rounds cell sizes to nice numbers', () => {
    expect(niceMeters(97)).toBe(100);
    expect(niceMeters(230)).toBe(250);
    expect(niceMeters(13)).toBe(12);
    expect(niceMeters(0.7)).toBe(0.8);
  });

  it('bins points into the box, edges included, and counts the rest as outside', () => {
    const lat = [41.9, 41.95, 42.0, 43];
    const lon = [12.4, 12.45, 12.5, 12.45];
    const bounds = boundsOf(lat.slice(0, 3), lon.slice(0, 3))!;
    const grid = makeGrid(bounds, 500);
    const { counts, values, outside } = binPoints(grid, lat, lon, 4, [1, 2, 3, 4], [10, 20, 30, 40]);
    expect(outside).toBe(1);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(6);
    expect(values.reduce((a, b) => a + b, 0)).toBe(60);
    expect(counts[0]).toBe(1); // the south-west corner point is in cell (0, 0)
    expect(counts[grid.cols * grid.rows - 1]).toBe(3); // the north-east corner point in the last cell
  });

  it('refuses absurd grids', () => {
    expect(() => makeGrid({ minLat: 40, minLon: 10, maxLat: 42, maxLon: 12 }, 10)).toThrow(/limit/);
  });
});

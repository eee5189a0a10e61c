import { describe, expect, it } from 'vitest';
import { binPoints, boundsOf, defaultCellMeters, makeGrid, niceMeters } from './grid';

describe('grid', () => {
  it('rounds cell sizes to nice numbers', () => {
    expect(niceMeters(97)).toBe(100);
    expect(niceMeters(230)).toBe(250);
    expect(niceMeters(13)).toBe(12);
    expect(niceMeters(0.7)).toBe(0.8);
  });

  it('aims at about one cell per signal, between 400 and 4000 cells', () => {
    // 10 km × 10 km, 1,000,000 signals → 4,000 cells → 158 m → 150 m
    expect(defaultCellMeters(10_000, 10_000, 1_000_000)).toBe(150);
    // 10 signals → 400 cells → 500 m
    expect(defaultCellMeters(10_000, 10_000, 10)).toBe(500);
    expect(defaultCellMeters(0, 0, 1)).toBe(100);
    expect(defaultCellMeters(5, 5, 1000)).toBe(10);
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

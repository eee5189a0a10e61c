import { describe, expect, it } from 'vitest';
import { containsPoint, type PolygonGeometry } from './geometry';

const ring = (lon: number, lat: number, d: number) => [[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]];
const square = (lon: number, lat: number, d: number): PolygonGeometry => ({ type: 'Polygon', coordinates: [ring(lon, lat, d)] });

describe('containsPoint', () => {
  // A square with a hole in the middle, and a second square apart.
  const park: PolygonGeometry = { type: 'MultiPolygon', coordinates: [[ring(0, 0, 10), ring(4, 4, 2)], [ring(20, 0, 2)]] };

  it('finds a point in the outer ring, not in a hole, and in any polygon of a MultiPolygon', () => {
    expect(containsPoint(park, 1, 1)).toBe(true);
    expect(containsPoint(park, 5, 5)).toBe(false);
    expect(containsPoint(park, 21, 1)).toBe(true);
    expect(containsPoint(park, 15, 1)).toBe(false);
    expect(containsPoint(square(0, 0, 1), 0.5, 0.5)).toBe(true);
    expect(containsPoint(square(0, 0, 1), 1.5, 0.5)).toBe(false);
  });
});

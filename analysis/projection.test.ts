import { describe, expect, it } from 'vitest';
import { haversineMeters, localProjection, project, unproject } from './projection';

describe('local equirectangular frame', () => {
  const p = localProjection(41.9, 12.5); // Rome

  it('round-trips', () => {
    const { x, y } = project(p, 41.95, 12.61);
    const back = unproject(p, x, y);
    expect(back.lat).toBeCloseTo(41.95, 12);
    expect(back.lon).toBeCloseTo(12.61, 12);
  });

  it('keeps planar distances within 0.5 % of great-circle ones 25 km from the centre', () => {
    for (const [lat, lon] of [
      [42.125, 12.5],
      [41.9, 12.8],
      [42.1, 12.75],
      [41.7, 12.2],
    ]) {
      const a = project(p, lat, lon);
      const b = project(p, 41.9, 12.5);
      const planar = Math.hypot(a.x - b.x, a.y - b.y);
      const truth = haversineMeters(lat, lon, 41.9, 12.5);
      expect(Math.abs(planar / truth - 1)).toBeLessThan(0.005);
    }
  });
});

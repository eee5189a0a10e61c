// Which zone a tapped spot falls in, to tell the resident what they chose. The server decides
// for real (and refuses a spot outside the territory); this is only the label.
import type { Ring, ZoneFeature, ZoneGeometry } from './types';

function inRing(lon: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function polygons(g: ZoneGeometry): Ring[][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

function contains(g: ZoneGeometry, lon: number, lat: number): boolean {
  return polygons(g).some((p) => inRing(lon, lat, p[0]) && !p.slice(1).some((hole) => inRing(lon, lat, hole)));
}

function boxArea(g: ZoneGeometry): number {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const p of polygons(g))
    for (const [x, y] of p[0]) {
      minX = Math.min(minX, x); maxX = Math.max(maxX, x);
      minY = Math.min(minY, y); maxY = Math.max(maxY, y);
    }
  return (maxX - minX) * (maxY - minY);
}

/** The smallest zone containing the spot, as the server resolves it. */
export function zoneAt(zones: ZoneFeature[], lon: number, lat: number): ZoneFeature | null {
  let best: ZoneFeature | null = null;
  for (const z of zones) if (contains(z.geometry, lon, lat) && (!best || boxArea(z.geometry) < boxArea(best.geometry))) best = z;
  return best;
}

export function inBox(bbox: [number, number, number, number] | null, lon: number, lat: number): boolean {
  return !bbox || (lon >= bbox[0] && lon <= bbox[2] && lat >= bbox[1] && lat <= bbox[3]);
}

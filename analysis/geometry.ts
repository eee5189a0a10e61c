// Small planar/spherical geometry for zones: bounding boxes, areas, point-in-polygon.
// Pure, so the API (zone lookup), the seed and the web app (map clicks) share one copy.
export type PolygonGeometry =
  | { type: 'Polygon'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] };

export type BBox = [minLon: number, minLat: number, maxLon: number, maxLat: number];

function rings(g: PolygonGeometry): number[][][][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

export function bboxOf(g: PolygonGeometry): BBox {
  let minLon = Infinity, minLat = Infinity, maxLon = -Infinity, maxLat = -Infinity;
  for (const poly of rings(g))
    for (const [lon, lat] of poly[0]) {
      if (lon < minLon) minLon = lon;
      if (lon > maxLon) maxLon = lon;
      if (lat < minLat) minLat = lat;
      if (lat > maxLat) maxLat = lat;
    }
  return [minLon, minLat, maxLon, maxLat];
}

export function unionBBox(boxes: BBox[]): BBox | null {
  if (boxes.length === 0) return null;
  return boxes.reduce((a, b) => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])]);
}

const EARTH_RADIUS_KM = 6371.0088;

/** Ring area on the sphere (km²), good to well under 1 % for municipal-size polygons. */
function ringAreaKm2(ring: number[][]): number {
  let sum = 0;
  const rad = Math.PI / 180;
  for (let i = 0; i < ring.length - 1; i++) {
    const [lon1, lat1] = ring[i];
    const [lon2, lat2] = ring[i + 1];
    sum += (lon2 - lon1) * rad * (2 + Math.sin(lat1 * rad) + Math.sin(lat2 * rad));
  }
  return Math.abs((sum * EARTH_RADIUS_KM * EARTH_RADIUS_KM) / 2);
}

export function areaKm2(g: PolygonGeometry): number {
  let total = 0;
  for (const poly of rings(g)) {
    total += ringAreaKm2(poly[0]);
    for (const hole of poly.slice(1)) total -= ringAreaKm2(hole);
  }
  return total;
}

// Point-in-polygon runs for every point a territory import re-zones: no arrays made per call.
function inRing(lon: number, lat: number, ring: number[][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i][0];
    const yi = ring[i][1];
    const xj = ring[j][0];
    const yj = ring[j][1];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inPolygon(lon: number, lat: number, poly: number[][][]): boolean {
  if (!inRing(lon, lat, poly[0])) return false;
  for (let h = 1; h < poly.length; h++) if (inRing(lon, lat, poly[h])) return false;
  return true;
}

export function containsPoint(g: PolygonGeometry, lon: number, lat: number): boolean {
  if (g.type === 'Polygon') return inPolygon(lon, lat, g.coordinates);
  for (const poly of g.coordinates) if (inPolygon(lon, lat, poly)) return true;
  return false;
}

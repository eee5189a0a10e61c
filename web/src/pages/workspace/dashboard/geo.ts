// Point-in-polygon for the map's click ("which cell, which zone is here?") and bounds helpers.
type Ring = number[][];
type Geometry = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] } | { type: string; coordinates?: unknown };

function inRing(lon: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inPolygon(lon: number, lat: number, rings: Ring[]): boolean {
  return rings.length > 0 && inRing(lon, lat, rings[0]) && !rings.slice(1).some((hole) => inRing(lon, lat, hole));
}

export function containsPoint(geometry: unknown, lon: number, lat: number): boolean {
  const g = geometry as Geometry;
  if (g?.type === 'Polygon') return inPolygon(lon, lat, g.coordinates as Ring[]);
  if (g?.type === 'MultiPolygon') return (g.coordinates as Ring[][]).some((p) => inPolygon(lon, lat, p));
  return false;
}

// A local planar frame in metres for a study area of tens of km, so that grid cells and distance
// bands are true metric distances without a projection library.
//
// Equirectangular projection centred on the study area (the centre of its bounding box):
//   x = R * cos(lat0) * (lon - lon0) * pi/180,   y = R * (lat - lat0) * pi/180,   R = 6,371,008.8 m
// Distances are exact north–south; east–west the scale is off by cos(lat)/cos(lat0) - 1, about
// tan(lat0) * dLat in radians: at Italian latitudes (lat0 ≈ 37–47°) and ±25 km from the centre this
// is ≤ 0.4 %, and the error against the ellipsoid (≤ 0.5 %) is of the same order — well below a grid
// cell. Being linear in lat/lon, a square cell maps back to an exact lat/lon rectangle.

export const EARTH_RADIUS_METERS = 6_371_008.8; // IUGG mean radius

export interface LocalProjection {
  name: 'equirectangular';
  /** Latitude and longitude of the origin (0, 0), the centre of the study area. */
  lat0: number;
  lon0: number;
  earthRadiusMeters: number;
  /** Metres per degree of latitude and of longitude at lat0. */
  metersPerDegLat: number;
  metersPerDegLon: number;
}

export function localProjection(lat0: number, lon0: number): LocalProjection {
  const metersPerDegLat = (EARTH_RADIUS_METERS * Math.PI) / 180;
  return {
    name: 'equirectangular',
    lat0,
    lon0,
    earthRadiusMeters: EARTH_RADIUS_METERS,
    metersPerDegLat,
    metersPerDegLon: metersPerDegLat * Math.cos((lat0 * Math.PI) / 180),
  };
}

export function project(p: LocalProjection, lat: number, lon: number): { x: number; y: number } {
  return { x: (lon - p.lon0) * p.metersPerDegLon, y: (lat - p.lat0) * p.metersPerDegLat };
}

export function unproject(p: LocalProjection, x: number, y: number): { lat: number; lon: number } {
  return { lat: p.lat0 + y / p.metersPerDegLat, lon: p.lon0 + x / p.metersPerDegLon };
}

/** Great-circle distance (haversine), used by the tests to check the planar frame. */
export function haversineMeters(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const dLat = (lat2 - lat1) * r;
  const dLon = (lon2 - lon1) * r;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(a)));
}

// GeoJSON view of a hotspot result: one polygon per cell, the method as a top-level member so a
// published file always says how it was computed (RFC 7946 allows foreign members).
import type { HotspotCell, HotspotMethod, HotspotResult } from './hotspots';
import { localProjection } from './projection';

export interface HotspotFeature {
  type: 'Feature';
  geometry: { type: 'Polygon'; coordinates: [number, number][][] };
  properties: Pick<HotspotCell, 'col' | 'row' | 'x' | 'y' | 'count' | 'value' | 'z' | 'p' | 'q' | 'class'>;
}

export interface HotspotFeatureCollection {
  type: 'FeatureCollection';
  method: HotspotMethod;
  features: HotspotFeature[];
}

// 7 decimals of a degree is ~1 cm: more would only inflate the file.
const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

export function hotspotsToGeoJSON(result: HotspotResult): HotspotFeatureCollection {
  const { method } = result;
  const p = localProjection(method.projection.lat0, method.projection.lon0);
  const half = method.cellMeters / 2;
  const features = result.cells.map((c): HotspotFeature => {
    // The frame is linear in lat/lon, so the square cell is an exact lat/lon rectangle.
    const west = round7(p.lon0 + (c.x - half) / p.metersPerDegLon);
    const east = round7(p.lon0 + (c.x + half) / p.metersPerDegLon);
    const south = round7(p.lat0 + (c.y - half) / p.metersPerDegLat);
    const north = round7(p.lat0 + (c.y + half) / p.metersPerDegLat);
    return {
      type: 'Feature',
      // Exterior ring counter-clockwise, as RFC 7946 asks.
      geometry: { type: 'Polygon', coordinates: [[[west, south], [east, south], [east, north], [west, north], [west, south]]] },
      properties: { col: c.col, row: c.row, x: c.x, y: c.y, count: c.count, value: c.value, z: c.z, p: c.p, q: c.q, class: c.class },
    };
  });
  return { type: 'FeatureCollection', method, features };
}

// GeoJSON view of a hotspot result: one polygon per analysed cell, the method as a top-level
// member so a published file always says how it was computed (RFC 7946 allows foreign members).
// A public result's features carry the cell's place and class only (hotspots.ts says why).
import type { HotspotCell, HotspotMethod, HotspotResult, PublicHotspotCell, PublicHotspotResult } from './hotspots';
import { localProjection } from './projection';

type Ring = { type: 'Polygon'; coordinates: [number, number][][] };

export interface HotspotFeature {
  type: 'Feature';
  geometry: Ring;
  properties: Pick<HotspotCell, 'col' | 'row' | 'x' | 'y' | 'count' | 'value' | 'window' | 'expected' | 'z' | 'p' | 'q' | 'class'>;
}

export interface PublicHotspotFeature {
  type: 'Feature';
  geometry: Ring;
  properties: Pick<PublicHotspotCell, 'col' | 'row' | 'class'>;
}

export interface HotspotFeatureCollection {
  type: 'FeatureCollection';
  method: HotspotMethod;
  features: HotspotFeature[];
}

export interface PublicHotspotFeatureCollection {
  type: 'FeatureCollection';
  method: PublicHotspotResult['method'];
  features: PublicHotspotFeature[];
}

// 7 decimals of a degree is ~1 cm: more would only inflate the file.
const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

function cellRing(method: HotspotMethod): (c: { x: number; y: number }) => Ring {
  const p = localProjection(method.projection.lat0, method.projection.lon0);
  const half = method.cellMeters / 2;
  return (c) => {
    // The frame is linear in lat/lon, so the square cell is an exact lat/lon rectangle.
    const west = round7(p.lon0 + (c.x - half) / p.metersPerDegLon);
    const east = round7(p.lon0 + (c.x + half) / p.metersPerDegLon);
    const south = round7(p.lat0 + (c.y - half) / p.metersPerDegLat);
    const north = round7(p.lat0 + (c.y + half) / p.metersPerDegLat);
    // Exterior ring counter-clockwise, as RFC 7946 asks.
    return { type: 'Polygon', coordinates: [[[west, south], [east, south], [east, north], [west, north], [west, south]]] };
  };
}

export function hotspotsToGeoJSON(result: PublicHotspotResult): PublicHotspotFeatureCollection;
export function hotspotsToGeoJSON(result: HotspotResult): HotspotFeatureCollection;
export function hotspotsToGeoJSON(result: HotspotResult | PublicHotspotResult): HotspotFeatureCollection | PublicHotspotFeatureCollection;
export function hotspotsToGeoJSON(result: HotspotResult | PublicHotspotResult): HotspotFeatureCollection | PublicHotspotFeatureCollection {
  const ring = cellRing(result.method);
  if (result.method.privacy) {
    const features = (result.cells as PublicHotspotCell[]).map((c): PublicHotspotFeature => ({ type: 'Feature', geometry: ring(c), properties: { col: c.col, row: c.row, class: c.class } }));
    return { type: 'FeatureCollection', method: (result as PublicHotspotResult).method, features };
  }
  const features = (result as HotspotResult).cells.map(
    (c): HotspotFeature => ({
      type: 'Feature',
      geometry: ring(c),
      properties: { col: c.col, row: c.row, x: c.x, y: c.y, count: c.count, value: c.value, window: c.window, expected: c.expected, z: c.z, p: c.p, q: c.q, class: c.class },
    }),
  );
  return { type: 'FeatureCollection', method: result.method, features };
}

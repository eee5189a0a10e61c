// Which cell or zone a map click falls in, for geometries that arrive untyped from the API.
import { containsPoint as inGeometry, type PolygonGeometry } from '../../../../../analysis/geometry';

export function containsPoint(geometry: unknown, lon: number, lat: number): boolean {
  const g = geometry as { type?: string } | null;
  return (g?.type === 'Polygon' || g?.type === 'MultiPolygon') && inGeometry(g as PolygonGeometry, lon, lat);
}

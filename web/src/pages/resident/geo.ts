// Which zone a tapped spot falls in, to tell the resident what they chose. The server decides
// for real (and refuses a spot outside the territory); this is only the label.
import { bboxOf, containsPoint } from '../../../../analysis/geometry';
import type { ZoneFeature, ZoneGeometry } from './types';

function boxArea(g: ZoneGeometry): number {
  const [minX, minY, maxX, maxY] = bboxOf(g);
  return (maxX - minX) * (maxY - minY);
}

/** The smallest zone containing the spot, as the server resolves it. */
export function zoneAt(zones: ZoneFeature[], lon: number, lat: number): ZoneFeature | null {
  let best: ZoneFeature | null = null;
  for (const z of zones) if (containsPoint(z.geometry, lon, lat) && (!best || boxArea(z.geometry) < boxArea(best.geometry))) best = z;
  return best;
}

export function inBox(bbox: [number, number, number, number] | null, lon: number, lat: number): boolean {
  return !bbox || (lon >= bbox[0] && lon <= bbox[2] && lat >= bbox[1] && lat <= bbox[3]);
}

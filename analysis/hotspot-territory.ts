// Which grid cells belong to the territory, and how much of each. The hotspot grid is laid over the
// territory (the diagnosis's municipal boundaries, else its zones), not over the filtered signals:
// the same cells for every filter, and land outside the territory never counts as "zero reports".
//
// A cell is analysed when its centre lies inside some polygon (the union of all polygons given).
// For the null hypothesis we also need how much of each analysed cell is territory: an edge cell
// that is half sea or half another municipality expects half the reports of an interior cell, and
// treating it as a whole cell would make the interior look slightly hot at large counts. Both come
// from one scanline pass: `SUB_LINES` horizontal lines per row of cells (odd, so the middle one
// passes through the centres), each crossed with every polygon edge once, the inside intervals
// (even-odd per polygon, so holes work; union across polygons) clipped to the cells. Cost is
// O(edges + lines × crossings + cells), never polygons × cells.
import type { PolygonGeometry } from './geometry';
import { extentMeters, makeGrid, niceMeters, MIN_CELL_METERS, type Grid, type LatLonBounds } from './grid';

export const SUB_LINES = 7;
/** Default cell count sought over the territory's area (not over its bounding box). */
export const TARGET_TERRITORY_CELLS = 2500;

export interface TerritoryMask {
  /** 1 when the cell centre is inside the territory: the cell is analysed. */
  inside: Uint8Array;
  /** Share of the cell's area inside the territory, 0..1 (scanline estimate, error < 1/SUB_LINES of an edge cell). */
  coverage: Float64Array;
  analysed: number;
}

function polygonsOf(g: PolygonGeometry): number[][][][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

export function territoryBounds(territory: readonly PolygonGeometry[]): LatLonBounds | null {
  let minLat = Infinity;
  let minLon = Infinity;
  let maxLat = -Infinity;
  let maxLon = -Infinity;
  for (const g of territory)
    for (const poly of polygonsOf(g))
      for (const [lon, lat] of poly[0]) {
        if (lon < minLon) minLon = lon;
        if (lon > maxLon) maxLon = lon;
        if (lat < minLat) minLat = lat;
        if (lat > maxLat) maxLat = lat;
      }
  return minLat <= maxLat && minLon <= maxLon ? { minLat, minLon, maxLat, maxLon } : null;
}

/** The bounds as a one-rectangle territory (a given extent, or the data's). */
export function boxTerritory(b: LatLonBounds): PolygonGeometry[] {
  return [{ type: 'Polygon', coordinates: [[[b.minLon, b.minLat], [b.maxLon, b.minLat], [b.maxLon, b.maxLat], [b.minLon, b.maxLat], [b.minLon, b.minLat]]] }];
}

/**
 * Inside intervals of every scanline, in grid units (x in cells from the grid's west edge), the
 * union over polygons, sorted and disjoint. Line l lies at y = (l + 0.5) / SUB_LINES cells.
 */
function scanlineIntervals(grid: Grid, territory: readonly PolygonGeometry[]): Float64Array[] {
  const { rows, cellMeters, originX, originY, projection } = grid;
  const kx = projection.metersPerDegLon / cellMeters;
  const ky = projection.metersPerDegLat / cellMeters;
  const bx = (-projection.lon0 * projection.metersPerDegLon - originX) / cellMeters;
  const by = (-projection.lat0 * projection.metersPerDegLat - originY) / cellMeters;
  const lines = rows * SUB_LINES;
  const union: number[][] = Array.from({ length: lines }, () => []);
  const crossings: number[][] = Array.from({ length: lines }, () => []);
  for (const g of territory)
    for (const poly of polygonsOf(g)) {
      const touched: number[] = [];
      for (const ring of poly) {
        for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
          const x1 = ring[j][0] * kx + bx;
          const y1 = ring[j][1] * ky + by;
          const x2 = ring[i][0] * kx + bx;
          const y2 = ring[i][1] * ky + by;
          if (y1 === y2) continue;
          const ylo = Math.min(y1, y2);
          const yhi = Math.max(y1, y2);
          // Lines with ylo <= y < yhi (the half-open rule of point-in-polygon: a vertex counts once).
          const l0 = Math.max(0, Math.ceil(ylo * SUB_LINES - 0.5));
          const l1 = Math.min(lines - 1, Math.ceil(yhi * SUB_LINES - 0.5) - 1);
          for (let l = l0; l <= l1; l++) {
            const y = (l + 0.5) / SUB_LINES;
            if (crossings[l].length === 0) touched.push(l);
            crossings[l].push(x1 + ((y - y1) * (x2 - x1)) / (y2 - y1));
          }
        }
      }
      // Even-odd within one polygon (outer ring and holes), then into the union.
      for (const l of touched) {
        const xs = crossings[l].sort((a, b) => a - b);
        for (let k = 0; k + 1 < xs.length; k += 2) union[l].push(xs[k], xs[k + 1]);
        crossings[l] = [];
      }
    }
  return union.map((iv) => {
    if (iv.length <= 2) return Float64Array.from(iv);
    const pairs: [number, number][] = [];
    for (let k = 0; k < iv.length; k += 2) pairs.push([iv[k], iv[k + 1]]);
    pairs.sort((a, b) => a[0] - b[0]);
    const out: number[] = [];
    for (const [a, b] of pairs) {
      if (out.length && a <= out[out.length - 1]) out[out.length - 1] = Math.max(out[out.length - 1], b);
      else out.push(a, b);
    }
    return Float64Array.from(out);
  });
}

/** Analysed cells (centre inside) and each cell's territory share. */
export function territoryMask(grid: Grid, territory: readonly PolygonGeometry[]): TerritoryMask {
  const { cols, rows } = grid;
  const inside = new Uint8Array(cols * rows);
  const coverage = new Float64Array(cols * rows);
  const lines = scanlineIntervals(grid, territory);
  const middle = (SUB_LINES - 1) >> 1;
  for (let l = 0; l < lines.length; l++) {
    const row = Math.floor(l / SUB_LINES);
    const base = row * cols;
    const iv = lines[l];
    const centreLine = l % SUB_LINES === middle;
    for (let k = 0; k < iv.length; k += 2) {
      const a = Math.max(0, iv[k]);
      const b = Math.min(cols, iv[k + 1]);
      if (!(b > a)) continue;
      const c0 = Math.floor(a);
      const c1 = Math.min(cols - 1, Math.ceil(b) - 1);
      for (let c = c0; c <= c1; c++) {
        const overlap = Math.min(b, c + 1) - Math.max(a, c);
        if (overlap > 0) coverage[base + c] += overlap / SUB_LINES;
        if (centreLine && c + 0.5 >= a && c + 0.5 < b) inside[base + c] = 1;
      }
    }
  }
  let analysed = 0;
  for (let i = 0; i < inside.length; i++) {
    if (coverage[i] > 1) coverage[i] = 1;
    if (inside[i]) {
      analysed++;
      // A centre inside means some territory in the cell even if no sub-line saw it (a sliver).
      if (coverage[i] === 0) coverage[i] = 1 / SUB_LINES;
    }
  }
  return { inside, coverage, analysed };
}

/** The territory's area in m² (the union of its polygons), from a fine provisional grid. */
export function territoryAreaM2(territory: readonly PolygonGeometry[], bounds: LatLonBounds): number {
  const { width, height } = extentMeters(bounds);
  // ~40,000 probe cells over the box: the area to well under 1 % for any real boundary.
  const cell = Math.max(1e-3, Math.sqrt((Math.max(width, 1) * Math.max(height, 1)) / 40_000));
  const grid = makeGrid(bounds, cell, Number.MAX_SAFE_INTEGER);
  const { coverage } = territoryMask(grid, territory);
  let sum = 0;
  for (let i = 0; i < coverage.length; i++) sum += coverage[i];
  return sum * cell * cell;
}

/**
 * Default cell side for a territory: a square such that about TARGET_TERRITORY_CELLS cells cover
 * its area, rounded to a nice number of metres, at least 10 m. It depends on the territory alone,
 * so every filter of the same diagnosis gets the same cells.
 */
export function territoryCellMeters(areaM2: number): number {
  if (!(areaM2 > 0)) return 100;
  return Math.max(MIN_CELL_METERS, niceMeters(Math.sqrt(areaM2 / TARGET_TERRITORY_CELLS)));
}

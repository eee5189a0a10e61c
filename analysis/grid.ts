// The square metric grid the hotspot analysis bins signals into. A square grid rather than H3:
// no dependency, exact metric cell sizes and distances in the local frame, and cell (col, row)
// indices that anyone can recompute from the origin and the cell size. The grid covers the
// bounding box of the territory; which of its cells are analysed (centre inside the territory) and
// how much of each is territory is hotspot-territory.ts's job, and the default cell size too.
import { localProjection, type LocalProjection } from './projection';

export interface LatLonBounds {
  minLat: number;
  minLon: number;
  maxLat: number;
  maxLon: number;
}

export interface Grid {
  projection: LocalProjection;
  cellMeters: number;
  cols: number;
  rows: number;
  /** South-west corner of cell (0, 0) in the local frame, metres (the grid is centred on 0, 0). */
  originX: number;
  originY: number;
}

/** Never finer than 10 m: phone positions are not better than that, and finer cells expose people. */
export const MIN_CELL_METERS = 10;
/** Above this many cells the caller asked for a grid that cannot be the intended one. */
export const MAX_GRID_CELLS = 4_000_000;

const NICE = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];

/** Round to the nearest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k (in log scale). */
export function niceMeters(m: number): number {
  if (!(m > 0) || !Number.isFinite(m)) return MIN_CELL_METERS;
  const k = Math.floor(Math.log10(m));
  const unit = 10 ** k;
  let best = NICE[0];
  for (const f of NICE) if (Math.abs(Math.log(m / (f * unit))) < Math.abs(Math.log(m / (best * unit)))) best = f;
  return Math.round(best * unit * 1e6) / 1e6;
}

/** Bounding box of lat/lon columns, skipping non-finite entries. Null when nothing is finite. */
export function boundsOf(lat: ArrayLike<number>, lon: ArrayLike<number>, n = lat.length): LatLonBounds | null {
  let minLat = Infinity;
  let maxLat = -Infinity;
  let minLon = Infinity;
  let maxLon = -Infinity;
  for (let i = 0; i < n; i++) {
    const a = lat[i];
    const o = lon[i];
    if (!(a === a && o === o)) continue; // NaN check without a call
    if (a < minLat) minLat = a;
    if (a > maxLat) maxLat = a;
    if (o < minLon) minLon = o;
    if (o > maxLon) maxLon = o;
  }
  return minLat <= maxLat ? { minLat, minLon, maxLat, maxLon } : null;
}

/**
 * Lay the grid over the bounds: the projection is centred on the box, and ceil(extent / cell)
 * cells per axis (at least 1) are centred on it too, so the part of the edge cells that lies
 * outside the box is split evenly between opposite edges (each < half a cell). Edge cells that the
 * territory only partly covers expect fewer signals: the hotspot test weights each cell by its
 * territory share (hotspot-territory.ts), so they do not come out cold for that alone.
 */
export function makeGrid(bounds: LatLonBounds, cellMeters: number, maxCells = MAX_GRID_CELLS): Grid {
  if (!(cellMeters > 0)) throw new RangeError(`cell size must be positive, got ${cellMeters}`);
  const projection = localProjection((bounds.minLat + bounds.maxLat) / 2, (bounds.minLon + bounds.maxLon) / 2);
  const width = (bounds.maxLon - bounds.minLon) * projection.metersPerDegLon;
  const height = (bounds.maxLat - bounds.minLat) * projection.metersPerDegLat;
  // The 1e-9 keeps an extent that is a whole number of cells from gaining a spurious extra cell.
  const cols = Math.max(1, Math.ceil(width / cellMeters - 1e-9));
  const rows = Math.max(1, Math.ceil(height / cellMeters - 1e-9));
  if (cols * rows > maxCells) {
    throw new RangeError(
      `a ${cellMeters} m grid over ${Math.round(width)} × ${Math.round(height)} m has ${cols * rows} cells (limit ${maxCells}); use a larger cell`,
    );
  }
  const originX = -(cols * cellMeters) / 2;
  const originY = -(rows * cellMeters) / 2;
  return { projection, cellMeters, cols, rows, originX, originY };
}

/** Width and height of the bounds in metres of the frame the grid would use. */
export function extentMeters(bounds: LatLonBounds): { width: number; height: number } {
  const p = localProjection((bounds.minLat + bounds.maxLat) / 2, (bounds.minLon + bounds.maxLon) / 2);
  return {
    width: (bounds.maxLon - bounds.minLon) * p.metersPerDegLon,
    height: (bounds.maxLat - bounds.minLat) * p.metersPerDegLat,
  };
}

/**
 * Sum counts and values into cells. Points outside the grid or with non-finite coordinates are
 * skipped and counted. `count` and `value` may be omitted (1 per point, value = count).
 * With `withRows`, `rows` holds the number of points (not their counts) per cell.
 */
export function binPoints(
  grid: Grid,
  lat: ArrayLike<number>,
  lon: ArrayLike<number>,
  n: number,
  count?: ArrayLike<number> | null,
  value?: ArrayLike<number> | null,
  withRows = false,
): { counts: Float64Array; values: Float64Array; outside: number; rows?: Float64Array } {
  const { cols, rows, cellMeters, originX, originY, projection } = grid;
  const counts = new Float64Array(cols * rows);
  const perCell = withRows ? (count ? new Float64Array(cols * rows) : counts) : null;
  const values = value ? new Float64Array(cols * rows) : counts;
  // Column index straight from degrees: (lon - lon0) * mPerDeg - originX over the cell size.
  const kx = projection.metersPerDegLon / cellMeters;
  const ky = projection.metersPerDegLat / cellMeters;
  const bx = (-projection.lon0 * projection.metersPerDegLon - originX) / cellMeters;
  const by = (-projection.lat0 * projection.metersPerDegLat - originY) / cellMeters;
  let outside = 0;
  for (let i = 0; i < n; i++) {
    const fx = lon[i] * kx + bx;
    const fy = lat[i] * ky + by;
    // A point on the box's edge can land a hair outside when the extent is a whole number of
    // cells; clamp that, reject the rest.
    let c = Math.floor(fx);
    let r = Math.floor(fy);
    if (c === -1 && fx > -1e-6) c = 0;
    else if (c === cols && fx < cols + 1e-6) c = cols - 1;
    if (r === -1 && fy > -1e-6) r = 0;
    else if (r === rows && fy < rows + 1e-6) r = rows - 1;
    if (!(c >= 0 && c < cols && r >= 0 && r < rows)) {
      outside++;
      continue;
    }
    const cell = r * cols + c;
    const k = count ? count[i] : 1;
    counts[cell] += k;
    if (value) values[cell] += value[i];
    if (perCell && perCell !== counts) perCell[cell]++;
  }
  return perCell ? { counts, values, outside, rows: perCell } : { counts, values, outside };
}

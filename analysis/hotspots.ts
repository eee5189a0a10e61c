// Hotspot analysis: signals binned into a square metric grid, Getis–Ord Gi* on the cells,
// Benjamini–Hochberg q-values across cells, and a hot/cold class per cell decided on q.
//
// Defaults (both overridable, both reported in `method`):
// - cell: about one cell per signal, 400–4,000 cells over the bounding box, rounded to a nice
//   number of metres, at least 10 m (grid.ts, defaultCellMeters);
// - band: 1.5 × cell, i.e. the 8 touching cells plus the cell itself (queen contiguity) — the
//   smallest neighbourhood that smooths in every direction; 1.5 rather than √2 keeps the diagonal
//   neighbours clear of floating-point ties at the band's edge;
// - fewer than 30 signals in all: z, p, q are reported but no cell is classed (`method.note`).
import { benjaminiHochberg } from './fdr';
import { signalPredicate } from './filter';
import { bandStencil, giStarGrid, stencilSize } from './getis-ord';
import { binPoints, boundsOf, defaultCellMeters, extentMeters, makeGrid, type LatLonBounds } from './grid';
import { publicK, suppressBelowK } from './privacy';
import { normalTwoSidedP } from './stats';
import type { PrivacyOptions, SignalFilter, SignalPoint } from './types';

export type HotspotClass = 'hot-99' | 'hot-95' | 'hot-90' | 'cold-99' | 'cold-95' | 'cold-90' | 'none';
export type HotspotValue = 'count' | 'weight' | 'intensity';

export const DEFAULT_BAND_CELLS = 1.5;
/**
 * Below this many signals the normal approximation of Gi* is meaningless (a lone report among
 * hundreds of empty cells gets z ≈ 10): z, p and q are still reported, but no cell is classed.
 */
export const DEFAULT_MIN_SIGNALS = 30;
export const WEIGHTS = 'binary distance band, self included' as const;
export const FDR = 'Benjamini-Hochberg' as const;

export interface HotspotOptions extends PrivacyOptions {
  cellMeters?: number;
  bandMeters?: number;
  /** What a cell sums: signal counts (default), count × weight, or count × intensity. */
  value?: HotspotValue;
  filter?: SignalFilter;
  /** Study area; default the bounding box of the (filtered) signals. Signals outside are skipped. */
  bounds?: LatLonBounds;
  /** Fewer signals (sum of counts) than this: no cell is classed. Default 30. */
  minSignals?: number;
}

export interface HotspotCell {
  col: number;
  row: number;
  /** Cell centre in the local frame, metres east and north of the projection origin. */
  x: number;
  y: number;
  lat: number;
  lon: number;
  count: number;
  value: number;
  z: number;
  p: number;
  q: number;
  class: HotspotClass;
}

export interface HotspotMethod {
  statistic: 'Gi*';
  cellMeters: number;
  bandMeters: number;
  weights: typeof WEIGHTS;
  fdr: typeof FDR;
  value: HotspotValue | string;
  /** Cells in an interior cell's neighbourhood, itself included. */
  neighbours: number;
  classes: string;
  cellRule: string;
  bandRule: string;
  projection: { name: 'equirectangular'; lat0: number; lon0: number; earthRadiusMeters: number };
  grid: { cols: number; rows: number; originX: number; originY: number };
  /** Set when too few signals left every cell unclassed. */
  note?: string;
  privacy?: { k: number; suppressedCells: number };
}

export interface HotspotResult {
  method: HotspotMethod;
  cells: HotspotCell[];
  summary: {
    /** Signal rows binned, and the events they stand for (sum of counts). */
    points: number;
    signals: number;
    outside: number;
    cells: number;
  } & Record<HotspotClass, number>;
}

/** Typed columns, the form the CLI reads a CSV into; `count` and `value` default to 1 and count. */
export interface SignalColumns {
  n: number;
  lat: ArrayLike<number>;
  lon: ArrayLike<number>;
  count?: ArrayLike<number> | null;
  value?: ArrayLike<number> | null;
}

const CLASSES = 'hot/cold-99, -95, -90 when q ≤ 0.01, 0.05, 0.10 (sign of z); none otherwise';

export function classify(z: number, q: number): HotspotClass {
  if (!(q <= 0.1) || z === 0) return 'none';
  const level = q <= 0.01 ? '99' : q <= 0.05 ? '95' : '90';
  return `${z > 0 ? 'hot' : 'cold'}-${level}` as HotspotClass;
}

/** The core on typed columns: bin, Gi*, two-sided p, BH q, classes. */
export function hotspotsFromColumns(columns: SignalColumns, options: Omit<HotspotOptions, 'filter'> & { valueName?: string } = {}): HotspotResult {
  const bounds = options.bounds ?? boundsOf(columns.lat, columns.lon, columns.n);
  const cellGiven = options.cellMeters !== undefined;
  const bandGiven = options.bandMeters !== undefined;
  const emptySummary = { points: 0, signals: 0, outside: columns.n, cells: 0, 'hot-99': 0, 'hot-95': 0, 'hot-90': 0, 'cold-99': 0, 'cold-95': 0, 'cold-90': 0, none: 0 };
  let cellMeters = options.cellMeters ?? 0;
  if (bounds && !cellGiven) {
    const { width, height } = extentMeters(bounds);
    cellMeters = defaultCellMeters(width, height, columns.n);
  }
  const bandMeters = options.bandMeters ?? DEFAULT_BAND_CELLS * cellMeters;
  if (bandGiven && !(bandMeters > 0)) throw new RangeError(`band must be positive, got ${bandMeters}`);
  const cellRule = cellGiven
    ? 'given'
    : `default: side of ~clamp(points, 400, 4000) cells over the bounding box, rounded to a nice number of metres, ≥ 10 m`;
  const bandRule = bandGiven ? 'given' : `default: ${DEFAULT_BAND_CELLS} × cell (the 8 touching cells + self)`;

  if (!bounds) {
    return {
      method: {
        statistic: 'Gi*', cellMeters, bandMeters, weights: WEIGHTS, fdr: FDR, value: options.valueName ?? options.value ?? 'count',
        neighbours: 0, classes: CLASSES, cellRule, bandRule,
        projection: { name: 'equirectangular', lat0: 0, lon0: 0, earthRadiusMeters: 0 },
        grid: { cols: 0, rows: 0, originX: 0, originY: 0 },
      },
      cells: [],
      summary: emptySummary,
    };
  }

  const grid = makeGrid(bounds, cellMeters);
  const { counts, values, outside } = binPoints(grid, columns.lat, columns.lon, columns.n, columns.count, columns.value);
  const { cols, rows } = grid;
  const z = giStarGrid(values, cols, rows, cellMeters, bandMeters);
  const nCells = cols * rows;
  const p = new Float64Array(nCells);
  for (let i = 0; i < nCells; i++) p[i] = normalTwoSidedP(z[i]);
  const q = benjaminiHochberg(p);

  const summary = { ...emptySummary, points: columns.n - outside, outside, cells: nCells };
  const { projection, originX, originY } = grid;
  let cells: HotspotCell[] = new Array(nCells);
  let signals = 0;
  for (let i = 0; i < nCells; i++) signals += counts[i];
  const minSignals = options.minSignals ?? DEFAULT_MIN_SIGNALS;
  const classed = signals >= minSignals;
  for (let row = 0; row < rows; row++) {
    const y = originY + (row + 0.5) * cellMeters;
    const lat = projection.lat0 + y / projection.metersPerDegLat;
    for (let col = 0; col < cols; col++) {
      const i = row * cols + col;
      const x = originX + (col + 0.5) * cellMeters;
      const cls = classed ? classify(z[i], q[i]) : 'none';
      summary[cls]++;
      cells[i] = { col, row, x, y, lat, lon: projection.lon0 + x / projection.metersPerDegLon, count: counts[i], value: values[i], z: z[i], p: p[i], q: q[i], class: cls };
    }
  }
  summary.signals = signals;

  const method: HotspotMethod = {
    statistic: 'Gi*',
    cellMeters,
    bandMeters,
    weights: WEIGHTS,
    fdr: FDR,
    value: options.valueName ?? options.value ?? 'count',
    neighbours: stencilSize(bandStencil(cellMeters, bandMeters)),
    classes: CLASSES,
    cellRule,
    bandRule,
    projection: { name: projection.name, lat0: projection.lat0, lon0: projection.lon0, earthRadiusMeters: projection.earthRadiusMeters },
    grid: { cols, rows, originX, originY },
  };
  if (!classed) method.note = `${signals} signals, fewer than ${minSignals}: too few to class cells as hot or cold`;
  // Gi* is computed on every signal; only the published cells are cut.
  const k = publicK(options);
  if (k !== null) {
    const kept = suppressBelowK(cells, k, (c) => c.count);
    method.privacy = { k, suppressedCells: cells.length - kept.length };
    cells = kept;
  }
  return { method, cells, summary };
}

/**
 * Hotspots of signals. Filters are applied first; signals with coordinates that are not finite or
 * out of range, or with a negative or non-finite count, are skipped (counted in `summary.outside`).
 */
export function hotspots(signals: readonly SignalPoint[], options: HotspotOptions = {}): HotspotResult {
  const keep = signalPredicate(options.filter);
  const valueKind = options.value ?? 'count';
  const lat = new Float64Array(signals.length);
  const lon = new Float64Array(signals.length);
  const count = new Float64Array(signals.length);
  const value = valueKind === 'count' ? null : new Float64Array(signals.length);
  let n = 0;
  let invalid = 0;
  for (const s of signals) {
    if (!keep(s)) continue;
    const k = s.count ?? 1;
    if (!(Math.abs(s.lat) <= 90 && Math.abs(s.lon) <= 180 && k >= 0 && Number.isFinite(k))) {
      invalid++;
      continue;
    }
    lat[n] = s.lat;
    lon[n] = s.lon;
    count[n] = k;
    if (value) value[n] = k * ((valueKind === 'weight' ? s.weight : s.intensity) ?? 1);
    n++;
  }
  const result = hotspotsFromColumns({ n, lat, lon, count, value }, options);
  result.summary.outside += invalid;
  return result;
}


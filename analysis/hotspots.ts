// Hotspot analysis: signals binned into a square metric grid laid over the territory, Getis–Ord
// Gi* on the analysed cells (the z of spdep's localG), an exact conditional binomial test of each
// cell's window count against the territory-wide rate (hotspot-inference.ts), Benjamini–Hochberg
// q-values across the analysed cells, and a hot/cold class per cell decided on q.
//
// Why not the normal p of Gi* (what this module did before): counts in small windows are far from
// normal, and on uniform data 41 %, 29 % and 13 % of maps (100, 1,000, 10,000 signals) showed a
// hot-95 cell after BH. Now 1-2.5 % do (analysis/hotspots.test.ts). A class's direction is the tail
// that gave p (the window holds more or fewer than N × its share); it agrees with the sign of z
// except at the territory's edge, where the share follows the territory's area in the cells.
// The exact test is valid at any size, so the old "fewer than 30 signals: no classes" rule is gone;
// below 30 signals `method.note` only warns that power is low (no hot cell is no evidence of none).
//
// The grid (hotspot-territory.ts, grid.ts):
// - extent: the territory's polygons (the API passes the diagnosis's municipal boundaries, else its
//   zones) — `method.extent: 'territory'`; else given bounds (`'given'`, the CLI's --extent); else
//   the data's bounding box (`'data'`). The same cells for every filter of one territory;
// - cells whose centre is outside every polygon are not analysed: not units of Gi*, not in any
//   window, not tested, not returned. Signals in them (outside the territory, or in an edge cell
//   whose centre is outside) are counted in `summary.outside`;
// - cell: about TARGET_TERRITORY_CELLS cells over the territory's area, a nice number of metres,
//   ≥ 10 m; overridable;
// - band: 1.5 × cell, i.e. the 8 touching cells plus the cell itself (queen contiguity) — the
//   smallest neighbourhood that smooths in every direction; 1.5 rather than √2 keeps the diagonal
//   neighbours clear of floating-point ties at the band's edge.
//
// What is tested is always the count. With `value` = 'intensity' or 'weight' (count × intensity /
// weight) the cell's `value` is reported, descriptively: a weighted sum is not binomial, and a
// Monte Carlo test under random relocation would need > 40,000 relocations to reach the p-values
// BH asks for over thousands of cells — beyond what a dashboard can wait for.
//
// Public output (`public: true`): every count is first rounded and suppressed below k
// (privacy.ts); the test is run on those published counts, and a cell carries its class only —
// no z, p, q or count, which would let suppressed counts be solved for. Rounded counts are not
// binomial (treated as exact, isolated 3s published as 5s made every null map of 1,000 signals
// show hot cells), so the public test bounds each p-value over the true counts that the published
// ones stand for: conservative, valid, and a function of the published figures (cell counts and
// the rounded total) only. It costs power: 89 % for the 40-report cluster among 3,000, 11 % among
// 10,000, where the ±2 of every published cell adds up over a window.
import { benjaminiHochberg } from './fdr';
import { signalPredicate } from './filter';
import type { PolygonGeometry } from './geometry';
import { bandStencil, giStarFromWindows, gridWindowSums, stencilSize } from './getis-ord';
import { binPoints, boundsOf, makeGrid, type Grid, type LatLonBounds } from './grid';
import { boundedWindowTests, windowCountTests } from './hotspot-inference';
import { boxTerritory, territoryAreaM2, territoryBounds, territoryCellMeters, territoryMask, TARGET_TERRITORY_CELLS, type TerritoryMask } from './hotspot-territory';
import { disclosureRule, publishedCount, roundToBase, type DisclosureRule } from './privacy';
import { sourcesOf, withSources } from './sources';
import type { PrivacyOptions, SignalFilter, SignalPoint, SignalSource } from './types';

export type HotspotClass = 'hot-99' | 'hot-95' | 'hot-90' | 'cold-99' | 'cold-95' | 'cold-90' | 'none';
export type HotspotValue = 'count' | 'weight' | 'intensity';
export type HotspotExtent = 'territory' | 'given' | 'data';

export const DEFAULT_BAND_CELLS = 1.5;
/** A band wider than this many cells is refused: each window would hold ~8,000 cells, and the time grows with it. */
export const MAX_BAND_CELLS = 50;
/** Below this many signals `method.note` warns that power is low (validity needs no minimum). */
export const FEW_SIGNALS = 30;
export const WEIGHTS = 'binary distance band, self included' as const;
export const FDR = 'Benjamini-Hochberg' as const;
export const TEST = 'exact conditional binomial test of the window count (two-sided, min(1, 2 × smaller tail))' as const;
export const PUBLIC_TEST =
  'exact conditional binomial test bounded over the true counts the published ones stand for (conservative): P(S ≥ s) ≤ P(Binomial(N_max, share) ≥ Σ smallest), P(S ≤ s) ≤ P(Binomial(N_min, share) ≤ Σ largest)' as const;
export const NULL_HYPOTHESIS =
  'each of the N signals in the analysed cells fell in cell j independently with probability (territory area in j) / (territory area of all analysed cells); a window then holds Binomial(N, its area share)';

export interface HotspotOptions extends PrivacyOptions {
  cellMeters?: number;
  bandMeters?: number;
  /** What a cell's `value` sums: counts (default), count × weight, or count × intensity. Classes always test counts. */
  value?: HotspotValue;
  filter?: SignalFilter;
  /** The territory: polygons whose union is the study area (municipal boundaries, else zones). */
  territory?: readonly PolygonGeometry[];
  /** A given extent when there is no territory (the CLI's --extent). */
  bounds?: LatLonBounds;
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
  /** Signals in the cell's window (itself and its analysed neighbours), and their null expectation. */
  window: number;
  expected: number;
  z: number;
  p: number;
  q: number;
  class: HotspotClass;
}

/** A public cell: where it is and its class, nothing a count could be solved from. */
export type PublicHotspotCell = Pick<HotspotCell, 'col' | 'row' | 'x' | 'y' | 'lat' | 'lon' | 'class'>;

export interface HotspotMethod {
  statistic: 'Gi*';
  test: typeof TEST | typeof PUBLIC_TEST;
  nullHypothesis: typeof NULL_HYPOTHESIS;
  cellMeters: number;
  bandMeters: number;
  weights: typeof WEIGHTS;
  fdr: typeof FDR;
  value: HotspotValue | string;
  /** How `value` is used: the classes always come from the counts. */
  valueRule: string;
  /** Cells in an interior cell's neighbourhood, itself included. */
  neighbours: number;
  classes: string;
  cellRule: string;
  bandRule: string;
  /** Where the grid's extent came from. */
  extent: HotspotExtent;
  /** Cells whose centre is in the territory: the units, the tests' family, and the cells returned. */
  analysedCells: number;
  outsideRule: string;
  /** Sources read, when the caller says (the API and the object path always do). */
  sources?: SignalSource[];
  projection: { name: 'equirectangular'; lat0: number; lon0: number; earthRadiusMeters: number };
  grid: { cols: number; rows: number; originX: number; originY: number };
  /** A caveat: few signals, or no analysed cell. */
  note?: string;
  privacy?: { k: number; base: number; rule: string };
}

type ClassTally = Record<HotspotClass, number>;

export interface HotspotResult {
  method: HotspotMethod;
  cells: HotspotCell[];
  summary: {
    /** Signal rows in analysed cells, and the events they stand for (sum of counts). */
    points: number;
    signals: number;
    /** Rows not in an analysed cell: outside the territory, in an edge cell whose centre is outside it, or invalid. */
    outside: number;
    cells: number;
  } & ClassTally;
}

export interface PublicHotspotResult {
  method: HotspotMethod & { privacy: { k: number; base: number; rule: string } };
  cells: PublicHotspotCell[];
  /** `signals` is the published total (rounded, suppressed below k). */
  summary: { signals: number; cells: number } & ClassTally;
}

/** Typed columns, the form the CLI reads a CSV into; `count` and `value` default to 1 and count. */
export interface SignalColumns {
  n: number;
  lat: ArrayLike<number>;
  lon: ArrayLike<number>;
  count?: ArrayLike<number> | null;
  value?: ArrayLike<number> | null;
}

const CLASSES = 'hot/cold-99, -95, -90 when q ≤ 0.01, 0.05, 0.10, hot when the window holds more than its null expectation, cold when fewer; none otherwise';
const OUTSIDE_RULE = 'cells whose centre lies outside every territory polygon are not analysed and not returned; signals in them count in summary.outside';
const PRIVACY_RULE =
  'counts rounded to the base and suppressed below k first; the test run on those published counts (and the rounded total), bounded over the true counts each stands for; cells carry their class only';

export function classify(direction: number, q: number): HotspotClass {
  if (!(q <= 0.1) || direction === 0) return 'none';
  const level = q <= 0.01 ? '99' : q <= 0.05 ? '95' : '90';
  return `${direction > 0 ? 'hot' : 'cold'}-${level}` as HotspotClass;
}

type ColumnsOptions = Omit<HotspotOptions, 'filter'> & { valueName?: string; sources?: SignalSource[] };

interface Layout {
  grid: Grid;
  mask: TerritoryMask;
  extent: HotspotExtent;
  cellMeters: number;
  bandMeters: number;
  cellRule: string;
  bandRule: string;
}

// The territory's area and masks are pure functions of the polygons and the cell: kept per
// territory array (the API keeps one per diagnosis's evidence), so a filter change recomputes none.
const areaCache = new WeakMap<readonly PolygonGeometry[], number>();
const maskCache = new WeakMap<readonly PolygonGeometry[], Map<number, { grid: Grid; mask: TerritoryMask }>>();

function layout(columns: SignalColumns, options: ColumnsOptions): Layout | null {
  let territory: readonly PolygonGeometry[] | null = null;
  let extent: HotspotExtent;
  let bounds: LatLonBounds | null;
  const cached = !!options.territory;
  if (options.territory) {
    territory = options.territory;
    extent = 'territory';
    bounds = territoryBounds(territory);
  } else if (options.bounds) {
    extent = 'given';
    bounds = options.bounds;
  } else {
    extent = 'data';
    bounds = boundsOf(columns.lat, columns.lon, columns.n);
  }
  if (!bounds) return null;
  const cellGiven = options.cellMeters !== undefined;
  if (cellGiven && !(options.cellMeters! > 0)) throw new RangeError(`cell size must be positive, got ${options.cellMeters}`);
  let cellMeters = options.cellMeters ?? 0;
  if (!cellGiven) {
    const shape = territory ?? boxTerritory(bounds);
    let area = cached ? areaCache.get(territory!) : undefined;
    if (area === undefined) {
      area = territoryAreaM2(shape, bounds);
      if (cached) areaCache.set(territory!, area);
    }
    cellMeters = territoryCellMeters(area);
  }
  if (extent === 'data') {
    // The data's box may be a line or a point: give it at least one cell each way.
    const g = makeGrid(bounds, cellMeters);
    const padLat = Math.max(0, cellMeters - (bounds.maxLat - bounds.minLat) * g.projection.metersPerDegLat) / 2 / g.projection.metersPerDegLat;
    const padLon = Math.max(0, cellMeters - (bounds.maxLon - bounds.minLon) * g.projection.metersPerDegLon) / 2 / g.projection.metersPerDegLon;
    bounds = { minLat: bounds.minLat - padLat, maxLat: bounds.maxLat + padLat, minLon: bounds.minLon - padLon, maxLon: bounds.maxLon + padLon };
  }
  const bandGiven = options.bandMeters !== undefined;
  const bandMeters = options.bandMeters ?? DEFAULT_BAND_CELLS * cellMeters;
  if (bandGiven && !(bandMeters > 0)) throw new RangeError(`band must be positive, got ${bandMeters}`);
  if (bandMeters > MAX_BAND_CELLS * cellMeters) throw new RangeError(`a band of ${bandMeters} m is more than ${MAX_BAND_CELLS} cells of ${cellMeters} m; use a larger cell or a smaller band`);
  const cellRule = cellGiven
    ? 'given'
    : `default: side of ~${TARGET_TERRITORY_CELLS} cells over the ${extent === 'territory' ? "territory's" : extent === 'given' ? "given extent's" : "data's bounding box's"} area, rounded to a nice number of metres, ≥ 10 m`;
  const bandRule = bandGiven ? 'given' : `default: ${DEFAULT_BAND_CELLS} × cell (the 8 touching cells + self)`;

  let perTerritory = cached ? maskCache.get(territory!) : undefined;
  let hit = perTerritory?.get(cellMeters);
  if (!hit) {
    const grid = makeGrid(bounds, cellMeters);
    hit = { grid, mask: territoryMask(grid, territory ?? boxTerritory(bounds)) };
    if (cached) {
      if (!perTerritory) maskCache.set(territory!, (perTerritory = new Map()));
      perTerritory.set(cellMeters, hit);
    }
  }
  return { ...hit, extent, cellMeters, bandMeters, cellRule, bandRule };
}

function emptyTally(): ClassTally {
  return { 'hot-99': 0, 'hot-95': 0, 'hot-90': 0, 'cold-99': 0, 'cold-95': 0, 'cold-90': 0, none: 0 };
}

/** Window sums, Gi* z, exact p, BH q and classes for per-cell counts of the analysed cells. */
function analyse(counts: Float64Array, l: Layout) {
  const { grid, mask } = l;
  const { cols, rows } = grid;
  const stencil = bandStencil(l.cellMeters, l.bandMeters);
  const maskF = Float64Array.from(mask.inside);
  const window = gridWindowSums(counts, cols, rows, stencil);
  const sumW = gridWindowSums(maskF, cols, rows, stencil);
  const area = gridWindowSums(mask.coverage.map((c, i) => (mask.inside[i] ? c : 0)), cols, rows, stencil);
  let total = 0;
  let totalArea = 0;
  for (let i = 0; i < counts.length; i++)
    if (mask.inside[i]) {
      total += counts[i];
      totalArea += mask.coverage[i];
    }
  const z = giStarFromWindows(counts, mask.inside, window, sumW);
  const test = windowCountTests(window, area, mask.inside, total, totalArea);
  const q = benjaminiHochberg(test.p);
  return { window, z, q, total, ...test, stencil };
}

function baseMethod(l: Layout | null, options: ColumnsOptions): HotspotMethod {
  const valueName = options.valueName ?? options.value ?? 'count';
  return {
    statistic: 'Gi*',
    test: TEST,
    nullHypothesis: NULL_HYPOTHESIS,
    cellMeters: l?.cellMeters ?? options.cellMeters ?? 0,
    bandMeters: l?.bandMeters ?? options.bandMeters ?? 0,
    weights: WEIGHTS,
    fdr: FDR,
    value: valueName,
    valueRule: valueName === 'count' ? 'the count is tested' : `descriptive: "${valueName}" is summed per cell; z, p, q and classes test the counts`,
    neighbours: l ? stencilSize(bandStencil(l.cellMeters, l.bandMeters)) : 0,
    classes: CLASSES,
    cellRule: l?.cellRule ?? '',
    bandRule: l?.bandRule ?? '',
    extent: l?.extent ?? (options.territory ? 'territory' : options.bounds ? 'given' : 'data'),
    analysedCells: l?.mask.analysed ?? 0,
    outsideRule: OUTSIDE_RULE,
    ...(options.sources ? { sources: options.sources } : {}),
    projection: l
      ? { name: l.grid.projection.name, lat0: l.grid.projection.lat0, lon0: l.grid.projection.lon0, earthRadiusMeters: l.grid.projection.earthRadiusMeters }
      : { name: 'equirectangular', lat0: 0, lon0: 0, earthRadiusMeters: 0 },
    grid: l ? { cols: l.grid.cols, rows: l.grid.rows, originX: l.grid.originX, originY: l.grid.originY } : { cols: 0, rows: 0, originX: 0, originY: 0 },
  };
}

/** Bin the columns into the layout's grid; signals in cells that are not analysed are outside. */
function binAnalysed(columns: SignalColumns, l: Layout) {
  const { counts, values, outside, rows } = binPoints(l.grid, columns.lat, columns.lon, columns.n, columns.count, columns.value, true);
  let out = outside;
  for (let i = 0; i < counts.length; i++)
    if (!l.mask.inside[i]) {
      out += rows![i];
      counts[i] = 0;
      values[i] = 0;
    }
  return { counts, values, outside: out };
}

function fewNote(signals: number, analysed: number): string | undefined {
  if (analysed === 0) return 'no grid cell has its centre inside the territory: use a smaller cell';
  if (signals < FEW_SIGNALS) return `${signals} signals: the test is exact at any size, but with fewer than ${FEW_SIGNALS} it can find only very strong concentrations (no hot cell is no evidence of none)`;
  return undefined;
}

/** The integer counts that publish as `r` (rounded to the base), or as suppressed when r is null. */
function countRange(r: number | null, rule: DisclosureRule): [number, number] {
  if (r === null) {
    let c = 0;
    while (publishedCount(c + 1, rule) === null) c++;
    return [0, c];
  }
  return [Math.max(0, Math.ceil(r - rule.base / 2)), Math.ceil(r + rule.base / 2) - 1];
}

function publicHotspots(columns: SignalColumns, l: Layout | null, options: ColumnsOptions, rule: DisclosureRule): PublicHotspotResult {
  const method = { ...baseMethod(l, options), test: PUBLIC_TEST, privacy: { k: rule.k, base: rule.base, rule: PRIVACY_RULE } };
  const summary = { signals: 0, cells: 0, ...emptyTally() };
  if (!l) return { method, cells: [], summary };
  const { counts } = binAnalysed(columns, l);
  // Disclosure control first: every later figure is a function of the published counts (and of
  // the rounded total) only. Each published figure stands for a range of true counts; the test
  // takes the bound that makes each p-value largest (hotspot-inference.ts, boundedWindowTests).
  const { grid, mask } = l;
  const low = new Float64Array(counts.length);
  const high = new Float64Array(counts.length);
  const ranges = new Map<number | null, [number, number]>();
  let total = 0;
  let area = 0;
  for (let i = 0; i < counts.length; i++) {
    if (!mask.inside[i]) continue;
    total += counts[i];
    area += mask.coverage[i];
    const r = publishedCount(counts[i], rule);
    let range = ranges.get(r);
    if (!range) ranges.set(r, (range = countRange(r, rule)));
    [low[i], high[i]] = range;
  }
  const roundedTotal = roundToBase(total, rule.base);
  const [totalLow, totalHigh] = countRange(roundedTotal, rule);
  const stencil = bandStencil(l.cellMeters, l.bandMeters);
  const cover = mask.coverage.map((c, i) => (mask.inside[i] ? c : 0));
  const test = boundedWindowTests(
    gridWindowSums(low, grid.cols, grid.rows, stencil),
    gridWindowSums(high, grid.cols, grid.rows, stencil),
    gridWindowSums(cover, grid.cols, grid.rows, stencil),
    mask.inside,
    totalLow,
    totalHigh,
    area,
  );
  const q = benjaminiHochberg(test.p);
  const cells: PublicHotspotCell[] = [];
  forEachAnalysed(l, (i, col, row, x, y, lat, lon) => {
    const cls = classify(test.direction[i], q[i]);
    summary[cls]++;
    cells.push({ col, row, x, y, lat, lon, class: cls });
  });
  summary.signals = publishedCount(total, rule) ?? 0;
  summary.cells = cells.length;
  const note = fewNote(roundedTotal, l.mask.analysed);
  if (note) method.note = note;
  return { method, cells, summary };
}

function forEachAnalysed(l: Layout, fn: (i: number, col: number, row: number, x: number, y: number, lat: number, lon: number) => void): void {
  const { cols, rows, originX, originY, projection, cellMeters } = l.grid;
  for (let row = 0; row < rows; row++) {
    const y = originY + (row + 0.5) * cellMeters;
    const lat = projection.lat0 + y / projection.metersPerDegLat;
    for (let col = 0; col < cols; col++) {
      const i = row * cols + col;
      if (!l.mask.inside[i]) continue;
      const x = originX + (col + 0.5) * cellMeters;
      fn(i, col, row, x, y, lat, projection.lon0 + x / projection.metersPerDegLon);
    }
  }
}

/** The core on typed columns: grid over the territory, bin, Gi*, exact test, BH q, classes. */
export function hotspotsFromColumns(columns: SignalColumns, options: ColumnsOptions & { public: true }): PublicHotspotResult;
export function hotspotsFromColumns(columns: SignalColumns, options?: ColumnsOptions & { public?: false }): HotspotResult;
export function hotspotsFromColumns(columns: SignalColumns, options?: ColumnsOptions): HotspotResult | PublicHotspotResult;
export function hotspotsFromColumns(columns: SignalColumns, options: ColumnsOptions = {}): HotspotResult | PublicHotspotResult {
  const l = layout(columns, options);
  const rule = disclosureRule(options);
  if (rule) return publicHotspots(columns, l, options, rule);
  const method = baseMethod(l, options);
  const summary = { points: 0, signals: 0, outside: columns.n, cells: 0, ...emptyTally() };
  if (!l) return { method, cells: [], summary };

  const { counts, values, outside } = binAnalysed(columns, l);
  const a = analyse(counts, l);
  const cells: HotspotCell[] = [];
  forEachAnalysed(l, (i, col, row, x, y, lat, lon) => {
    const cls = classify(a.direction[i], a.q[i]);
    summary[cls]++;
    cells.push({ col, row, x, y, lat, lon, count: counts[i], value: values[i], window: a.window[i], expected: a.expected[i], z: a.z[i], p: a.p[i], q: a.q[i], class: cls });
  });
  summary.points = columns.n - outside;
  summary.outside = outside;
  summary.signals = a.total;
  summary.cells = cells.length;
  const note = fewNote(a.total, l.mask.analysed);
  if (note) method.note = note;
  return { method, cells, summary };
}

/**
 * Hotspots of signals. Filters are applied first, residents only unless the filter names sources;
 * signals with coordinates that are not finite or out of range, or with a negative or non-finite
 * count, are skipped (counted in `summary.outside`).
 */
export function hotspots(signals: readonly SignalPoint[], options: HotspotOptions & { public: true }): PublicHotspotResult;
export function hotspots(signals: readonly SignalPoint[], options?: HotspotOptions & { public?: false }): HotspotResult;
export function hotspots(signals: readonly SignalPoint[], options?: HotspotOptions): HotspotResult | PublicHotspotResult;
export function hotspots(signals: readonly SignalPoint[], options: HotspotOptions = {}): HotspotResult | PublicHotspotResult {
  const filter = withSources(options.filter);
  const keep = signalPredicate(filter);
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
  const result = hotspotsFromColumns({ n, lat, lon, count, value }, { ...options, sources: sourcesOf(filter) });
  if (!disclosureRule(options)) (result as HotspotResult).summary.outside += invalid;
  return result;
}

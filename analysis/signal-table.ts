// Signals as typed columns, for diagnoses with a million of them: filters run over numbers, and
// each analysis gets the few distinct combinations it needs (tallies) instead of one object per
// signal. The methods themselves stay the object-based ones: a tally is a SignalPoint whose
// `count` is the sum of the signals it stands for, and every method weights by `count`.
import { categoryIds, dayKindIds, signalSources, timeBandIds } from '../surveys/taxonomy';
import type { SignalColumns } from './hotspots';
import type { DayKind, SignalFilter, SignalPoint, SignalSource } from './types';

export interface SignalTable {
  n: number;
  lat: Float64Array;
  lon: Float64Array;
  /** Events a row stands for (imported aggregates), 1 for a resident report. */
  count: Float64Array;
  /** Epoch ms; NaN when unknown. */
  time: Float64Array;
  /** Index into `signalSources`; NO_SOURCE when unknown. */
  source: Uint8Array;
  /** Bit i set = `categoryIds[i]`. */
  categories: Uint32Array;
  /** Bit i set = `timeBandIds[i]`. */
  timeBands: Uint8Array;
  /** 0 unknown (or both), 1 weekday, 2 weekend. */
  dayKind: Uint8Array;
  /** 1..5; 0 when not rated. */
  intensity: Uint8Array;
  /** Index into `zoneIds`, -1 outside every zone. */
  zone: Int32Array;
  /** Index into `areaIds`, -1 when not known. */
  area: Int32Array;
  /** Perception survey: 1 feels unsafe after dark, 0 does not, -1 did not answer. */
  unsafe: Int8Array;
  /** Months since 1900-01 of `time` (1 = January 1900), 0 when unknown; see `fillMonths`. */
  month: Uint16Array;
  zoneIds: string[];
  areaIds: string[];
}

export const NO_SOURCE = 255;
const DAY_KINDS: (DayKind | undefined)[] = [undefined, ...dayKindIds];

export function emptySignalTable(n: number, zoneIds: string[] = [], areaIds: string[] = []): SignalTable {
  return {
    n,
    lat: new Float64Array(n),
    lon: new Float64Array(n),
    count: new Float64Array(n).fill(1),
    time: new Float64Array(n).fill(NaN),
    source: new Uint8Array(n).fill(NO_SOURCE),
    categories: new Uint32Array(n),
    timeBands: new Uint8Array(n),
    dayKind: new Uint8Array(n),
    intensity: new Uint8Array(n),
    zone: new Int32Array(n).fill(-1),
    area: new Int32Array(n).fill(-1),
    unsafe: new Int8Array(n).fill(-1),
    month: new Uint16Array(n),
    zoneIds,
    areaIds,
  };
}

/** Bit mask of the ids in `order` (unknown ids are ignored: the taxonomy is closed). */
export function maskOf(order: readonly string[], values: readonly string[] | undefined): number {
  let m = 0;
  if (values) for (const v of values) {
    const i = order.indexOf(v);
    if (i >= 0) m |= 1 << i;
  }
  return m >>> 0;
}

export function idsOfMask<T extends string>(order: readonly T[], mask: number): T[] {
  const out: T[] = [];
  for (let i = 0; i < order.length; i++) if (mask & (1 << i)) out.push(order[i]);
  return out;
}

/** One row per signal point (tests, small data); areas as given per point. */
export function signalTableFrom(points: readonly (SignalPoint & { areaId?: string | null; unsafe?: boolean | null })[]): SignalTable {
  const zoneIds = [...new Set(points.map((p) => p.zoneId).filter((z): z is string => typeof z === 'string'))];
  const areaIds = [...new Set(points.map((p) => p.areaId).filter((a): a is string => typeof a === 'string'))];
  const zoneIndex = new Map(zoneIds.map((z, i) => [z, i]));
  const areaIndex = new Map(areaIds.map((a, i) => [a, i]));
  const t = emptySignalTable(points.length, zoneIds, areaIds);
  points.forEach((p, i) => {
    t.lat[i] = p.lat;
    t.lon[i] = p.lon;
    t.count[i] = p.count ?? 1;
    t.time[i] = p.createdAt ? Date.parse(p.createdAt) : NaN;
    const s = p.source ? signalSources.indexOf(p.source) : -1;
    t.source[i] = s >= 0 ? s : NO_SOURCE;
    t.categories[i] = maskOf(categoryIds, p.categories);
    t.timeBands[i] = maskOf(timeBandIds, p.timeBands);
    t.dayKind[i] = p.dayKind ? DAY_KINDS.indexOf(p.dayKind) : 0;
    t.intensity[i] = p.intensity ?? 0;
    t.zone[i] = p.zoneId ? zoneIndex.get(p.zoneId)! : -1;
    t.area[i] = p.areaId ? areaIndex.get(p.areaId)! : -1;
    t.unsafe[i] = p.unsafe === true ? 1 : p.unsafe === false ? 0 : -1;
  });
  fillMonths(t);
  return t;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** A row without a source is a resident report (sources.ts). */
const RESIDENT = signalSources.indexOf('resident');

export type TableFilter = SignalFilter & {
  /** Only signals of this area. */
  area?: string;
};

/**
 * Indices of the rows that pass the filter. Same rules as `signalPredicate` (filter.ts): a set
 * filter excludes the rows that lack its field (a row without a source is a resident report); a
 * date-only `to` means the end of that day (UTC).
 */
export function selectRows(t: SignalTable, filter: TableFilter = {}): Uint32Array {
  const hasPeriod = filter.from !== undefined || filter.to !== undefined;
  const from = filter.from ? Date.parse(filter.from) : -Infinity;
  let to = filter.to ? Date.parse(filter.to) : Infinity;
  if (filter.to && DATE_ONLY.test(filter.to)) to += DAY_MS - 1;
  if (Number.isNaN(from) || Number.isNaN(to)) throw new RangeError(`filter dates must be ISO dates: ${filter.from} ${filter.to}`);
  const cats = filter.categories?.length ? maskOf(categoryIds, filter.categories) : -1;
  const bands = filter.timeBands?.length ? maskOf(timeBandIds, filter.timeBands) : -1;
  let sources = -1;
  if (filter.sources?.length) {
    sources = 0;
    for (const s of filter.sources) {
      const i = signalSources.indexOf(s);
      if (i >= 0) sources |= 1 << i;
    }
  }
  const dayKind = filter.dayKind ? DAY_KINDS.indexOf(filter.dayKind) : -1;
  const area = filter.area === undefined ? -2 : t.areaIds.indexOf(filter.area);
  const out = new Uint32Array(t.n);
  let k = 0;
  for (let i = 0; i < t.n; i++) {
    if (area !== -2 && (area < 0 || t.area[i] !== area)) continue;
    if (hasPeriod) {
      const at = t.time[i];
      if (!(at >= from && at <= to)) continue;
    }
    if (cats !== -1 && (t.categories[i] & cats) === 0) continue;
    if (bands !== -1 && (t.timeBands[i] & bands) === 0) continue;
    if (sources !== -1 && (sources & (1 << (t.source[i] === NO_SOURCE ? RESIDENT : t.source[i]))) === 0) continue;
    if (dayKind !== -1 && t.dayKind[i] !== dayKind) continue;
    out[k++] = i;
  }
  return out.subarray(0, k);
}

/** What a tally keeps apart; everything else is summed over. */
export type TallyDimension = 'zone' | 'area' | 'source' | 'categories' | 'timeBands' | 'dayKind' | 'month' | 'intensity' | 'unsafe';

export type TallyPoint = SignalPoint & { areaId: string | null; unsafe: boolean | null };

// Mixed-radix key: each dimension's value (shifted to be ≥ 0) times the product of the radices
// before it; the product is checked to stay below 2^53, so the key is an exact double.
const MONTH_RADIX = 12 * 300;
// Sources as 0..n-1, and n for an unknown one.
const SOURCE_RADIX = signalSources.length + 1;
const NO_SOURCE_CODE = signalSources.length;
const sourceCode = (s: number) => (s === NO_SOURCE ? NO_SOURCE_CODE : s);

/** UTC month of an epoch-ms time, counted from 1900-01 = 1; 0 when unknown or out of range. */
export function monthIndex(ms: number): number {
  if (!Number.isFinite(ms)) return 0;
  // Civil date from days (H. Hinnant's algorithm): integer arithmetic, no Date object per row.
  const z = Math.floor(ms / DAY_MS) + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const index = (y - 1900) * 12 + m;
  return index >= 1 && index < MONTH_RADIX ? index : 0;
}

/** Fills `month` from `time`. */
export function fillMonths(t: SignalTable): void {
  for (let i = 0; i < t.n; i++) t.month[i] = monthIndex(t.time[i]);
}

function monthStart(index: number): string | undefined {
  if (index === 0) return undefined;
  const y = 1900 + Math.floor((index - 1) / 12);
  const m = ((index - 1) % 12) + 1;
  return `${y}-${String(m).padStart(2, '0')}-01T00:00:00.000Z`;
}

/** Below this many combinations a tally counts into a typed array rather than a Map. */
const DENSE_LIMIT = 1 << 20;

/**
 * The selected rows summed by the given dimensions: one point per distinct combination, its
 * `count` the events it stands for. Dimensions not kept come back empty (no categories, no zone,
 * createdAt unknown…), so give a method only the dimensions it reads. lat/lon are not kept
 * (hotspots take `hotspotColumns`).
 */
export function tally(t: SignalTable, rows: Uint32Array, dims: readonly TallyDimension[]): TallyPoint[] {
  const keep = new Set(dims);
  // Category sets and months are recoded densely (only the values present), so the key space
  // stays small enough to count into an array.
  const catCode = new Int32Array(2 ** categoryIds.length).fill(-1);
  const catOf: number[] = [];
  const monthCode = new Int32Array(MONTH_RADIX).fill(-1);
  const monthOf: number[] = [];
  if (keep.has('categories') || keep.has('month')) {
    for (let j = 0; j < rows.length; j++) {
      const i = rows[j];
      if (keep.has('categories') && catCode[t.categories[i]] < 0) {
        catCode[t.categories[i]] = catOf.length;
        catOf.push(t.categories[i]);
      }
      if (keep.has('month') && monthCode[t.month[i]] < 0) {
        monthCode[t.month[i]] = monthOf.length;
        monthOf.push(t.month[i]);
      }
    }
  }
  const radix = {
    zone: keep.has('zone') ? t.zoneIds.length + 1 : 1,
    area: keep.has('area') ? t.areaIds.length + 1 : 1,
    source: keep.has('source') ? SOURCE_RADIX : 1,
    categories: keep.has('categories') ? Math.max(1, catOf.length) : 1,
    timeBands: keep.has('timeBands') ? 2 ** timeBandIds.length : 1,
    dayKind: keep.has('dayKind') ? 3 : 1,
    month: keep.has('month') ? Math.max(1, monthOf.length) : 1,
    intensity: keep.has('intensity') ? 6 : 1,
    unsafe: keep.has('unsafe') ? 3 : 1,
  };
  const size = Object.values(radix).reduce((a, b) => a * b, 1);
  if (size > Number.MAX_SAFE_INTEGER) throw new RangeError(`tally: ${dims.join(', ')} have too many combinations for one key`);
  const dense = size <= DENSE_LIMIT ? new Float64Array(size) : null;
  const sums = new Map<number, number>();
  for (let j = 0; j < rows.length; j++) {
    const i = rows[j];
    let key = 0;
    if (radix.zone > 1) key = t.zone[i] + 1;
    if (radix.area > 1) key = key * radix.area + (t.area[i] + 1);
    if (radix.source > 1) key = key * SOURCE_RADIX + sourceCode(t.source[i]);
    if (radix.categories > 1) key = key * radix.categories + catCode[t.categories[i]];
    if (radix.timeBands > 1) key = key * radix.timeBands + t.timeBands[i];
    if (radix.dayKind > 1) key = key * 3 + t.dayKind[i];
    if (radix.month > 1) key = key * radix.month + monthCode[t.month[i]];
    if (radix.intensity > 1) key = key * 6 + t.intensity[i];
    if (radix.unsafe > 1) key = key * 3 + (t.unsafe[i] + 1);
    if (dense) dense[key] += t.count[i];
    else sums.set(key, (sums.get(key) ?? 0) + t.count[i]);
  }
  if (dense) for (let key = 0; key < size; key++) if (dense[key] !== 0) sums.set(key, dense[key]);
  const out: TallyPoint[] = [];
  for (const [key0, count] of sums) {
    let key = key0;
    const take = (r: number) => {
      const v = key % r;
      key = (key - v) / r;
      return v;
    };
    // Undo the key in reverse order of its making.
    const unsafe = radix.unsafe > 1 ? take(3) - 1 : -1;
    const intensity = radix.intensity > 1 ? take(6) : 0;
    const month = radix.month > 1 ? monthOf[take(radix.month)] : keep.has('month') ? (monthOf[0] ?? 0) : 0;
    const dayKind = radix.dayKind > 1 ? take(3) : 0;
    const bands = radix.timeBands > 1 ? take(radix.timeBands) : 0;
    const cats = radix.categories > 1 ? catOf[take(radix.categories)] : keep.has('categories') ? (catOf[0] ?? 0) : 0;
    const source = radix.source > 1 ? take(SOURCE_RADIX) : NO_SOURCE_CODE;
    const area = radix.area > 1 ? take(radix.area) - 1 : -1;
    const zone = radix.zone > 1 ? take(radix.zone) - 1 : -1;
    out.push({
      lat: NaN,
      lon: NaN,
      count,
      source: source === NO_SOURCE_CODE ? undefined : (signalSources[source] as SignalSource),
      categories: idsOfMask(categoryIds, cats),
      timeBands: idsOfMask(timeBandIds, bands),
      dayKind: DAY_KINDS[dayKind],
      createdAt: monthStart(month),
      zoneId: zone >= 0 ? t.zoneIds[zone] : null,
      intensity: intensity || undefined,
      areaId: area >= 0 ? t.areaIds[area] : null,
      unsafe: unsafe === -1 ? null : unsafe === 1,
    });
  }
  return out;
}

/** The selected rows as the hotspot core's columns; `value` weighted by intensity when asked. */
export function hotspotColumns(t: SignalTable, rows: Uint32Array, value: 'count' | 'intensity' = 'count'): SignalColumns {
  const n = rows.length;
  const lat = new Float64Array(n);
  const lon = new Float64Array(n);
  const count = new Float64Array(n);
  const values = value === 'intensity' ? new Float64Array(n) : null;
  for (let j = 0; j < n; j++) {
    const i = rows[j];
    lat[j] = t.lat[i];
    lon[j] = t.lon[i];
    count[j] = t.count[i];
    if (values) values[j] = t.count[i] * (t.intensity[i] || 1);
  }
  return { n, lat, lon, count, value: values };
}

/** First and last time among the rows (epoch ms), or null when none is known. */
export function timeSpan(t: SignalTable): { min: number; max: number } | null {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < t.n; i++) {
    const v = t.time[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return Number.isFinite(min) ? { min, max } : null;
}

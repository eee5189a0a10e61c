// Police and media counts arrive as CSV (one row per zone or point, month and source). This turns
// the text into validated rows, or line-numbered errors an analyst can fix in the spreadsheet.
// Pure: the caller reads the file and passes the zone lookup in.
//
// Columns (header required, any order, case-insensitive; ',' or ';' separated): zone (id or name) OR lat,lon;
// month (YYYY-MM); count (non-negative integer); source (police|media). Line numbers are 1-based
// with the header as line 1, and point at the line where a row starts (quoted fields may span lines).
// Unless `skipBadRows` is set, one bad row rejects the whole file (rows = []): an import either
// happens as a whole or changes nothing.
import { csvRecords, isBlankRecord } from './csv-records';
import type { RowError, SignalPoint } from './types';

export type CountSource = 'police' | 'media';

export interface CountRow {
  line: number;
  zoneId: string | null;
  lat: number | null;
  lon: number | null;
  month: string;
  count: number;
  source: CountSource;
}

export interface ImportCountsOptions {
  /** Resolve a zone id or name to a zone id, null when unknown. Default: the value is the id. */
  zoneOf?: (ref: string) => string | null;
  /** Zone containing a point, for rows given by lat,lon. Default: no zone. */
  zoneAt?: (lat: number, lon: number) => string | null;
  skipBadRows?: boolean;
}

export interface ImportCountsResult {
  rows: CountRow[];
  errors: RowError[];
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const INTEGER = /^\d+$/;
const SOURCES = new Set(['police', 'media']);

export function parseCountsCsv(text: string, options: ImportCountsOptions = {}): ImportCountsResult {
  // Delimiter auto-detected: spreadsheets set to Italian locale save with ';'.
  const { records, errors } = csvRecords(text);

  const header = (records.shift()?.fields ?? []).map((h) => h.trim().toLowerCase());
  const col = (name: string) => header.indexOf(name);
  const idx = { zone: col('zone'), lat: col('lat'), lon: col('lon'), month: col('month'), count: col('count'), source: col('source') };
  const hasPoint = idx.lat >= 0 && idx.lon >= 0;
  for (const name of ['month', 'count', 'source'] as const) {
    if (idx[name] < 0) errors.push({ line: 1, field: name, message: `missing column "${name}" in the header` });
  }
  if (idx.zone < 0 && !hasPoint) errors.push({ line: 1, field: 'zone', message: 'the header needs a "zone" column or "lat" and "lon" columns' });
  if (errors.some((e) => e.line === 1)) return { rows: [], errors };

  const zoneOf = options.zoneOf ?? ((ref: string) => ref);
  const rows: CountRow[] = [];
  const badLines = new Set(errors.map((e) => e.line));
  for (const { line: at, fields } of records) {
    if (isBlankRecord(fields)) continue;
    const get = (i: number) => (i >= 0 ? (fields[i] ?? '').trim() : '');
    const fail = (field: string, message: string) => {
      errors.push({ line: at, field, message });
      badLines.add(at);
    };
    let zoneId: string | null = null;
    let lat: number | null = null;
    let lon: number | null = null;
    const zoneRef = get(idx.zone);
    if (zoneRef) {
      zoneId = zoneOf(zoneRef);
      if (zoneId === null) fail('zone', `unknown zone "${zoneRef}"`);
    } else if (hasPoint && (get(idx.lat) || get(idx.lon))) {
      lat = Number(get(idx.lat));
      lon = Number(get(idx.lon));
      const latOk = get(idx.lat) !== '' && Math.abs(lat) <= 90;
      const lonOk = get(idx.lon) !== '' && Math.abs(lon) <= 180;
      if (!latOk) fail('lat', `"${get(idx.lat)}" is not a latitude`);
      if (!lonOk) fail('lon', `"${get(idx.lon)}" is not a longitude`);
      if (latOk && lonOk) zoneId = options.zoneAt?.(lat, lon) ?? null;
    } else fail(idx.zone >= 0 ? 'zone' : 'lat', 'either zone or lat,lon is required');
    const month = get(idx.month);
    if (!MONTH.test(month)) fail('month', `"${month}" is not a month (YYYY-MM)`);
    const countText = get(idx.count);
    const count = Number(countText);
    if (!INTEGER.test(countText) || !Number.isSafeInteger(count)) fail('count', `"${countText}" is not a non-negative integer`);
    const source = get(idx.source).toLowerCase();
    if (!SOURCES.has(source)) fail('source', `"${get(idx.source)}" is not police or media`);
    if (!badLines.has(at)) rows.push({ line: at, zoneId, lat, lon, month, count, source: source as CountSource });
  }
  errors.sort((a, b) => a.line - b.line);
  return { rows: errors.length && !options.skipBadRows ? [] : rows, errors };
}

/**
 * Count rows as signals for the other methods: dated the first of the month, one row standing for
 * `count` events. Rows given by zone only have no coordinates; `centroidOf` places them (e.g. the
 * zone's centroid), otherwise they are dropped from point-based methods and kept for zone ones
 * with lat/lon NaN.
 */
export function countRowsToSignals(rows: readonly CountRow[], centroidOf?: (zoneId: string) => { lat: number; lon: number } | null): SignalPoint[] {
  return rows.map((r) => {
    const at = r.lat !== null && r.lon !== null ? { lat: r.lat, lon: r.lon } : (r.zoneId && centroidOf?.(r.zoneId)) || { lat: NaN, lon: NaN };
    return { ...at, count: r.count, source: r.source, createdAt: `${r.month}-01T00:00:00Z`, zoneId: r.zoneId };
  });
}

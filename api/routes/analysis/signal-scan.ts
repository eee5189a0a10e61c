// Reads a diagnosis's signals into the typed columns of analysis/signal-table.ts. SQLite
// concatenates each column of a page of rows (group_concat), so a million rows cross as a few
// hundred strings instead of a million row objects: the drivers' per-row cost (about 1 µs) is
// what a large read pays otherwise. Texts with few distinct values (JSON arrays of ids, zone ids) arrive as codes into a
// dictionary, each distinct value decoded once. On Node the read and the decoding run on a worker
// thread's connection (deps.readColumns); elsewhere the same statement runs through drizzle.
import { type BBox, containsPoint } from '../../../analysis/geometry';
import { emptySignalTable, fillMonths, maskOf, NO_SOURCE, type SignalTable } from '../../../analysis/signal-table';
import { perceivedUnsafe, type SafeAfterDark } from '../../../surveys/perception';
import { categoryIds, signalSources, timeBandIds } from '../../../surveys/taxonomy';
import type { AppDb } from '../../db/client';
import type { ColumnSpec } from '../../db/column-decode.mjs';
import { readConcatenated } from '../../db/read-columns';
import { moderationStates, type PolygonGeometry } from '../../db/schema';
import type { ReadColumns } from '../../db/write-worker';

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

// group_concat skips NULLs, which would shift the columns against each other: each column has a
// sentinel instead (an impossible latitude or time, an empty text).
const NO_COORD = 999;
const NO_TIME = -1e15;
const SEP = '|';

/**
 * One page of one moderation state, as one row: rowid, lat, lon, count, time, source + intensity
 * packed, then as texts: categories, time bands, days, zone id, perception after dark. Every
 * aggregate of one query walks the rows in the same order, so the i-th value of each column is the
 * same signal. Pages follow the (diagnosis, moderation, rowid) index: a sequential walk, and no
 * concatenated value nears D1's 2 MB limit on a string.
 */
export const SCAN_SQL = `select group_concat(r), group_concat(lat), group_concat(lon), group_concat(n), group_concat(t), group_concat(si),
  group_concat(c, '${SEP}'), group_concat(b, '${SEP}'), group_concat(dk, '${SEP}'), group_concat(z, '${SEP}'), group_concat(p, '${SEP}')
from (select s.rowid as r, coalesce(s.lat, ${NO_COORD}) as lat, coalesce(s.lon, ${NO_COORD}) as lon, s.count as n,
    coalesce(s.occurred_at, ${NO_TIME}) as t,
    (case s.source ${signalSources.map((src, i) => `when ${quote(src)} then ${i}`).join(' ')} else 255 end) + 256 * coalesce(s.intensity, 0) as si,
    coalesce(s.categories, '') as c, coalesce(s.time_bands, '') as b, coalesce(s.days, '') as dk, coalesce(s.zone_id, '') as z,
    coalesce(json_extract(s.perception, '$.safeAfterDark'), '') as p
  from signals s
  where s.diagnosis_id = ? and s.moderation = ? and s.rowid > ? and s.exclusion is null
  order by s.rowid limit ?)`;

const NUMBERS: ColumnSpec = { kind: 'numbers' };
const TEXTS: ColumnSpec = { kind: 'dictionary', separator: SEP };
export const SCAN_COLUMNS: ColumnSpec[] = [NUMBERS, NUMBERS, NUMBERS, NUMBERS, NUMBERS, NUMBERS, TEXTS, TEXTS, TEXTS, TEXTS, TEXTS];

/** Rows per page: on D1 (and a remote server) each value stays well under 2 MB; the worker reads larger pages. */
export const PAGE_ROWS = 20_000;
const WORKER_PAGE_ROWS = 100_000;
/**
 * Every text state, hidden included: hiding a text hides the text, not the report. What leaves
 * the analysis is a report a moderator excluded as abuse or spam (`exclusion`, in SCAN_SQL).
 */
const SHOWN_STATES = moderationStates;

/** Every page of every shown state, in (state, rowid) order. */
async function readScan(db: AppDb, readColumns: ReadColumns | undefined, diagnosisId: string, pageRows?: number) {
  const limit = pageRows ?? (readColumns ? WORKER_PAGE_ROWS : PAGE_ROWS);
  const pages = [];
  for (const state of SHOWN_STATES) {
    let after = 0;
    for (;;) {
      const page = await readConcatenated(db, readColumns, SCAN_SQL, [diagnosisId, state, after, limit], SCAN_COLUMNS);
      const rowids = page[0].values!;
      if (rowids.length === 0) break;
      pages.push(page.slice(1));
      if (rowids.length < limit) break;
      after = rowids[rowids.length - 1];
    }
  }
  return pages;
}

const idsOf = (json: string): string[] => {
  if (!json) return [];
  const v = JSON.parse(json) as unknown;
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
};

function dayKindOf(json: string): number {
  const days = idsOf(json);
  // One kind of day named: that kind; both or none: unknown.
  return days.length === 1 ? (days[0] === 'weekday' ? 1 : days[0] === 'weekend' ? 2 : 0) : 0;
}

export type ScanZone = { id: string; areaId: string | null; minLat: number; maxLat: number; minLon: number; maxLon: number };
export type ScanMunicipality = { areaId: string | null; geometry: PolygonGeometry | null; bbox: BBox | null };

/**
 * The diagnosis's signals (those excluded as abuse or spam left out) as a signal table. A report placed by picking a
 * zone stands at the zone's centre; a signal with no place at all is left out; a point outside
 * every zone (or in a zone without an area) takes the area of the municipality that contains it.
 */
export async function scanSignals(
  db: AppDb,
  readColumns: ReadColumns | undefined,
  diagnosisId: string,
  zones: ScanZone[],
  municipalities: ScanMunicipality[],
  areaIds: string[],
  opts: { pageRows?: number } = {},
): Promise<SignalTable> {
  const pages = await readScan(db, readColumns, diagnosisId, opts.pageRows);
  const n = pages.reduce((sum, p) => sum + p[0].values!.length, 0);
  const zoneIndex = new Map(zones.map((z, i) => [z.id, i]));
  const areaIndex = new Map(areaIds.map((a, i) => [a, i]));
  const zoneArea = zones.map((z) => (z.areaId ? (areaIndex.get(z.areaId) ?? -1) : -1));
  const bounded = municipalities.filter((m) => m.geometry && m.bbox).map((m) => ({ ...m, area: m.areaId ? (areaIndex.get(m.areaId) ?? -1) : -1 }));
  const areaOfPoint = (x: number, y: number) => {
    for (const m of bounded) {
      const [minX, minY, maxX, maxY] = m.bbox!;
      if (x >= minX && x <= maxX && y >= minY && y <= maxY && containsPoint(m.geometry!, x, y)) return m.area;
    }
    return -1;
  };

  const t = emptySignalTable(n, zones.map((z) => z.id), areaIds);
  let k = 0;
  for (const [lat, lon, count, time, sourceIntensity, categories, timeBands, days, zoneId, afterDark] of pages) {
    // Each distinct text of the page decoded once.
    const catMask = categories.dictionary!.map((x) => maskOf(categoryIds, idsOf(x)));
    const bandMask = timeBands.dictionary!.map((x) => maskOf(timeBandIds, idsOf(x)));
    const dayKind = days.dictionary!.map(dayKindOf);
    const zoneOf = zoneId.dictionary!.map((id) => (id ? (zoneIndex.get(id) ?? -1) : -1));
    const unsafeOf = afterDark.dictionary!.map((v) => (v ? (perceivedUnsafe({ safeAfterDark: v as SafeAfterDark }) ? 1 : 0) : -1));
    for (let i = 0; i < lat.values!.length; i++) {
      const zone = zoneOf[zoneId.codes![i]];
      let y = lat.values![i] === NO_COORD ? NaN : lat.values![i];
      let x = lon.values![i] === NO_COORD ? NaN : lon.values![i];
      if ((Number.isNaN(y) || Number.isNaN(x)) && zone >= 0) {
        // A report made by picking a zone from the list stands at the zone's centre.
        const z = zones[zone];
        y = (z.minLat + z.maxLat) / 2;
        x = (z.minLon + z.maxLon) / 2;
      }
      if (Number.isNaN(y) || Number.isNaN(x)) continue;
      const si = sourceIntensity.values![i];
      const source = si % 256;
      t.lat[k] = y;
      t.lon[k] = x;
      t.count[k] = count.values![i];
      t.time[k] = time.values![i] === NO_TIME ? NaN : time.values![i];
      t.source[k] = source >= signalSources.length ? NO_SOURCE : source;
      t.intensity[k] = (si - source) / 256;
      t.categories[k] = catMask[categories.codes![i]];
      t.timeBands[k] = bandMask[timeBands.codes![i]];
      t.dayKind[k] = dayKind[days.codes![i]];
      t.unsafe[k] = unsafeOf[afterDark.codes![i]];
      t.zone[k] = zone;
      t.area[k] = zone >= 0 && zoneArea[zone] >= 0 ? zoneArea[zone] : areaOfPoint(x, y);
      k++;
    }
  }
  const table = k === n ? t : shrink(t, k);
  fillMonths(table);
  return table;
}

function shrink(t: SignalTable, n: number): SignalTable {
  return {
    ...t,
    n,
    lat: t.lat.subarray(0, n),
    lon: t.lon.subarray(0, n),
    count: t.count.subarray(0, n),
    time: t.time.subarray(0, n),
    source: t.source.subarray(0, n),
    categories: t.categories.subarray(0, n),
    timeBands: t.timeBands.subarray(0, n),
    dayKind: t.dayKind.subarray(0, n),
    intensity: t.intensity.subarray(0, n),
    zone: t.zone.subarray(0, n),
    area: t.area.subarray(0, n),
    unsafe: t.unsafe.subarray(0, n),
    month: t.month.subarray(0, n),
  };
}

// Reads a diagnosis's signals into the typed columns of analysis/signal-table.ts. SQLite
// concatenates each column (group_concat), so a million rows cross as ten strings instead of a
// million row objects: the drivers' per-row cost (about 1 µs) is what a large read pays
// otherwise. Texts with few distinct values (JSON arrays of ids, zone ids) arrive as codes into a
// dictionary, each distinct value decoded once. On Node the read and the decoding run on a worker
// thread's connection (deps.readColumns); elsewhere the same statement runs through drizzle.
import { sql } from 'drizzle-orm';
import { containsPoint } from '../../../analysis/geometry';
import { emptySignalTable, fillMonths, maskOf, NO_SOURCE, type SignalTable } from '../../../analysis/signal-table';
import { perceivedUnsafe, type SafeAfterDark } from '../../../surveys/perception';
import { categoryIds, signalSources, timeBandIds } from '../../../surveys/taxonomy';
import type { AppDb } from '../../db/client';
import { type ColumnSpec, decodeColumns } from '../../db/column-decode.mjs';
import type { PolygonGeometry } from '../../db/schema';
import type { ReadColumns, SqlValue } from '../../db/write-worker';

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

// group_concat skips NULLs, which would shift the columns against each other: each column has a
// sentinel instead (an impossible latitude or time, an empty text).
const NO_COORD = 999;
const NO_TIME = -1e15;
const SEP = '|';

/**
 * One row: lat, lon, count, time, source + intensity packed, then as texts: categories, time
 * bands, days, zone id, perception after dark. Every aggregate of one query walks the rows in the
 * same order, so the i-th value of each column is the same signal.
 */
export const SCAN_SQL = `select group_concat(coalesce(s.lat, ${NO_COORD})), group_concat(coalesce(s.lon, ${NO_COORD})), group_concat(s.count),
  group_concat(coalesce(s.occurred_at, ${NO_TIME})),
  group_concat((case s.source ${signalSources.map((src, i) => `when ${quote(src)} then ${i}`).join(' ')} else 255 end) + 256 * coalesce(s.intensity, 0)),
  group_concat(coalesce(s.categories, ''), '${SEP}'), group_concat(coalesce(s.time_bands, ''), '${SEP}'), group_concat(coalesce(s.days, ''), '${SEP}'),
  group_concat(coalesce(s.zone_id, ''), '${SEP}'), group_concat(coalesce(json_extract(s.perception, '$.safeAfterDark'), ''), '${SEP}')
from signals s
where s.diagnosis_id = ? and s.moderation != 'hidden'`;

const NUMBERS: ColumnSpec = { kind: 'numbers' };
const TEXTS: ColumnSpec = { kind: 'dictionary', separator: SEP };
export const SCAN_COLUMNS: ColumnSpec[] = [NUMBERS, NUMBERS, NUMBERS, NUMBERS, NUMBERS, TEXTS, TEXTS, TEXTS, TEXTS, TEXTS];

async function readScan(db: AppDb, readColumns: ReadColumns | undefined, diagnosisId: string) {
  if (readColumns) return readColumns(SCAN_SQL, [diagnosisId], SCAN_COLUMNS);
  const [head, tail] = SCAN_SQL.split('?');
  const [row] = await db.values<SqlValue[]>(sql`${sql.raw(head)}${diagnosisId}${sql.raw(tail)}`);
  return decodeColumns(row, SCAN_COLUMNS);
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
export type ScanMunicipality = { areaId: string | null; geometry: PolygonGeometry | null; bbox: [number, number, number, number] | null };

/**
 * The diagnosis's signals (hidden ones left out) as a signal table. A report placed by picking a
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
): Promise<SignalTable> {
  const [lat, lon, count, time, sourceIntensity, categories, timeBands, days, zoneId, afterDark] = await readScan(db, readColumns, diagnosisId);
  const n = lat.values!.length;
  // Each distinct text decoded once.
  const catMask = categories.dictionary!.map((t) => maskOf(categoryIds, idsOf(t)));
  const bandMask = timeBands.dictionary!.map((t) => maskOf(timeBandIds, idsOf(t)));
  const dayKind = days.dictionary!.map(dayKindOf);
  const zoneIndex = new Map(zones.map((z, i) => [z.id, i]));
  const zoneOf = zoneId.dictionary!.map((id) => (id ? (zoneIndex.get(id) ?? -1) : -1));
  const unsafeOf = afterDark.dictionary!.map((v) => (v ? (perceivedUnsafe({ safeAfterDark: v as SafeAfterDark }) ? 1 : 0) : -1));

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
  for (let i = 0; i < n; i++) {
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

// After a territory import creates or reshapes zones, the signals already stored with a point
// (lat/lon) are placed again with the rule residents' reports follow at ingest: the smallest zone
// that contains the point, or none (territory-index.ts). Signals without a point keep their zone:
// a report made by picking a zone from the list, a police or media figure imported per zone.
//
// Where it runs: inside the import's request, and its writes go in the import's own batch. Then a
// committed state never has the new zones with signals placed against the old ones, a rejected or
// failed import changes no signal, the data version moves once and the audit entry holds the exact
// count. A separate job would need a queue on both runtimes and would leave analyses reading half
// re-zoned evidence meanwhile; a territory import is a set-up step an admin makes rarely, and at a
// million signals it takes about 1.5 s when few move and 6 s when half of them do
// (`npm run bench:rezone`; README, "Signals after a territory import"). On Node the batch commits
// on the write worker's connection (deps.writeBatch), so the event loop is not held meanwhile.
//
// Scale: the points are read in pages of PAGE_ROWS in rowid order, each page one row of
// group_concat'ed columns (as signal-scan.ts reads the analysis evidence), so a million rows cost
// fifty queries rather than a million row objects, and no concatenated value nears D1's 2 MB limit
// on a string. The territory index's grid prefilters the zones of each point. Only rows whose zone
// changes are written: UPDATE … FROM json_each(?), each statement 10,000 [rowid, zone] pairs in one
// JSON parameter (2 bound parameters, far under D1's 100), so the number of statements follows the
// signals that move, not the zones they move to.
import { sql } from 'drizzle-orm';
import type { AppDb } from '../../db/client';
import type { ColumnSpec } from '../../db/column-decode.mjs';
import { readConcatenated } from '../../db/read-columns';
import { type PolygonGeometry, signals } from '../../db/schema';
import type { ReadColumns } from '../../db/write-worker';
import { buildTerritoryIndex } from '../signals/territory-index';

/** Rows per read: the zone ids of a page (37 bytes each) stay well under D1's 2 MB per string. */
export const PAGE_ROWS = 20_000;
/** Signals per UPDATE: [rowid, zone id] is about 48 bytes of the JSON parameter. */
export const ROWS_PER_STATEMENT = 10_000;

export type RezoneZone = { id: string; geometry: PolygonGeometry; areaKm2: number | null };

/** The signals whose zone changes and the zone each moves to (null: no zone contains it any more). */
export type RezonePlan = {
  /** Signals with a point that were placed again. */
  checked: number;
  /** Of those, how many change zone: the length of `rowids` and `zones`. */
  moved: number;
  rowids: number[];
  zones: (string | null)[];
  /** The largest rowid the plan covers: a later pass starts after it. */
  through: number;
};

// `+s.diagnosis_id` keeps SQLite from walking an index on the diagnosis and sorting each page by
// rowid (10× slower at a million rows): pages follow the table's own rowid order, and rows of other
// diagnoses in the same file are skipped as they pass.
const PAGE_SQL = `select group_concat(r), group_concat(lat), group_concat(lon), group_concat(z, '|')
from (select s.rowid as r, s.lat as lat, s.lon as lon, coalesce(s.zone_id, '') as z from signals s
  where s.rowid > ? and s.rowid <= ? and +s.diagnosis_id = ? and s.lat is not null and s.lon is not null
  order by s.rowid limit ?)`;
const PAGE_COLUMNS: ColumnSpec[] = [{ kind: 'numbers' }, { kind: 'numbers' }, { kind: 'numbers' }, { kind: 'dictionary', separator: '|' }];

/** The largest rowid of the signals table now: rows stored later have larger ones. */
async function lastRowid(db: AppDb): Promise<number> {
  const [row] = await db.values<[number | null]>(sql`select max(rowid) from signals`);
  return Number(row?.[0] ?? 0);
}

/**
 * Where each stored point of the diagnosis falls among `zones` (the territory as it will be after
 * the import), for the signals with rowid > `after` (0: all of them) stored by the time it runs.
 */
export async function planRezone(
  db: AppDb,
  readColumns: ReadColumns | undefined,
  diagnosisId: string,
  zones: RezoneZone[],
  opts: { after?: number; pageRows?: number } = {},
): Promise<RezonePlan> {
  const index = buildTerritoryIndex(zones, []);
  const pageRows = opts.pageRows ?? PAGE_ROWS;
  const through = Math.max(opts.after ?? 0, await lastRowid(db));
  const plan: RezonePlan = { checked: 0, moved: 0, rowids: [], zones: [], through };
  for (let cursor = opts.after ?? 0; ; ) {
    const [rowid, lat, lon, zone] = await readConcatenated(db, readColumns, PAGE_SQL, [cursor, through, diagnosisId, pageRows], PAGE_COLUMNS);
    const n = rowid.values!.length;
    // The zone each distinct stored value stands for ('' is none).
    const stored = zone.dictionary!.map((z) => z || null);
    for (let i = 0; i < n; i++) {
      const next = index.zoneAt(lon.values![i], lat.values![i]);
      if (next === stored[zone.codes![i]]) continue;
      plan.rowids.push(rowid.values![i]);
      plan.zones.push(next);
      plan.moved++;
    }
    plan.checked += n;
    if (n < pageRows) break;
    let last = cursor;
    for (let i = 0; i < n; i++) if (rowid.values![i] > last) last = rowid.values![i];
    cursor = last;
  }
  return plan;
}

/** The UPDATE statements that apply a plan, for the import's batch. */
export function rezoneStatements(db: AppDb, diagnosisId: string, plan: RezonePlan, perStatement = ROWS_PER_STATEMENT) {
  const statements = [];
  for (let i = 0; i < plan.moved; i += perStatement) {
    const pairs = [];
    for (let k = i; k < Math.min(plan.moved, i + perStatement); k++) pairs.push(`[${plan.rowids[k]},${JSON.stringify(plan.zones[k])}]`);
    statements.push(
      db
        .update(signals)
        .set({ zoneId: sql`m.zone` })
        .from(sql`(select value ->> 0 as r, value ->> 1 as zone from json_each(${`[${pairs.join(',')}]`})) m`)
        // `+`: each signal looked up by its rowid, not by walking the diagnosis's index per statement.
        .where(sql`${signals}.rowid = m.r and +${signals.diagnosisId} = ${diagnosisId}`),
    );
  }
  return statements;
}

/** The zones after an import: the stored ones as the import rewrites them, then the new ones. */
export function zonesAfterImport(stored: RezoneZone[], planned: { id: string; values: { geometry: PolygonGeometry; areaKm2: number } }[]): RezoneZone[] {
  const rewritten = new Map(planned.map((s) => [s.id, { id: s.id, geometry: s.values.geometry, areaKm2: s.values.areaKm2 }]));
  const storedIds = new Set(stored.map((z) => z.id));
  return [...stored.map((z) => rewritten.get(z.id) ?? z), ...[...rewritten.values()].filter((z) => !storedIds.has(z.id))];
}

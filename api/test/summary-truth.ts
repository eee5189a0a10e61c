// What the residents' public summary must publish, worked out here from the records themselves:
// the exact counts and rowids of the reports a window stands on and the stored record-key secret,
// through analysis/privacy.ts in JavaScript. The route computes the keys in SQL; tests compare the
// two, so a slip in either (a wrong coefficient order, an overflow to float) shows.
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import { cellKey, type DisclosureRule, perturbedPublishedCount } from '../../analysis/privacy';
import type { AppDb } from '../db/client';
import { publicSummaryKeys, signals } from '../db/schema';

export type Cell = { n: number; rowids: number[] };

/** The stored secret of the diagnosis's record keys, or null before the first summary. */
export async function storedSecret(db: AppDb, diagnosisId: string): Promise<number[] | null> {
  const [row] = await db.select({ secret: publicSummaryKeys.secret }).from(publicSummaryKeys).where(eq(publicSummaryKeys.diagnosisId, diagnosisId));
  return row?.secret ?? null;
}

/** The cells of the reports the window starting at `before` counts: resident, not excluded, made before it. */
export async function countedCells(db: AppDb, diagnosisId: string, before: Date) {
  const rows = await db
    .select({ rowid: sql<number>`${signals}.rowid`, zoneId: signals.zoneId, categories: signals.categories })
    .from(signals)
    .where(and(eq(signals.diagnosisId, diagnosisId), eq(signals.source, 'resident'), isNull(signals.exclusion), lt(signals.createdAt, before)));
  const zones = new Map<string, Cell>();
  const categories = new Map<string, Cell>();
  const add = (map: Map<string, Cell>, id: string, rowid: number) => {
    const cell = map.get(id) ?? { n: 0, rowids: [] };
    cell.n++;
    cell.rowids.push(Number(rowid));
    map.set(id, cell);
  };
  for (const r of rows) {
    if (r.zoneId) add(zones, r.zoneId, r.rowid);
    for (const c of r.categories) add(categories, c, r.rowid);
  }
  return { zones, categories, all: { n: rows.length, rowids: rows.map((r) => Number(r.rowid)) } as Cell };
}

/** The figure a cell must publish under `secret`: its count perturbed by its cell key, rounded, suppressed. */
export function expectedFigure(cell: Cell | undefined, secret: readonly number[], rule: DisclosureRule): number | null {
  if (!cell) return null;
  return perturbedPublishedCount(cell.n, cellKey(cell.rowids, secret), rule);
}

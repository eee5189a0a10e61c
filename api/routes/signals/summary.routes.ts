// What residents may see of everyone's reports: GET /api/diagnoses/{slug}/summary, unauthenticated.
//
// Threat model. Anyone can read this answer, and anyone can add reports (anonymously; 30 new
// reports an hour per client address, from as many addresses as they have). They must learn
// nothing about other people's reports beyond the published, disclosure-controlled figures: not
// a hidden zone's count, not the category or the minute of one report. The attacks, and what
// stops each:
//  1. Topping up a hidden zone with one's own reports (add 4 to a zone showing nothing; if it now
//     shows 5, the others were 1). Counts are rounded to the diagnosis's base (default 5) and shown
//     only when the rounded count reaches k (analysis/privacy.ts), after the perturbation of 5:
//     0 + 4, 1 + 4 and 2 + 4 publish 5 under 90 %, 100 % and 90 % of secrets, so one publication
//     leaves several possible values, not the count (summary.test.ts: best guess right 31 % of
//     the time over 40 secrets; a third under rounding alone).
//  2. Differencing over time: read, make one report (or watch someone make one), read again. The
//     figures are computed once per refresh window (default a day; windows start at multiples of
//     the refresh hours since 1970-01-01T00:00Z) from the reports made before the window began,
//     stored, and served unchanged to everyone for the whole window: no request, the attacker's
//     own included, makes them move. The answer carries no data version, exact time or counter,
//     only the UTC day of the window (`asOf`). The finest time anyone can learn is the window.
//  3. Differencing across filters: the summary takes no filter (only a label language), so there
//     are no two overlapping queries to subtract.
//  4. Solving for hidden cells from totals or rates: the only total is the sum of the published
//     zone counts (zonesTotal), so total minus zones is 0; no rate or share is published. The
//     category counts include reports in hidden zones, but each is rounded too: their sum against
//     the zones' differs by up to base/2 per published figure, and reports may have several
//     categories, so it bounds the hidden remainder only loosely, never a single zone.
//  5. Topping up by one report per window and watching for the window in which the figure steps
//     (rounding alone is deterministic, so the step gave the others' count within `base` windows).
//     Cell-key perturbation (analysis/privacy.ts): each counted report has a secret key, a
//     polynomial of its rowid mod 2^31 − 1 whose coefficients are the diagnosis's secret
//     (public_summary_keys: random, made once, never sent, kept apart from the snapshots so
//     moderation's drop-and-remake cannot change it); a zone's or category's cell key is the sum
//     of its reports' keys mod p, computed in SQL, and d in −2..2 (probabilities 0.1, 0.2, 0.4,
//     0.2, 0.1) read off it is added to the count before rounding and suppression. The same
//     reports give the same figure in every window and on every instance (nothing to average by
//     polling), while each added report redraws d, so the step no longer falls at a predictable
//     count. The whole diagnosis is perturbed the same way for its "nothing below k" gate.
//     Simulated over 10 windows with the attacker's maximum-likelihood guess (privacy.test.ts):
//     right 100 % of the time before, 71 % after (50 % when stopping at the first step).
// What is left (analysis/README.md says it too): the perturbation slows that attack, it does not
// stop it. Each added report gives a fresh d, so a patient attacker averages them: 85 % right over
// 20 windows, 93 % over 30, if nobody else reports in the zone meanwhile. A wider table slows it
// more at a cost in accuracy for everyone (privacy.test.ts). The shift is bounded, so an extreme
// draw can rule a value out (0 + 4 showing nothing says the others were 0, 1 time in 10 at that
// count). Rowids key the records, so a VACUUM that renumbered them would redraw every figure once
// (a second draw of each unchanged zone).
//
// Texts: approved by a moderator, of reports made before the window, chosen when the window's
// snapshot is made, without dates, in an order unrelated to arrival; a text names its zone only
// when that zone is shown. Hiding a text takes it out at once (each text's state is re-read at
// every answer); the counts stay as they were, since hiding a text does not remove the report.
// A text approved later shows from the next window. Excluding (or restoring) a report as abuse or
// spam drops the window's snapshot, so the figures are recomputed at once, still from the reports
// made before the window began: within a window the figures move only by a moderator's action.
import { and, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { cellKeyOf, perturbedPublishedCount, publishPerturbedItems, RECORD_KEY_COEFFICIENTS, RECORD_KEY_PRIME } from '../../../analysis/privacy';
import type { DisclosureRule } from '../../../analysis/privacy';
import { type Lang, pick } from '../../../surveys/i18n';
import { categories } from '../../../surveys/taxonomy';
import type { AppDb } from '../../db/client';
import type { ColumnSpec, DecodedColumn } from '../../db/column-decode.mjs';
import { readConcatenated } from '../../db/read-columns';
import type { ReadColumns } from '../../db/write-worker';
import { publicSummaries, publicSummaryKeys, signals, type SummarySnapshot, zones } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { validate } from '../../lib/json-body';
import type { RouteDoc } from '../../lib/openapi';
import { publicRuleOf, refreshHoursOf, slugParam, windowStart } from '../diagnoses/public.routes';
import { type Diagnosis, diagnosisBySlug } from '../diagnoses/territory';
import { type PublicSummary, publicSummarySchema, summaryQuerySchema } from './signals.schemas';

/** Approved texts shown per window. */
const MAX_TEXTS = 30;
const HOUR_MS = 3_600_000;

export const summaryDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/diagnoses/{slug}/summary',
    summary: 'Public summary of residents’ reports (rounded, suppressed, refreshed on a schedule)',
    description:
      'Counts per zone and per category of the residents’ reports made before the current refresh window began (windows of the diagnosis’s refresh hours, default 24, from UTC midnight): each shifted by a small secret amount (−2 to +2, fixed by the set of reports counted: the cell-key method), rounded to the diagnosis’s base and shown only when the rounded count reaches k. The total is the sum of the zone counts shown. Reports excluded by a moderator as abuse or spam are not counted; a report whose text was hidden still is. Only approved texts, without dates, in no order of time. The same answer for everyone for the whole window; no data version or exact time.',
    tags: ['residents'],
    params: slugParam,
    query: summaryQuerySchema,
    responses: { 200: { description: 'The summary', schema: publicSummarySchema }, 404: { description: 'Unknown diagnosis' } },
  },
];


// The window's reads: each answers one row of group_concat'ed columns (api/db/read-columns.ts),
// so on Node they run on the reader thread's connection and a million-signal scan does not hold
// the main thread (residents' reports keep being answered meanwhile). The first column is a
// number: the decoder counts rows by it.
const COUNTED = `s.diagnosis_id = ? and s.source = 'resident' and s.exclusion is null and s.created_at < ?`;
/**
 * A report's record key (analysis/privacy.ts, recordKeyInt) in SQLite integer arithmetic: Horner's
 * rule on the secret coefficients, bound as parameters highest first (so the secret is in no SQL
 * text or log), at rowid mod p. Each product is below p² < 2^62: no overflow to a float. Cost,
 * measured on a libSQL file of 1,000,000 reports (2 categories each): zones 430 → 500 ms,
 * categories 1.10 → 1.29 s, once per window and diagnosis, on the reader thread.
 */
const RECORD_KEY_SQL = (() => {
  const r = `(s.rowid % ${RECORD_KEY_PRIME})`;
  let acc = 'cast(? as integer)';
  for (let i = 1; i < RECORD_KEY_COEFFICIENTS; i++) acc = `((${acc}) * ${r} + cast(? as integer)) % ${RECORD_KEY_PRIME}`;
  return acc;
})();
/** Each group's count, the sum of its record keys mod p (its cell key, as an integer) and its key. */
const ZONES_SQL = `select group_concat(n), group_concat(k), group_concat(z, '|') from
  (select count(*) as n, sum(${RECORD_KEY_SQL}) % ${RECORD_KEY_PRIME} as k, coalesce(s.zone_id, '') as z from signals s where ${COUNTED} group by s.zone_id)`;
const CATEGORIES_SQL = `select group_concat(n), group_concat(k), group_concat(c, '|') from
  (select count(*) as n, sum(${RECORD_KEY_SQL}) % ${RECORD_KEY_PRIME} as k, c.value as c from signals s, json_each(s.categories) c where ${COUNTED} group by c.value)`;
// Approved texts in the order of their ids from a pivot that moves each window: a report's id is
// the random UUID its device made, unrelated to when it arrived, so neither the order nor the
// sample says anything about time (an order derived from the rowid would: the rowid is the order
// of arrival, and the code is public), while a different sample shows each window.
const TEXTS_SQL = `select group_concat(r), group_concat(id, '|') from
  (select s.rowid as r, s.id as id from signals s where ${COUNTED} and s.moderation = 'approved' and s.text is not null
   order by case when s.id >= ? then 0 else 1 end, s.id limit ${MAX_TEXTS})`;
const PAIR: ColumnSpec[] = [{ kind: 'numbers' }, { kind: 'dictionary', separator: '|' }];
const KEYED: ColumnSpec[] = [{ kind: 'numbers' }, { kind: 'numbers' }, { kind: 'dictionary', separator: '|' }];

type Keyed = { n: number; keySum: number };
/** Count and key sum by group of one group_concat'ed (count, key sum, group) row. */
function keyed(columns: DecodedColumn[]): Map<string, Keyed> {
  const [n, k, group] = columns;
  const out = new Map<string, Keyed>();
  for (let i = 0; i < n.values!.length; i++) out.set(group.dictionary![group.codes![i]], { n: n.values![i], keySum: k.values![i] });
  return out;
}

/** A new secret: RECORD_KEY_COEFFICIENTS uniform integers in [0, p), from the platform's CSPRNG (Node and Workers). */
function newRecordKeySecret(): number[] {
  const out: number[] = [];
  const word = new Uint32Array(1);
  while (out.length < RECORD_KEY_COEFFICIENTS) {
    crypto.getRandomValues(word);
    const v = word[0] & 0x7fffffff;
    if (v < RECORD_KEY_PRIME) out.push(v);
  }
  return out;
}

/**
 * The diagnosis's record-key secret, made on first use. Two processes making it at once both end
 * up with the one stored (insert or nothing, then read), so every instance keys alike.
 */
export async function recordKeySecret(db: AppDb, diagnosisId: string): Promise<number[]> {
  const read = () => db.select({ secret: publicSummaryKeys.secret }).from(publicSummaryKeys).where(eq(publicSummaryKeys.diagnosisId, diagnosisId)).limit(1);
  const [stored] = await read();
  if (stored) return stored.secret;
  await db.insert(publicSummaryKeys).values({ diagnosisId, secret: newRecordKeySecret(), createdAt: new Date() }).onConflictDoNothing();
  const [made] = await read();
  return made.secret;
}

/** The figures of one window, from the reports (resident, not excluded) created before `before`. */
export async function computeSnapshot(db: AppDb, readColumns: ReadColumns | undefined, diagnosisId: string, before: Date, rule: DisclosureRule): Promise<SummarySnapshot> {
  const args = [diagnosisId, before.getTime()];
  const keyArgs = [...(await recordKeySecret(db, diagnosisId))].reverse();
  const pivot = ((Math.floor(before.getTime() / HOUR_MS) * 2654435761) >>> 0).toString(16).padStart(8, '0');
  const [perZone, perCategory, textColumns, zoneRows] = await Promise.all([
    readConcatenated(db, readColumns, ZONES_SQL, [...keyArgs, ...args], KEYED).then(keyed),
    readConcatenated(db, readColumns, CATEGORIES_SQL, [...keyArgs, ...args], KEYED).then(keyed),
    readConcatenated(db, readColumns, TEXTS_SQL, [...args, pivot], PAIR),
    db.select({ id: zones.id, name: zones.name }).from(zones).where(eq(zones.diagnosisId, diagnosisId)),
  ]);
  // The whole diagnosis is a cell too (all its reports, in a zone or not): below k, once perturbed
  // and rounded, nothing at all is shown (not even texts).
  let total = 0;
  let totalKey = 0;
  for (const { n, keySum } of perZone.values()) {
    total += n;
    totalKey = (totalKey + keySum) % RECORD_KEY_PRIME;
  }
  if (perturbedPublishedCount(total, cellKeyOf(totalKey), rule) === null) return { zones: [], categories: [], shownTotal: 0, overK: false, textIds: [] };
  const none: Keyed = { n: 0, keySum: 0 };
  const zoneCell = (id: string) => perZone.get(id) ?? none;
  const shownZones = publishPerturbedItems(zoneRows, rule, (z) => zoneCell(z.id).n, (z) => cellKeyOf(zoneCell(z.id).keySum))
    .map(({ item, count }) => ({ zoneId: item.id, name: item.name, count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  const categoryCell = (id: string) => perCategory.get(id) ?? none;
  const shownCategories = publishPerturbedItems(categories, rule, (c) => categoryCell(c.id).n, (c) => cellKeyOf(categoryCell(c.id).keySum))
    .map(({ item, count }) => ({ id: item.id, count }))
    .sort((a, b) => b.count - a.count);
  const [, ids] = textColumns;
  const textIds = Array.from(ids.codes!, (code) => ids.dictionary![code]);
  return { zones: shownZones, categories: shownCategories, shownTotal: shownZones.reduce((s, z) => s + z.count, 0), overK: true, textIds };
}

export function summaryRoutes(deps: AppDeps) {
  const { db } = deps;
  // One computation per diagnosis and window in this process, whoever asks meanwhile.
  const computing = new Map<string, Promise<SummarySnapshot>>();

  async function snapshotOf(d: Diagnosis, start: Date, rule: DisclosureRule): Promise<SummarySnapshot> {
    const [stored] = await db.select().from(publicSummaries).where(eq(publicSummaries.diagnosisId, d.id)).limit(1);
    if (stored && stored.windowStart.getTime() === start.getTime() && stored.k === rule.k && stored.base === rule.base) return stored.body;
    const key = `${d.id}/${start.getTime()}/${rule.k}/${rule.base}`;
    let pending = computing.get(key);
    if (!pending) {
      pending = (async () => {
        const body = await computeSnapshot(db, deps.readColumns, d.id, start, rule);
        const row = { diagnosisId: d.id, windowStart: start, k: rule.k, base: rule.base, body };
        await db.insert(publicSummaries).values(row).onConflictDoUpdate({ target: publicSummaries.diagnosisId, set: row });
        return body;
      })().finally(() => computing.delete(key));
      computing.set(key, pending);
    }
    return pending;
  }

  /** The window's texts as they stand now: one hidden or excluded since the snapshot is left out. */
  async function textsNow(ids: string[]) {
    if (ids.length === 0) return [];
    const rows = await db
      .select({ id: signals.id, text: signals.text, zoneId: signals.zoneId })
      .from(signals)
      .where(and(inArray(signals.id, ids), eq(signals.moderation, 'approved'), isNull(signals.exclusion), isNotNull(signals.text)));
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  return new Hono().get('/diagnoses/:slug/summary', validate('param', slugParam), validate('query', summaryQuerySchema), async (c) => {
    const lang: Lang = c.req.valid('query').lang ?? 'it';
    const d = await diagnosisBySlug(db, c.req.valid('param').slug);
    const rule = publicRuleOf(d);
    const hours = refreshHoursOf(d);
    const start = windowStart(deps.clock(), hours);
    const snap = await snapshotOf(d, start, rule);
    const shownZone = new Map(snap.zones.map((z) => [z.zoneId, z.name]));
    const label = new Map<string, string>(categories.map((cat) => [cat.id, pick(cat.label, lang)]));
    const texts = await textsNow(snap.textIds ?? []);
    const body: PublicSummary = {
      slug: d.slug,
      title: d.title,
      k: rule.k,
      base: rule.base,
      asOf: start.toISOString().slice(0, 10),
      refreshHours: hours,
      zonesTotal: snap.overK ? snap.shownTotal : null,
      zones: snap.zones,
      categories: snap.categories.map((x) => ({ id: x.id, label: label.get(x.id) ?? x.id, count: x.count })),
      texts: texts.map((t) => ({ text: t.text!, zone: (t.zoneId && shownZone.get(t.zoneId)) || null })),
    };
    c.header('cache-control', 'public, max-age=60');
    return c.json(body, 200);
  });
}

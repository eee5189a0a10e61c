// What residents may see of everyone's reports: counts per zone and per category where at least
// k signals stand behind them, and texts a moderator approved. Nothing else leaves.
import { and, count, desc, eq, isNotNull, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { suppressBelowK } from '../../../analysis/privacy';
import { type Lang, pick } from '../../../surveys/i18n';
import { categories } from '../../../surveys/taxonomy';
import { signals, zones } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { validate } from '../../lib/json-body';
import type { RouteDoc } from '../../lib/openapi';
import { slugParam } from '../diagnoses/public.routes';
import { EvidenceStore } from '../../lib/versioned-cache';
import { diagnosisBySlug } from '../diagnoses/territory';
import { type PublicSummary, publicSummarySchema, summaryQuerySchema } from './signals.schemas';

/** Approved texts shown, newest first. */
const MAX_TEXTS = 30;

export const summaryDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/diagnoses/{slug}/summary',
    summary: 'Public summary of residents’ reports (k-suppressed)',
    description:
      'Counts per zone and per category only where at least k resident signals stand behind them (k = the diagnosis threshold); the total is rounded down to a multiple of 10 so a hidden zone cannot be found by subtraction. Only approved texts, without dates.',
    tags: ['residents'],
    params: slugParam,
    query: summaryQuerySchema,
    responses: { 200: { description: 'The summary', schema: publicSummarySchema }, 404: { description: 'Unknown diagnosis' } },
  },
];

export function summaryRoutes(deps: AppDeps) {
  const { db } = deps;
  // Public and unauthenticated: at a million signals one summary takes seconds of the main
  // thread, so it is kept per data version, and for such a diagnosis answered up to 60 s behind
  // (recomputed at most every 15 s) while residents report. Small ones are always fresh.
  const cached = new EvidenceStore<PublicSummary>({ maxEntries: 32, slowMs: 500, maxStaleMs: 60_000, refreshAfterMs: 15_000 });
  return new Hono().get('/diagnoses/:slug/summary', validate('param', slugParam), validate('query', summaryQuerySchema), async (c) => {
    const lang: Lang = c.req.valid('query').lang ?? 'it';
    const d = await diagnosisBySlug(db, c.req.valid('param').slug);
    // k, title and status are settings, not data: a change of them is a new key, never stale.
    const key = `${d.id}/${lang}/${d.kThreshold}/${d.updatedAt.getTime()}`;
    const { value: body } = await cached.get(key, d.dataVersion, () => summarise(d, lang));
    c.header('cache-control', 'public, max-age=60');
    return c.json(body, 200);
  });

  async function summarise(d: Awaited<ReturnType<typeof diagnosisBySlug>>, lang: Lang): Promise<PublicSummary> {
    const k = d.kThreshold;
    const resident = and(eq(signals.diagnosisId, d.id), eq(signals.source, 'resident'));
    const [[{ total }], perZone, perCategory, texts] = await Promise.all([
      db.select({ total: count() }).from(signals).where(resident),
      db
        .select({ zoneId: zones.id, name: zones.name, count: count() })
        .from(signals)
        .innerJoin(zones, eq(zones.id, signals.zoneId))
        .where(resident)
        .groupBy(zones.id, zones.name),
      db.all<{ id: string; n: number }>(
        sql`select c.value as id, count(*) as n from signals s, json_each(s.categories) c where s.diagnosis_id = ${d.id} and s.source = 'resident' group by c.value`,
      ),
      db
        .select({ text: signals.text, zoneId: signals.zoneId })
        .from(signals)
        .where(and(resident, eq(signals.moderation, 'approved'), isNotNull(signals.text)))
        .orderBy(desc(signals.createdAt), signals.id)
        .limit(MAX_TEXTS),
    ]);
    const shownZones = suppressBelowK(perZone, k, (z) => z.count).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
    const shownZoneNames = new Map(shownZones.map((z) => [z.zoneId, z.name]));
    const categoryCounts = new Map(perCategory.map((r) => [r.id, Number(r.n)]));
    const shownCategories = suppressBelowK(
      categories.map((cat) => ({ id: cat.id, label: pick(cat.label, lang), count: categoryCounts.get(cat.id) ?? 0 })),
      k,
      (x) => x.count,
    ).sort((a, b) => b.count - a.count);
    const body: PublicSummary = {
      slug: d.slug,
      title: d.title,
      k,
      totalAtLeast: total >= k ? Math.max(k, Math.floor(total / 10) * 10) : null,
      zones: shownZones,
      categories: shownCategories,
      // A text keeps its place only when that place is itself shown; below k reports, no text at all.
      texts: (total >= k ? texts : []).map((t) => ({ text: t.text!, zone: (t.zoneId && shownZoneNames.get(t.zoneId)) || null })),
      dataVersion: d.dataVersion,
    };
    return body;
  }
}

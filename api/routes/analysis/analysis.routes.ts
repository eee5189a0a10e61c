// GET /api/diagnoses/{slug}/analysis/{kind}: the diagnosis read by analysts, filtered by the
// query, cached until the diagnosis's data changes.
import { desc } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { type AuthEnv, requireUser } from '../../auth/session';
import type { AppDeps } from '../../deps';
import { validate } from '../../lib/json-body';
import type { RouteDoc } from '../../lib/openapi';
import { diagnoses } from '../../db/schema';
import { diagnosisBySlug } from '../diagnoses/territory';
import { analysisKinds, analysisParams, analysisQuery, type AnalysisQuery } from './analysis.schemas';
import { EvidenceStore, VersionedCache } from '../../lib/versioned-cache';

/** A diagnosis whose evidence takes longer than this to load may answer from evidence at most MAX_STALE_MS old. */
const SLOW_LOAD_MS = 500;
const MAX_STALE_MS = 30_000;
/** …and while it does, reloads at most this often (residents' reports move the version every commit). */
const REFRESH_AFTER_MS = 5_000;
/** Diagnoses whose evidence the Node server loads at start (`deps.preloadAnalysis`). */
const PRELOADED = 4;
import { computeHotspots, computePerceptionGap, computeTime, computeZones } from './compute';
import { computeCompare, computeStrengths } from './compute-questionnaires';
import { type Evidence, loadEvidence } from './evidence';

const descriptions: Record<(typeof analysisKinds)[number], string> = {
  hotspots: 'Getis-Ord Gi* hotspots over a square metric grid with Benjamini-Hochberg q-values, as a GeoJSON FeatureCollection with a top-level `method`.',
  zones: 'Composite index per zone (resident signals, intensity, police, media, institutions’ places of concern) with its components and a ±20 % weight sensitivity report.',
  strengths: 'Strengths, weaknesses and contested dimensions from submitted questionnaires, by area and institution kind, plus residents’ safe and unsafe zones and categories.',
  'perception-gap': 'Perceived insecurity against recorded events per zone, with quadrants.',
  time: 'Time band × weekday table, category mix and monthly trend.',
  compare: 'Change from the previous wave per zone, category and dimension, and objectives’ progress.',
};

export const analysisDocs: RouteDoc[] = analysisKinds.map((kind) => ({
  method: 'get',
  path: `/api/diagnoses/{slug}/analysis/${kind}`,
  summary: `Analysis: ${kind}`,
  description: descriptions[kind],
  tags: ['analysis'],
  security: 'session',
  params: z.object({ slug: analysisParams.shape.slug }),
  query: analysisQuery,
  responses: { 200: { description: 'The analysis result', contentType: kind === 'hotspots' ? 'application/geo+json' : 'application/json' } },
}));

function canonical(q: AnalysisQuery): string {
  return Object.entries(q)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? [...v].sort().join(',') : v}`)
    .sort()
    .join('&');
}

export function analysisRoutes(deps: AppDeps) {
  const evidence = new EvidenceStore<Evidence>({ maxEntries: 8, slowMs: SLOW_LOAD_MS, maxStaleMs: MAX_STALE_MS, refreshAfterMs: REFRESH_AFTER_MS });
  // Results are kept serialised: a repeated view costs no JSON.stringify of a large GeoJSON.
  const results = new VersionedCache<string>(200);
  const reader = requireUser(deps, 'admin', 'analyst');
  if (deps.preloadAnalysis) {
    // The Node server loads the newest diagnoses' evidence as it starts, so the first dashboard
    // opened does not wait for it (a million signals take a few seconds to read).
    const preload = async () => {
      const recent = await deps.db.select().from(diagnoses).orderBy(desc(diagnoses.createdAt)).limit(PRELOADED);
      for (const d of recent) await evidence.get(d.id, d.dataVersion, () => loadEvidence(deps.db, d, deps.readColumns));
    };
    setTimeout(() => void preload().catch(() => undefined), 0);
  }
  return new Hono<AuthEnv>().get('/diagnoses/:slug/analysis/:kind', reader, validate('param', analysisParams), validate('query', analysisQuery), async (c) => {
    const { slug, kind } = c.req.valid('param');
    const q = c.req.valid('query');
    const d = await diagnosisBySlug(deps.db, slug);
    const { value: e, version } = await evidence.get(d.id, d.dataVersion, () => loadEvidence(deps.db, d, deps.readColumns));
    const body = await results.get(`${d.id}/${kind}?${canonical(q)}`, version, async () => JSON.stringify(await compute()));
    async function compute() {
      switch (kind) {
        case 'hotspots':
          return computeHotspots(e, q);
        case 'zones':
          return computeZones(e, q, d);
        case 'perception-gap':
          return computePerceptionGap(e, q);
        case 'time':
          return computeTime(e, q);
        case 'strengths':
          return computeStrengths(e, q);
        case 'compare':
          return computeCompare(deps, d, e, q, async (prev) => (await evidence.get(prev.id, prev.dataVersion, () => loadEvidence(deps.db, prev, deps.readColumns))).value);
      }
    }
    c.header('cache-control', 'private, no-cache');
    // The version the figures were computed at: a large diagnosis may answer a few seconds behind.
    c.header('x-data-version', String(version));
    c.header('content-type', kind === 'hotspots' ? 'application/geo+json; charset=utf-8' : 'application/json; charset=utf-8');
    return c.body(body, 200);
  });
}

// What a resident page needs to start: the diagnosis, the category list, the zones and the map.
import { Hono } from 'hono';
import { z } from 'zod';
import { categories, dayKinds, timeBands } from '../../../surveys/taxonomy';
import { type Lang, languages, pick } from '../../../surveys/i18n';
import type { AppDeps } from '../../deps';
import { bboxOf, unionBBox } from '../../../analysis/geometry';
import { validate } from '../../lib/json-body';
import type { RouteDoc } from '../../lib/openapi';
import { type DisclosureRule, disclosureRule } from '../../../analysis/privacy';
import { DEFAULT_ROUNDING_BASE } from '../../../analysis/types';
import { type Diagnosis, diagnosisBySlug, loadTerritory } from './territory';

/** Default hours between refreshes of a public aggregate (once a day). */
export const DEFAULT_REFRESH_HOURS = 24;

/**
 * The disclosure rule of a diagnosis's public outputs: its k and its rounding base (a setting,
 * default 5). Every public output of a diagnosis reads it from here.
 */
export function publicRuleOf(d: Pick<Diagnosis, 'kThreshold' | 'settings'>): DisclosureRule {
  return disclosureRule({ public: true, k: d.kThreshold, base: d.settings.roundingBase ?? DEFAULT_ROUNDING_BASE })!;
}

/** Hours between refreshes of the diagnosis's public aggregates (a setting, default 24). */
export function refreshHoursOf(d: Pick<Diagnosis, 'settings'>): number {
  return d.settings.summaryRefreshHours ?? DEFAULT_REFRESH_HOURS;
}

/**
 * The start of the refresh window `now` falls in: a multiple of `hours` since 1970-01-01T00:00Z
 * (UTC midnight for 24). A scheduled public aggregate counts what was created before it, so it is
 * the same for everyone for the whole window and no request can make it move.
 */
export function windowStart(now: Date, hours: number): Date {
  const span = hours * 3_600_000;
  return new Date(Math.floor(now.getTime() / span) * span);
}

export const slugParam = z.object({
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'A slug is lowercase letters, digits and dashes.'),
});
const langQuery = z.object({ lang: z.enum(languages).optional().describe('Label language (default it)') });

const option = z.object({ id: z.string(), label: z.string() });
const bbox = z.tuple([z.number(), z.number(), z.number(), z.number()]);
export const publicDiagnosisSchema = z.object({
  slug: z.string(),
  title: z.string(),
  description: z.string(),
  status: z.enum(['draft', 'open', 'closed']),
  wave: z.enum(['ex-ante', 'ex-post']),
  demo: z.boolean(),
  k: z.number().int().describe('Public counts below k (after rounding) are not shown'),
  base: z.number().int().describe('Public counts are rounded to a multiple of this'),
  categories: z.array(option),
  timeBands: z.array(option),
  days: z.array(option),
  zones: z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        id: z.string(),
        properties: z.object({ id: z.string(), name: z.string(), kind: z.string(), municipality: z.string().nullable() }),
        geometry: z.unknown(),
      }),
    ),
  }),
  bbox: bbox.nullable(),
  map: z.object({ tileUrl: z.string(), attribution: z.string() }),
});

export const publicDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/diagnoses/{slug}/public',
    summary: 'Public description of a diagnosis for the resident page',
    tags: ['residents'],
    params: slugParam,
    query: langQuery,
    responses: { 200: { description: 'The diagnosis, its categories and its zones', schema: publicDiagnosisSchema } },
  },
];

export function publicRoutes(deps: AppDeps) {
  return new Hono().get('/diagnoses/:slug/public', validate('param', slugParam), validate('query', langQuery), async (c) => {
    const { slug } = c.req.valid('param');
    const lang: Lang = c.req.valid('query').lang ?? 'it';
    const d = await diagnosisBySlug(deps.db, slug);
    const territory = await loadTerritory(deps.db, d.id);
    const municipalityName = new Map(territory.municipalities.map((m) => [m.id, m.name]));
    const boundaryBoxes = territory.municipalities.flatMap((m) => (m.geometry ? [bboxOf(m.geometry)] : []));
    const body: z.infer<typeof publicDiagnosisSchema> = {
      slug: d.slug,
      title: d.title,
      description: d.description,
      status: d.status,
      wave: d.wave,
      demo: d.isDemo,
      k: d.kThreshold,
      base: publicRuleOf(d).base,
      categories: categories.map((o) => ({ id: o.id, label: pick(o.label, lang) })),
      timeBands: timeBands.map((o) => ({ id: o.id, label: pick(o.label, lang) })),
      days: dayKinds.map((o) => ({ id: o.id, label: pick(o.label, lang) })),
      zones: {
        type: 'FeatureCollection',
        features: territory.zones.map((z) => ({
          type: 'Feature',
          id: z.id,
          properties: { id: z.id, name: z.name, kind: z.kind, municipality: z.municipalityId ? (municipalityName.get(z.municipalityId) ?? null) : null },
          geometry: z.geometry,
        })),
      },
      bbox: unionBBox(boundaryBoxes) ?? territory.bbox,
      map: { tileUrl: d.settings.tileUrl ?? deps.config.tileUrl, attribution: d.settings.tileAttribution ?? deps.config.tileAttribution },
    };
    c.header('cache-control', 'public, max-age=60');
    return c.json(body);
  });
}

// Query parameters of the analysis endpoints: the dashboard's filters, kept in its URL.
import { z } from 'zod';
import { categoryIds, dayKindIds, signalSources, timeBandIds } from '../../../surveys/taxonomy';

const list = <T extends [string, ...string[]]>(ids: T) =>
  z
    .string()
    .max(500)
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.enum(ids)).min(1));

export const analysisQuery = z.strictObject({
  from: z.iso.date().optional().describe('First day (inclusive), YYYY-MM-DD'),
  to: z.iso.date().optional().describe('Last day (inclusive), YYYY-MM-DD'),
  area: z.uuid().optional().describe('Only signals and zones of this area'),
  categories: list(categoryIds).optional().describe('Comma-separated category ids'),
  sources: list([...signalSources] as [string, ...string[]]).optional().describe('Comma-separated sources: resident, police, media, institution'),
  timeBands: list(timeBandIds).optional().describe('Comma-separated time bands'),
  dayKind: z.enum(dayKindIds).optional(),
  cell: z.coerce.number().min(10).max(20_000).optional().describe('Hotspots: cell size in metres'),
  band: z.coerce.number().min(10).max(100_000).optional().describe('Hotspots: distance band in metres'),
  value: z.enum(['count', 'intensity']).optional().describe('Hotspots: what a cell sums'),
});
export type AnalysisQuery = z.infer<typeof analysisQuery>;

export const analysisKinds = ['hotspots', 'zones', 'strengths', 'perception-gap', 'time', 'compare'] as const;
export const analysisParams = z.object({
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
  kind: z.enum(analysisKinds),
});

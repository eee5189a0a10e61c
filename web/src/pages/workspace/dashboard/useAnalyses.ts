// Loads every analysis of a diagnosis for the current filters, one request per kind, so each
// panel appears as soon as its own figures arrive.
import type { Analyses } from './analysisTypes';
import { type Filters, queryString } from './filters';
import { type Loaded, useApi } from '../useApi';

export type AnalysisKind = keyof Analyses;

export const analysisPath = (slug: string, kind: AnalysisKind, filters: Filters) => `/api/diagnoses/${slug}/analysis/${kind}${queryString(filters)}`;
export const publicPath = (slug: string, lang: string) => `/api/diagnoses/${slug}/public?lang=${lang === 'en' ? 'en' : 'it'}`;
export const responsesPath = (slug: string) => `/api/diagnoses/${slug}/responses`;

const DASHBOARD_KINDS: AnalysisKind[] = ['hotspots', 'zones', 'strengths', 'perception-gap', 'time', 'compare'];

/** Everything the dashboard loads for these filters (see DashboardPage), for `prefetch`. */
export const dashboardPaths = (slug: string, filters: Filters, lang: string) => [
  ...DASHBOARD_KINDS.map((k) => analysisPath(slug, k, filters)),
  publicPath(slug, lang),
  responsesPath(slug),
];

export function useAnalysis<K extends AnalysisKind>(slug: string, kind: K, filters: Filters, enabled = true): Loaded<Analyses[K]> {
  return useApi<Analyses[K]>(enabled ? analysisPath(slug, kind, filters) : null);
}

export function useAnalyses(slug: string, filters: Filters) {
  return {
    hotspots: useAnalysis(slug, 'hotspots', filters),
    zones: useAnalysis(slug, 'zones', filters),
    strengths: useAnalysis(slug, 'strengths', filters),
    gap: useAnalysis(slug, 'perception-gap', filters),
    time: useAnalysis(slug, 'time', filters),
    compare: useAnalysis(slug, 'compare', filters),
  };
}

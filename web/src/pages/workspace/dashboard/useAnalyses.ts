// Loads every analysis of a diagnosis for the current filters, one request per kind, so each
// panel appears as soon as its own figures arrive.
import type { Analyses } from './analysisTypes';
import { type Filters, queryString } from './filters';
import { type Loaded, useApi } from '../useApi';

export type AnalysisKind = keyof Analyses;

export function useAnalysis<K extends AnalysisKind>(slug: string, kind: K, filters: Filters, enabled = true): Loaded<Analyses[K]> {
  return useApi<Analyses[K]>(enabled ? `/api/diagnoses/${slug}/analysis/${kind}${queryString(filters)}` : null);
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

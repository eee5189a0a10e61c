// Which series an analysis reads. Residents' reports, police interventions and media attention
// measure different things (what people feel, what patrols record, what the press covers), so no
// method adds them up unless its caller names the sources; the composite index is the one method
// that combines them, explicitly and with stated weights. A signal without a source (a CSV with no
// `source` column) is a resident report.
import type { SignalFilter, SignalSource } from './types';

/** What every analysis reads when the request names no sources. */
export const DEFAULT_SOURCES: readonly SignalSource[] = ['resident'];

/** The sources a filter selects: the ones it names, else residents only. Sorted, without repeats. */
export function sourcesOf(filter?: SignalFilter | null): SignalSource[] {
  const named = filter?.sources?.length ? filter.sources : DEFAULT_SOURCES;
  return [...new Set(named)].sort();
}

/** The filter with its sources made explicit (the default applied). */
export function withSources<F extends SignalFilter>(filter: F | undefined): F & { sources: SignalSource[] } {
  return { ...(filter ?? ({} as F)), sources: sourcesOf(filter) };
}

/** The source a signal counts under: its own, or resident when it has none. */
export const sourceOf = (s: { source?: SignalSource | null }): SignalSource => s.source ?? 'resident';

// The dashboard's filters live in the page URL (?from=…&to=…&categories=…&sources=…&area=…), so a
// view can be shared; the same keys and formats are the analysis API's query.
import { categoryIds, signalSources } from '../../../../../surveys/taxonomy';

export type Filters = { from?: string; to?: string; area?: string; categories: string[]; sources: string[] };

export const FILTER_KEYS = ['from', 'to', 'area', 'categories', 'sources'] as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const list = (v: string | null, allowed: readonly string[]) => (v ? v.split(',').filter((x) => allowed.includes(x)) : []);

/** Reads the filters from a URL query, dropping anything the API would refuse. */
export function filtersFrom(query: URLSearchParams): Filters {
  const date = (k: string) => {
    const v = query.get(k);
    return v && DATE.test(v) ? v : undefined;
  };
  const area = query.get('area');
  return {
    from: date('from'),
    to: date('to'),
    area: area && /^[0-9a-f-]{36}$/i.test(area) ? area : undefined,
    categories: list(query.get('categories'), categoryIds),
    sources: list(query.get('sources'), signalSources),
  };
}

/** The filters as URL parameters (undefined = not set), for both the page URL and the API. */
export function filterParams(f: Filters): Record<(typeof FILTER_KEYS)[number], string | undefined> {
  return {
    from: f.from,
    to: f.to,
    area: f.area,
    categories: f.categories.length ? f.categories.join(',') : undefined,
    sources: f.sources.length ? f.sources.join(',') : undefined,
  };
}

/** "?from=…&sources=…" (or "") in a fixed key order, so equal filters make equal URLs. */
export function queryString(f: Filters, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filterParams(f), ...extra })) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

export const isFiltered = (f: Filters) => !!(f.from || f.to || f.area || f.categories.length || f.sources.length);

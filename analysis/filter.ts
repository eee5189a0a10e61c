// Signal filters applied before any aggregation (period, categories, sources, time bands, day
// kind). Every filter that is set excludes the signals that lack its field: a signal with no date
// cannot be said to fall in a period. A signal without a source counts as a resident report
// (sources.ts); which sources a method reads by default is the method's business (sources.ts).
import { sourceOf } from './sources';
import type { SignalFilter, SignalPoint } from './types';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** Parse the filter's bounds once; a date-only `to` means the whole of that day (UTC). */
function periodBounds(filter: SignalFilter): { from: number; to: number } {
  const from = filter.from ? Date.parse(filter.from) : -Infinity;
  let to = filter.to ? Date.parse(filter.to) : Infinity;
  if (filter.to && DATE_ONLY.test(filter.to)) to += DAY_MS - 1;
  if (Number.isNaN(from)) throw new RangeError(`filter.from is not an ISO date: ${filter.from}`);
  if (Number.isNaN(to)) throw new RangeError(`filter.to is not an ISO date: ${filter.to}`);
  return { from, to };
}

const anyOf = (values: readonly string[] | undefined, wanted: Set<string>) =>
  values !== undefined && values.some((v) => wanted.has(v));

/** Returns a predicate, so a caller streaming over columns can reuse the parsed bounds. */
export function signalPredicate(filter: SignalFilter = {}): (s: SignalPoint) => boolean {
  const hasPeriod = filter.from !== undefined || filter.to !== undefined;
  const { from, to } = periodBounds(filter);
  const categories = filter.categories?.length ? new Set(filter.categories) : null;
  const sources = filter.sources?.length ? new Set<string>(filter.sources) : null;
  const bands = filter.timeBands?.length ? new Set(filter.timeBands) : null;
  const dayKind = filter.dayKind;
  return (s) => {
    if (hasPeriod) {
      const t = s.createdAt ? Date.parse(s.createdAt) : NaN;
      if (!(t >= from && t <= to)) return false;
    }
    if (categories && !anyOf(s.categories, categories)) return false;
    if (sources && !sources.has(sourceOf(s))) return false;
    if (bands && !anyOf(s.timeBands, bands)) return false;
    if (dayKind && s.dayKind !== dayKind) return false;
    return true;
  };
}

export function filterSignals(signals: readonly SignalPoint[], filter: SignalFilter = {}): SignalPoint[] {
  return signals.filter(signalPredicate(filter));
}

// Small-number suppression for anything published: a public aggregate never shows a cell or zone
// with fewer than k signals (DESIGN.md, "Rules that hold everywhere"), so that a single report
// cannot be traced back to the person who made it.
import { DEFAULT_K, type PrivacyOptions } from './types';

function checkK(k: number): void {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
}

/** Drop the items with fewer than k signals. */
export function suppressBelowK<T>(items: readonly T[], k: number, countOf: (item: T) => number): T[] {
  checkK(k);
  return items.filter((item) => countOf(item) >= k);
}

/** Keep every item but replace those with fewer than k signals by `blank(item)` (e.g. values nulled). */
export function blankBelowK<T>(items: readonly T[], k: number, countOf: (item: T) => number, blank: (item: T) => T): T[] {
  checkK(k);
  return items.map((item) => (countOf(item) >= k ? item : blank(item)));
}

/** The k to apply, or null when the output is not public. */
export function publicK(options: PrivacyOptions | undefined): number | null {
  if (!options?.public) return null;
  const k = options.k ?? DEFAULT_K;
  checkK(k);
  return k;
}

// Disclosure control for anything published (DESIGN.md, "Rules that hold everywhere"). A public
// count is rounded to the nearest multiple of a base (default 5), and a cell, zone, category or
// month whose rounded count is below k (default 5) is not shown. Rounding blurs what one added or
// removed report changes, so a resident cannot learn other people's exact counts by topping a
// hidden zone up with reports of their own or by differencing two publications; everything derived
// for the public (rates, ranks, shares, classes) is computed from the published figures of the
// published items only, so a hidden item cannot be solved for from what is shown. Staff views keep
// exact figures: these rules apply only when an output is asked for as public.
import { DEFAULT_K, DEFAULT_ROUNDING_BASE, type PrivacyOptions } from './types';

export interface DisclosureRule {
  k: number;
  base: number;
}

function checkPositiveInteger(name: string, v: number): void {
  if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be a positive integer, got ${v}`);
}

/** The rule to apply, or null when the output is not public. */
export function disclosureRule(options: PrivacyOptions | undefined): DisclosureRule | null {
  if (!options?.public) return null;
  const k = options.k ?? DEFAULT_K;
  const base = options.base ?? DEFAULT_ROUNDING_BASE;
  checkPositiveInteger('k', k);
  checkPositiveInteger('base', base);
  return { k, base };
}

/** The nearest multiple of `base` (halves round up); a non-finite or negative count is 0. */
export function roundToBase(n: number, base: number): number {
  checkPositiveInteger('base', base);
  if (!(n > 0) || !Number.isFinite(n)) return 0;
  return Math.floor(n / base + 0.5) * base;
}

/** The count as published: rounded, or null (suppressed) when the rounded count is below k. */
export function publishedCount(n: number, rule: DisclosureRule): number | null {
  const r = roundToBase(n, rule.base);
  return r >= rule.k ? r : null;
}

/**
 * The items that may be published, each with its published count, in the input order. Anything the
 * caller derives for the public (shares, rates, ranks) must be computed from these alone.
 */
export function publishItems<T>(items: readonly T[], rule: DisclosureRule, countOf: (item: T) => number): { item: T; count: number }[] {
  const out: { item: T; count: number }[] = [];
  for (const item of items) {
    const count = publishedCount(countOf(item), rule);
    if (count !== null) out.push({ item, count });
  }
  return out;
}

/** The k to apply, or null when the output is not public. */
export function publicK(options: PrivacyOptions | undefined): number | null {
  return disclosureRule(options)?.k ?? null;
}

/** Drop the items with fewer than k signals (exact counts; prefer publishItems for public output). */
export function suppressBelowK<T>(items: readonly T[], k: number, countOf: (item: T) => number): T[] {
  checkPositiveInteger('k', k);
  return items.filter((item) => countOf(item) >= k);
}

/** Keep every item but replace those with fewer than k signals by `blank(item)` (e.g. values nulled). */
export function blankBelowK<T>(items: readonly T[], k: number, countOf: (item: T) => number, blank: (item: T) => T): T[] {
  checkPositiveInteger('k', k);
  return items.map((item) => (countOf(item) >= k ? item : blank(item)));
}

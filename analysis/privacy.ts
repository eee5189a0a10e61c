// Disclosure control for anything published (DESIGN.md, "Rules that hold everywhere"). A public
// count is rounded to the nearest multiple of a base (default 5), and a cell, zone, category or
// month whose rounded count is below k (default 5) is not shown. Rounding blurs what one added or
// removed report changes, so a resident cannot learn other people's exact counts by topping a
// hidden zone up with reports of their own or by differencing two publications; everything derived
// for the public (rates, ranks, shares, classes) is computed from the published figures of the
// published items only, so a hidden item cannot be solved for from what is shown. Staff views keep
// exact figures: these rules apply only when an output is asked for as public. Where each record
// can carry a secret key (the residents' public summary), a count is first shifted by a small
// amount drawn from its cell key (the cell-key method, at the end of this file), so that rounding
// no longer steps at a count an attacker can predict; elsewhere publishedCount applies as is.
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

// ---------------------------------------------------------------------------------------------
// Cell-key perturbation (the ABS / ONS "cell key method") for outputs whose records can be keyed.
//
// Why: rounding alone is deterministic. An attacker who adds one report per refresh window to a
// zone and watches for the window in which its figure first steps learns the zone's count of
// other people's reports. Here every counted record carries a secret pseudo-random key in [0, 1);
// a cell's key is the fractional part of the sum of its records' keys, and a small integer d,
// read off the cell key through PERTURBATION_TABLE, is added to the count before it is rounded.
// The same set of records always has the same cell key, so an unchanged cell shows the same figure
// in every window (nothing to average away), while one more record moves the key to a value the
// public cannot predict, and so the figure no longer steps at a predictable count.
//
// Record keys: key(r) = P(r mod p) / p, with P a polynomial of degree RECORD_KEY_COEFFICIENTS − 1
// over the integers modulo the prime p = 2^31 − 1, whose coefficients are the secret. Random
// coefficients make the keys of any RECORD_KEY_COEFFICIENTS distinct records independent and
// uniform (a k-wise independent family), and it can be evaluated in SQLite's 64-bit integer
// arithmetic (every product stays below 2^62), so the database sums the keys of a million
// reports without sending them to the app. It is not a cryptographic PRF; it need not be one: the
// public never sees a key, only a rounded count shifted by a 5-valued function of a sum of keys.
// ---------------------------------------------------------------------------------------------

/** The prime modulus of record keys, 2^31 − 1: keys are integers in [0, p), read as fractions of p. */
export const RECORD_KEY_PRIME = 2_147_483_647;
/** Secret coefficients per diagnosis: the keys of any 6 distinct records are independent. */
export const RECORD_KEY_COEFFICIENTS = 6;

/**
 * The perturbation table: d and its probability (the share of [0, 1) of cell keys that gives it).
 * Symmetric, so the published figures are unbiased for counts of 3 and more (below, clamping at 0
 * and suppression hide the figure anyway); mode 0, so 40 % of figures are the plain rounding; ±2
 * at most, so a published figure is within base/2 + 2 of the count (rms error 1.79 against 1.41
 * for rounding alone). Against the topping-up-by-one attack (summary.routes.ts) over 10 windows
 * the attacker's best guess of the others' count is right 71 % of the time instead of always
 * (50 % if they stop at the first step). Any table only slows that attack, since each added report
 * redraws d and the attacker averages the draws; a wider one slows it more at a cost in accuracy
 * (privacy.test.ts measures both): d uniform on −6..6 gives 47 % over 10 windows at rms 4.0.
 */
export const PERTURBATION_TABLE: readonly { d: number; p: number }[] = [
  { d: -2, p: 0.1 },
  { d: -1, p: 0.2 },
  { d: 0, p: 0.4 },
  { d: 1, p: 0.2 },
  { d: 2, p: 0.1 },
];

/** (a · b) mod p for 0 ≤ a, b < p, exact in doubles (split in 16-bit halves: every term < 2^53). */
function mulMod(a: number, b: number): number {
  const hi = Math.floor(a / 65536);
  const lo = a % 65536;
  return (((hi * b) % RECORD_KEY_PRIME) * 65536 + lo * b) % RECORD_KEY_PRIME;
}

function checkSecret(secret: readonly number[]): void {
  if (secret.length !== RECORD_KEY_COEFFICIENTS || secret.some((c) => !Number.isInteger(c) || c < 0 || c >= RECORD_KEY_PRIME))
    throw new RangeError(`a record-key secret is ${RECORD_KEY_COEFFICIENTS} integers in [0, ${RECORD_KEY_PRIME})`);
}

/**
 * A record's key as an integer in [0, p): Horner's rule on the secret coefficients, highest first,
 * at r mod p. The SQL of summary.routes.ts computes the same integer (tested there).
 */
export function recordKeyInt(rowid: number, secret: readonly number[]): number {
  checkSecret(secret);
  if (!Number.isSafeInteger(rowid) || rowid < 0) throw new RangeError(`a record id is a non-negative integer, got ${rowid}`);
  const r = rowid % RECORD_KEY_PRIME;
  let acc = secret[secret.length - 1];
  for (let i = secret.length - 2; i >= 0; i--) acc = (mulMod(acc, r) + secret[i]) % RECORD_KEY_PRIME;
  return acc;
}

/** The cell key, in [0, 1), of a cell whose records' integer keys sum to `keySum` (any non-negative integer mod p). */
export function cellKeyOf(keySum: number): number {
  if (!Number.isSafeInteger(keySum) || keySum < 0) throw new RangeError(`a key sum is a non-negative integer, got ${keySum}`);
  return (keySum % RECORD_KEY_PRIME) / RECORD_KEY_PRIME;
}

/** The cell key of a set of records: the fractional part of the sum of their keys. */
export function cellKey(rowids: Iterable<number>, secret: readonly number[]): number {
  let sum = 0;
  for (const r of rowids) sum = (sum + recordKeyInt(r, secret)) % RECORD_KEY_PRIME;
  return cellKeyOf(sum);
}

/** The perturbation d for a cell key in [0, 1): the table's entry whose share of [0, 1) holds it. */
export function perturbation(key: number, table: readonly { d: number; p: number }[] = PERTURBATION_TABLE): number {
  if (!(key >= 0 && key < 1)) throw new RangeError(`a cell key is in [0, 1), got ${key}`);
  let upper = 0;
  for (const { d, p } of table) {
    upper += p;
    if (key < upper) return d;
  }
  return table[table.length - 1].d;
}

/**
 * The count as published with a cell key: n + d (d from the table; at least 0), then rounded and
 * suppressed as publishedCount. An empty cell stays empty (nothing to key, nothing to show).
 */
export function perturbedPublishedCount(
  n: number,
  key: number,
  rule: DisclosureRule,
  table: readonly { d: number; p: number }[] = PERTURBATION_TABLE,
): number | null {
  if (!(n > 0)) return null;
  return publishedCount(Math.max(0, n + perturbation(key, table)), rule);
}

/** publishItems with a cell key per item: the published items, perturbed, in the input order. */
export function publishPerturbedItems<T>(
  items: readonly T[],
  rule: DisclosureRule,
  countOf: (item: T) => number,
  keyOf: (item: T) => number,
): { item: T; count: number }[] {
  const out: { item: T; count: number }[] = [];
  for (const item of items) {
    const count = perturbedPublishedCount(countOf(item), keyOf(item), rule);
    if (count !== null) out.push({ item, count });
  }
  return out;
}

// Two-sample tests for before/after comparisons: counts as Poisson rates, scores as means (paired
// when the same institutions answered both waves, Welch otherwise).
import { mean, sampleVariance } from './descriptive';
import { binomialTwoSidedP, tTwoSidedP } from './stats';

export interface RateObservation {
  count: number;
  /** Exposure the count accrued over (e.g. months × thousands of residents); > 0. */
  exposure: number;
}

export type RateTest =
  | { method: string; p: number; significant: boolean }
  | { method: string; status: 'insufficient'; reason: string };

export interface RateComparison {
  before: RateObservation & { rate: number };
  after: RateObservation & { rate: number };
  change: number;
  /** after rate / before rate; null when the before rate is 0. */
  rateRatio: number | null;
  direction: 'increase' | 'decrease' | 'stable';
  test: RateTest;
}

export interface RateTestOptions {
  alpha?: number;
  /** Below this many events in both waves together the test says "insufficient". Default 10. */
  minTotal?: number;
}

/**
 * Compare two Poisson rates by the conditional test. Null hypothesis: the two rates are equal, so
 * that given n = c1 + c2 events, c2 is Binomial(n, e2 / (e1 + e2)) (R's poisson.test with two
 * samples). Exact two-sided p at every size: the binomial test costs O(log n) (stats.ts), so there
 * is no normal approximation, not even at a million events.
 * Fewer than `minTotal` (10) events: "insufficient" — an exact p exists but says too little.
 */
export function comparePoissonRates(before: RateObservation, after: RateObservation, options: RateTestOptions = {}): RateComparison {
  const alpha = options.alpha ?? 0.05;
  const minTotal = options.minTotal ?? 10;
  for (const o of [before, after]) {
    if (!(o.exposure > 0)) throw new RangeError(`exposure must be positive, got ${o.exposure}`);
    if (!(Number.isFinite(o.count) && o.count >= 0)) throw new RangeError(`count must be a non-negative number, got ${o.count}`);
  }
  const r1 = before.count / before.exposure;
  const r2 = after.count / after.exposure;
  const n = before.count + after.count;
  let test: RateTest;
  if (n < minTotal) {
    test = { method: 'conditional binomial', status: 'insufficient', reason: `${n} events in both waves, fewer than ${minTotal}` };
  } else {
    const p0 = after.exposure / (before.exposure + after.exposure);
    const p = binomialTwoSidedP(Math.round(after.count), Math.round(n), p0);
    test = { method: 'exact conditional binomial', p, significant: p < alpha };
  }
  return {
    before: { ...before, rate: r1 },
    after: { ...after, rate: r2 },
    change: after.count - before.count,
    rateRatio: r1 > 0 ? r2 / r1 : null,
    direction: r2 > r1 ? 'increase' : r2 < r1 ? 'decrease' : 'stable',
    test,
  };
}

export interface WelchResult {
  t: number;
  df: number;
  p: number;
}

/**
 * Paired t-test on the differences after − before of the same units (R's t.test(after, before,
 * paired = TRUE)). Null hypothesis: the mean difference is 0. Null when it cannot be computed:
 * fewer than 2 pairs, or every difference the same.
 */
export function pairedTTest(before: readonly number[], after: readonly number[]): WelchResult | null {
  if (before.length !== after.length) throw new RangeError(`paired samples must have the same length, got ${before.length} and ${after.length}`);
  const n = before.length;
  if (n < 2) return null;
  const d = after.map((a, i) => a - before[i]);
  const v = sampleVariance(d) / n;
  if (!(v > 0)) return null;
  const t = mean(d) / Math.sqrt(v);
  return { t, df: n - 1, p: tTwoSidedP(t, n - 1) };
}

/**
 * Welch's t-test (unequal variances, Welch–Satterthwaite df). Null when it cannot be computed:
 * fewer than 2 values on a side, or no variance on either side.
 */
export function welchTTest(before: readonly number[], after: readonly number[]): WelchResult | null {
  const n1 = before.length;
  const n2 = after.length;
  if (n1 < 2 || n2 < 2) return null;
  const v1 = sampleVariance(before) / n1;
  const v2 = sampleVariance(after) / n2;
  if (!(v1 + v2 > 0)) return null;
  const t = (mean(after) - mean(before)) / Math.sqrt(v1 + v2);
  const df = (v1 + v2) ** 2 / (v1 ** 2 / (n1 - 1) + v2 ** 2 / (n2 - 1));
  return { t, df, p: tTwoSidedP(t, df) };
}

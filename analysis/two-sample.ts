// Two-sample tests for before/after comparisons: counts as Poisson rates, scores as means.
import { mean, sampleVariance } from './descriptive';
import { binomialTwoSidedP, normalTwoSidedP, tTwoSidedP } from './stats';

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

/** Above this many events the exact test's O(n) sum is replaced by its normal approximation. */
const EXACT_LIMIT = 100_000;

/**
 * Compare two Poisson rates by the conditional test: given n = c1 + c2 events, c2 is
 * Binomial(n, e2 / (e1 + e2)) when the rates are equal (R's poisson.test with two samples).
 * Exact two-sided p up to 100,000 events, normal approximation with continuity correction above.
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
    let p: number;
    let method: string;
    const c2 = Math.round(after.count);
    const total = Math.round(n);
    if (total <= EXACT_LIMIT) {
      p = binomialTwoSidedP(c2, total, p0);
      method = 'exact conditional binomial';
    } else {
      const sd = Math.sqrt(total * p0 * (1 - p0));
      const d = Math.max(0, Math.abs(c2 - total * p0) - 0.5);
      p = normalTwoSidedP(d / sd);
      method = 'conditional binomial, normal approximation';
    }
    test = { method, p, significant: p < alpha };
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

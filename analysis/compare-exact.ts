// Exact two-sided beta-binomial test at any size: the conditional binomial test of a zone's share
// (stats.ts's binomialTwoSidedP, R's binom.test) widened for extra-binomial variation, used by the
// wave comparison when zones vary more between waves than Poisson counts would.
//
// Two-sided p follows R's binom.test: the total probability of every outcome no more likely than
// the observed one, with a relative tolerance of 1e-7 so that numerically equal probabilities count
// as ties. Probabilities are walked outward from the mode by the ratio of consecutive terms (one
// logarithm a step, no log-gamma), in log space relative to the mode, and the walk stops where the
// terms fall below e^-60 of both the mode and the observed term: they cannot change the sums. The
// cost is therefore a few times the standard deviation, not n: about 11,000 steps at n = 10^6
// (measured in compare-exact.test.ts), and never more than n + 1. No normal approximation anywhere.

import { binomialTwoSidedP } from './stats';

const REL_TOL = Math.log1p(1e-7);
/** Terms this far (in log) below both the mode and the observed term are negligible (e^-60). */
const NEGLIGIBLE = 60;

/**
 * Two-sided p of an observed count k on 0..n from a unimodal pmf given by its log-ratios
 * lr(j) = log(pmf(j + 1) / pmf(j)), whose mode is at `mode`. When `unimodal` is false every term
 * is walked (a U- or J-shaped beta-binomial), from 0 upwards.
 */
function twoSidedFromRatios(k: number, n: number, lr: (j: number) => number, mode: number, unimodal: boolean): number {
  if (!unimodal) {
    const lp = new Float64Array(n + 1);
    let max = 0;
    for (let j = 0; j < n; j++) {
      lp[j + 1] = lp[j] + lr(j);
      if (lp[j + 1] > max) max = lp[j + 1];
    }
    const bound = lp[k] + REL_TOL;
    let total = 0;
    let tail = 0;
    for (let j = 0; j <= n; j++) {
      const e = Math.exp(lp[j] - max);
      total += e;
      if (lp[j] <= bound) tail += e;
    }
    return Math.min(1, tail / total);
  }
  // Walk the side of the observed count first, so that its log-probability is known before the
  // other side's stopping rule needs it. Everything is relative to the mode (lp = 0 there).
  const up = k >= mode;
  let lobs = 0;
  let total = 1;
  // The observed term and the mode itself: the mode is included only if it is no more likely than
  // the observed one, i.e. when k is a mode (lobs = 0) too.
  let tailScaled = 0; // sum of exp(lp - lobs) over the included terms
  const pending: number[] = []; // terms between the mode and k (inclusive of k), known before lobs
  let lp = 0;
  if (k === mode) {
    lobs = 0;
  } else if (up) {
    for (let j = mode; j < k; j++) {
      lp += lr(j);
      pending.push(lp);
    }
    lobs = lp;
  } else {
    for (let j = mode; j > k; j--) {
      lp -= lr(j - 1);
      pending.push(lp);
    }
    lobs = lp;
  }
  const bound = lobs + REL_TOL;
  const floor = Math.min(lobs, 0) - NEGLIGIBLE;
  if (0 <= bound) tailScaled += Math.exp(-lobs); // the mode
  for (const v of pending) {
    total += Math.exp(v);
    if (v <= bound) tailScaled += Math.exp(v - lobs);
  }
  // Beyond k on its own side: every term is below the observed one (unimodal), all included.
  lp = lobs;
  if (up) {
    for (let j = k; j < n && lp > floor; j++) {
      lp += lr(j);
      total += Math.exp(lp);
      tailScaled += Math.exp(lp - lobs);
    }
  } else {
    for (let j = k; j > 0 && lp > floor; j--) {
      lp -= lr(j - 1);
      total += Math.exp(lp);
      tailScaled += Math.exp(lp - lobs);
    }
  }
  // The other side of the mode: included once its terms drop to the observed one's level.
  lp = 0;
  if (up) {
    for (let j = mode; j > 0 && lp > floor; j--) {
      lp -= lr(j - 1);
      total += Math.exp(lp);
      if (lp <= bound) tailScaled += Math.exp(lp - lobs);
    }
  } else {
    for (let j = mode; j < n && lp > floor; j++) {
      lp += lr(j);
      total += Math.exp(lp);
      if (lp <= bound) tailScaled += Math.exp(lp - lobs);
    }
  }
  // p = exp(lobs) * tailScaled / total, in logs so that a far tail does not underflow early.
  const p = Math.exp(lobs + Math.log(tailScaled) - Math.log(total));
  return Math.min(1, p);
}

/** The mode of a pmf near a first guess, found by following the ratios (a few steps at most). */
function modeNear(guess: number, n: number, lr: (j: number) => number): number {
  let m = Math.max(0, Math.min(n, Math.round(guess)));
  while (m < n && lr(m) > 0) m++;
  while (m > 0 && lr(m - 1) < 0) m--;
  return m;
}

function checkCounts(k: number, n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(k) || k < 0 || k > n) throw new RangeError(`k must be an integer in 0..${n}, got ${k}`);
}

/**
 * Exact two-sided test of k out of n under a beta-binomial with mean share `p` and intra-class
 * correlation `rho` (variance n p (1 - p) (1 + (n - 1) rho)); rho = 0 is the binomial. Null
 * hypothesis: K | n ~ BetaBinomial(n, alpha = p (1 - rho) / rho, beta = (1 - p) (1 - rho) / rho).
 */
export function exactBetaBinomialTwoSidedP(k: number, n: number, p: number, rho: number): number {
  if (!(rho >= 0 && rho < 1)) throw new RangeError(`rho must be in [0, 1), got ${rho}`);
  checkCounts(k, n);
  if (rho === 0 || p === 0 || p === 1) return binomialTwoSidedP(k, n, p);
  if (!(p > 0 && p < 1)) throw new RangeError(`p must be in [0, 1], got ${p}`);
  if (n === 0) return 1;
  const a = (p * (1 - rho)) / rho;
  const b = ((1 - p) * (1 - rho)) / rho;
  // pmf(j + 1) / pmf(j) = (n - j)(j + a) / ((j + 1)(n - j - 1 + b))
  const lr = (j: number) => Math.log(((n - j) * (j + a)) / ((j + 1) * (n - j - 1 + b)));
  // Log-concave (hence unimodal) when both shapes are at least 1.
  const unimodal = a >= 1 && b >= 1;
  return twoSidedFromRatios(k, n, lr, unimodal ? modeNear(n * p, n, lr) : 0, unimodal);
}

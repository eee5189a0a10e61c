// The test behind every hotspot class: an exact conditional binomial test of each cell's window
// count against the territory-wide rate.
//
// Null hypothesis: given the N reports that fell in the analysed cells, each one fell in analysed
// cell j independently with probability a_j / A, where a_j is the territory's area in cell j and A
// the sum over analysed cells (uniform over the territory). A window of cells W then holds
// S ~ Binomial(N, Σ_{j∈W} a_j / A) reports. Interior windows are whole cells, so this is m/M of
// the issue; an edge cell that is half outside the territory expects half as much.
//
// One-sided tails come from the regularised incomplete beta: P(S ≥ s) = I_p(s, N − s + 1),
// P(S ≤ s) = I_{1−p}(N − s, s + 1); the two-sided p is min(1, 2 · min(tails)). Unlike the normal
// approximation of Gi* (which took z ≈ 10 for a lone report among empty cells), this is exact for
// any N, so no minimum number of signals is needed for validity. The direction of a finding is
// the tail that gave p: observed above or below N·p.
//
// Windows with the same null share (all interior windows) and the same count share one tail
// evaluation, so 100,000 cells cost a few hundred beta integrals, not 100,000.
import { binomialLowerTail, binomialUpperTail } from './stats';

/** P(S ≤ s) and P(S ≥ s) for S ~ Binomial(n, p); s, n may be non-integer (the beta extension). */
export function binomialTails(s: number, n: number, p: number): { lower: number; upper: number } {
  if (p <= 0) return { lower: 1, upper: s <= 0 ? 1 : 0 };
  if (p >= 1) return { lower: s >= n ? 1 : 0, upper: 1 };
  return { lower: binomialLowerTail(s, n, p), upper: binomialUpperTail(s, n, p) };
}

/** Two-sided exact binomial p as min(1, 2 · min tail), and the direction of the smaller tail. */
export function binomialTwoSided(s: number, n: number, p: number): { p: number; direction: -1 | 0 | 1 } {
  const { lower, upper } = binomialTails(s, n, p);
  const two = Math.min(1, 2 * Math.min(lower, upper));
  const expected = n * p;
  return { p: two, direction: s > expected ? 1 : s < expected ? -1 : 0 };
}

export interface WindowTest {
  /** Two-sided p per cell, NaN where the cell is not analysed (not a member of the family). */
  p: Float64Array;
  /** +1 above the null expectation, −1 below, 0 equal or not analysed. */
  direction: Int8Array;
  /** The null expectation of each window, N · share. */
  expected: Float64Array;
}

/**
 * Test every analysed cell's window count. `windowCounts` and `windowArea` are the window sums of
 * the counts and of the territory shares; `total` is N and `totalArea` is A.
 */
export function windowCountTests(
  windowCounts: ArrayLike<number>,
  windowArea: ArrayLike<number>,
  inside: ArrayLike<number>,
  total: number,
  totalArea: number,
): WindowTest {
  const n = windowCounts.length;
  const p = new Float64Array(n).fill(NaN);
  const direction = new Int8Array(n);
  const expected = new Float64Array(n);
  const cache = new Map<number, Map<number, number>>();
  for (let i = 0; i < n; i++) {
    if (!inside[i]) continue;
    const share = totalArea > 0 ? Math.min(1, windowArea[i] / totalArea) : 0;
    const s = windowCounts[i];
    const e = total * share;
    expected[i] = e;
    direction[i] = s > e ? 1 : s < e ? -1 : 0;
    let byCount = cache.get(share);
    if (!byCount) cache.set(share, (byCount = new Map()));
    let v = byCount.get(s);
    if (v === undefined) {
      v = total > 0 ? binomialTwoSided(s, total, share).p : 1;
      byCount.set(s, v);
    }
    p[i] = v;
  }
  return { p, direction, expected };
}

/**
 * The same test when only published counts are known (public output): each published count r
 * stands for a true count in [lo(r), hi(r)] (rounding to the base), a suppressed cell for one in
 * [0, the largest count that is suppressed], and N is known only as its rounded value. The p-value
 * takes the bound that makes it largest: P(S ≥ s) ≤ P(Binomial(N_hi, share) ≥ Σ lo) and
 * P(S ≤ s) ≤ P(Binomial(N_lo, share) ≤ Σ hi). So it is valid (conservative) under the same null,
 * whatever the hidden counts are, and it is a function of published figures alone.
 * Testing the rounded counts as if they were exact is not: on uniform maps of 1,000 signals every
 * map showed hot cells (isolated 3s published as 5s).
 */
export function boundedWindowTests(
  windowLow: ArrayLike<number>,
  windowHigh: ArrayLike<number>,
  windowArea: ArrayLike<number>,
  inside: ArrayLike<number>,
  totalLow: number,
  totalHigh: number,
  totalArea: number,
): WindowTest {
  const n = windowLow.length;
  const p = new Float64Array(n).fill(NaN);
  const direction = new Int8Array(n);
  const expected = new Float64Array(n);
  const upperCache = new Map<number, Map<number, number>>();
  const lowerCache = new Map<number, Map<number, number>>();
  const cached = (cache: Map<number, Map<number, number>>, share: number, s: number, f: () => number) => {
    let m = cache.get(share);
    if (!m) cache.set(share, (m = new Map()));
    let v = m.get(s);
    if (v === undefined) m.set(s, (v = f()));
    return v;
  };
  for (let i = 0; i < n; i++) {
    if (!inside[i]) continue;
    const share = totalArea > 0 ? Math.min(1, windowArea[i] / totalArea) : 0;
    expected[i] = ((totalLow + totalHigh) / 2) * share;
    const lo = windowLow[i];
    const hi = windowHigh[i];
    const upper = totalHigh > 0 ? cached(upperCache, share, lo, () => binomialTails(lo, totalHigh, share).upper) : 1;
    const lower = totalLow > 0 ? cached(lowerCache, share, hi, () => binomialTails(hi, totalLow, share).lower) : 1;
    p[i] = Math.min(1, 2 * Math.min(upper, lower));
    direction[i] = upper < lower ? 1 : lower < upper ? -1 : 0;
  }
  return { p, direction, expected };
}

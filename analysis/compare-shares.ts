// One family of a wave comparison (zones, or categories): has an item's share of its wave's
// reports changed between the two waves?
//
// Why shares and not rates: the number of residents who report moves with participation (a
// campaign, a news story, the season), and it moves the whole territory at once. A rate test per
// zone reads a 10-30 % swing in participation as a change in every zone; testing each zone against
// the rest of the territory, conditional on each wave's total, takes the whole-wave change out.
//
// Null hypothesis of each row: the item's share of the wave's reports is the same in both waves
// (its after/before ratio equals the rest of the territory's). Given the item's total n = before +
// after, its after count is then Binomial(n, pi0), pi0 = the rest's after share (with the item's
// own change of population, if any, as an offset); extra-binomial variation (zones differ from
// wave to wave more than Poisson counts would: a burst of reports after one incident) widens this
// to a beta-binomial with intra-class correlation rho, so that Var = n pi0 (1 - pi0)(1 + (n - 1) rho).
// rho is estimated by moments (Williams 1982) from the Pearson statistic of the items × waves
// independence model, leaving the tested item out (its own change cannot hide itself); rho = 0,
// the binomial, when the items vary no more than Poisson counts. The p-value is exact
// (compare-exact.ts). q-values are Benjamini-Hochberg over the family's tested rows; `change` is
// decided at q <= 0.05. Items with fewer than `minTotal` reports in both waves together are
// "insufficient" and stay out of the family.
import { benjaminiHochberg } from './fdr';
import { binomialTwoSidedP, tTwoSidedP } from './stats';

export interface ShareInput {
  key: string;
  before: number;
  after: number;
  /** The item's exposure weight in each wave (e.g. thousands of residents); default 1. Only its change matters to the test. */
  weightBefore?: number;
  weightAfter?: number;
}

export interface ShareFamilyOptions {
  /** Each wave's exposure in rate units (e.g. 30-day months); 0 = the filter does not overlap the wave. */
  exposureBefore: number;
  exposureAfter: number;
  /** Below this many reports in both waves together a row is "insufficient". Default 10. */
  minTotal?: number;
  /** FDR level at which `change` is decided. Default 0.05. */
  q?: number;
}

export type ChangeStatus = 'tested' | 'insufficient' | 'no-overlap';
export type Change = 'increase' | 'decrease' | 'none';

export interface ShareRow {
  key: string;
  before: { count: number; rate: number | null; share: number | null };
  after: { count: number; rate: number | null; share: number | null };
  /** after rate / before rate (descriptive: it includes any change in participation); null when undefined. */
  rateRatio: number | null;
  /** after share / before share: what the test is about. */
  shareRatio: number | null;
  /** After count expected under the null, given the item's total: n pi0. */
  expectedAfter: number | null;
  status: ChangeStatus;
  reason?: string;
  p: number | null;
  q: number | null;
  change: Change;
}

export interface FamilyDispersion {
  /** Intra-class correlation of the beta-binomial, estimated over the whole family (0 = binomial). */
  rho: number;
  /** Pearson X² / df of the items × waves independence model (φ; about 1 for Poisson counts). */
  phi: number | null;
  df: number;
  /** The moment estimate before truncation at 0 (below 0: less variation than Poisson, by chance). */
  rawRho: number;
}

export interface ShareFamily {
  rows: ShareRow[];
  dispersion: FamilyDispersion;
  tested: number;
  changed: number;
}

const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a / b) ? a / b : null);

/** Null after-share of each item: the odds theta * r_j with r_j its exposure ratio, theta fitted so that the items' expected after counts add up to `after`. */
function fitTheta(n: readonly number[], r: readonly number[], after: number): number {
  const total = n.reduce((a, b) => a + b, 0);
  if (r.every((x) => x === 1)) return after / (total - after);
  // Expected after count is increasing in log theta: bisection on it (60 steps, ample for doubles).
  const expected = (lt: number) => n.reduce((s, nj, j) => s + nj / (1 + Math.exp(-(lt + Math.log(r[j])))), 0);
  let lo = -50;
  let hi = 50;
  for (let it = 0; it < 100; it++) {
    const mid = (lo + hi) / 2;
    if (expected(mid) < after) lo = mid;
    else hi = mid;
  }
  return Math.exp((lo + hi) / 2);
}

const shareOf = (theta: number, r: number) => (theta * r) / (theta * r + 1);

/**
 * Moment estimate of rho over the given items (Williams 1982): Pearson X² of the independence
 * model has expectation about sum (1 − h_j)(1 + (n_j − 1) rho), h_j the item's leverage.
 */
function estimateDispersion(n: readonly number[], a: readonly number[], r: readonly number[]): FamilyDispersion {
  const idx = n.map((_, j) => j).filter((j) => n[j] > 0);
  const df = idx.length - 1;
  const N = idx.reduce((s, j) => s + n[j], 0);
  const A = idx.reduce((s, j) => s + a[j], 0);
  if (df < 1 || A <= 0 || A >= N) return { rho: 0, rawRho: 0, phi: null, df: Math.max(0, df) };
  const theta = fitTheta(idx.map((j) => n[j]), idx.map((j) => r[j]), A);
  const v = idx.map((j) => {
    const pi = shareOf(theta, r[j]);
    return n[j] * pi * (1 - pi);
  });
  const V = v.reduce((s, x) => s + x, 0);
  let x2 = 0;
  let base = 0;
  let slope = 0;
  idx.forEach((j, t) => {
    const pi = shareOf(theta, r[j]);
    x2 += (a[j] - n[j] * pi) ** 2 / v[t];
    const h = v[t] / V;
    base += 1 - h;
    slope += (1 - h) * (n[j] - 1);
  });
  const raw = slope > 0 ? Math.min(0.99, (x2 - base) / slope) : 0;
  return { rho: Math.max(0, raw), rawRho: raw, phi: x2 / df, df };
}

/**
 * p of item i: the larger of (1) the exact binomial test of its after count given its total
 * (valid for small counts, no dispersion) and (2) the quasi-likelihood test of the same residual
 * scaled by the estimated dispersion and by the noise of the rest's share, against Student's t
 * with the dispersion's degrees of freedom (the dispersion is estimated from few items: a normal
 * reference would be too liberal). The larger of two p-values of which one is valid is valid.
 */
function shareTestP(ai: number, ni: number, pi0: number, d: FamilyDispersion, restVar: (D: (m: number) => number) => number, restN: number): number {
  const exact = binomialTwoSidedP(ai, ni, pi0);
  if (d.df < 1) return exact;
  // The untruncated estimate, as quasi-likelihood's t reference assumes (a variance of at least a
  // fifth of the binomial's keeps the statistic finite); where it falls below the binomial, the
  // exact binomial p is the larger one and is taken.
  const D = (m: number) => Math.max(0.2, 1 + (m - 1) * d.rawRho);
  // Var(a_i − n_i pi0) = Var(a_i | n_i) + n_i² Var(pi0), pi0 being the rest's share.
  const v = ni * pi0 * (1 - pi0) * D(ni) + (ni * ni * restVar(D)) / (restN * restN);
  const t = (ai - ni * pi0) / Math.sqrt(v);
  return Math.max(exact, tTwoSidedP(t, d.df));
}

/**
 * Leave-one-out pieces when no item's exposure changed (r = 1 everywhere, the usual case): the
 * same quantities as fitTheta and estimateDispersion over the other items, from family sums in
 * O(1) per item instead of O(items).
 */
function sumsLeaveOneOut(n: readonly number[], a: readonly number[]) {
  let N = 0;
  let A = 0;
  let m = 0;
  let aa = 0; // sum a² / n
  let nn = 0; // sum n²
  let top1 = 0;
  let top2 = 0;
  for (let j = 0; j < n.length; j++) {
    if (n[j] <= 0) continue;
    N += n[j];
    A += a[j];
    m++;
    aa += (a[j] * a[j]) / n[j];
    nn += n[j] * n[j];
    if (n[j] >= top1) [top1, top2] = [n[j], top1];
    else if (n[j] > top2) top2 = n[j];
  }
  return (i: number) => {
    const own = n[i] > 0;
    const Np = N - n[i];
    const Ap = A - a[i];
    const mp = m - (own ? 1 : 0);
    const pi = Ap / Np;
    const df = mp - 1;
    const nnp = nn - n[i] * n[i];
    let d: FamilyDispersion;
    if (df < 1 || Ap <= 0 || Ap >= Np) d = { rho: 0, rawRho: 0, phi: null, df: Math.max(0, df) };
    else {
      const aap = aa - (own ? (a[i] * a[i]) / n[i] : 0);
      const x2 = Math.max(0, (aap - 2 * pi * Ap + pi * pi * Np) / (pi * (1 - pi)));
      const slope = Np - mp - nnp / Np + 1;
      const raw = slope > 0 ? Math.min(0.99, (x2 - (mp - 1)) / slope) : 0;
      d = { rho: Math.max(0, raw), rawRho: raw, phi: x2 / df, df };
    }
    const maxOther = own && n[i] === top1 ? top2 : top1;
    const restVar = (D: (m: number) => number) => {
      // Closed form unless the floor of D bites (a negative estimate and a large item).
      if (1 + (maxOther - 1) * d.rawRho >= 0.2) return pi * (1 - pi) * (Np + d.rawRho * (nnp - Np));
      let v = 0;
      for (let j = 0; j < n.length; j++) if (j !== i && n[j] > 0) v += n[j] * pi * (1 - pi) * D(n[j]);
      return v;
    };
    return { pi0: pi, d, restVar, restN: Np };
  };
}

/** Tests every item of one family; see the file's head for the method. */
export function compareShares(items: readonly ShareInput[], options: ShareFamilyOptions): ShareFamily {
  const minTotal = options.minTotal ?? 10;
  const qLevel = options.q ?? 0.05;
  for (const it of items) {
    for (const [name, v] of [['before', it.before], ['after', it.after]] as const) {
      if (!(Number.isInteger(v) && v >= 0)) throw new RangeError(`${it.key}: ${name} must be a non-negative integer count, got ${v}`);
    }
  }
  for (const e of [options.exposureBefore, options.exposureAfter]) if (!(e >= 0 && Number.isFinite(e))) throw new RangeError(`exposure must be a non-negative number, got ${e}`);
  const wb = items.map((it) => it.weightBefore ?? 1);
  const wa = items.map((it) => it.weightAfter ?? 1);
  const b = items.map((it) => it.before);
  const a = items.map((it) => it.after);
  const n = items.map((_, j) => a[j] + b[j]);
  const r = items.map((_, j) => (wb[j] > 0 && wa[j] > 0 ? wa[j] / wb[j] : 1));
  const B = b.reduce((s, x) => s + x, 0);
  const A = a.reduce((s, x) => s + x, 0);
  const noOverlap = !(options.exposureBefore > 0 && options.exposureAfter > 0);
  const fast = r.every((x) => x === 1) ? sumsLeaveOneOut(n, a) : null;
  const dispersion: FamilyDispersion = noOverlap ? { rho: 0, rawRho: 0, phi: null, df: 0 } : estimateDispersion(n, a, r);

  const rows: ShareRow[] = items.map((it, i) => {
    const rateB = options.exposureBefore > 0 && wb[i] > 0 ? b[i] / (options.exposureBefore * wb[i]) : null;
    const rateA = options.exposureAfter > 0 && wa[i] > 0 ? a[i] / (options.exposureAfter * wa[i]) : null;
    const shareB = B > 0 ? b[i] / B : null;
    const shareA = A > 0 ? a[i] / A : null;
    const row: ShareRow = {
      key: it.key,
      before: { count: b[i], rate: rateB, share: shareB },
      after: { count: a[i], rate: rateA, share: shareA },
      rateRatio: rateA !== null && rateB !== null ? ratio(rateA, rateB) : null,
      shareRatio: shareA !== null && shareB !== null ? ratio(shareA, shareB) : null,
      expectedAfter: null,
      status: 'insufficient',
      p: null,
      q: null,
      change: 'none',
    };
    if (noOverlap) return { ...row, status: 'no-overlap', reason: 'the filter does not overlap one of the waves' };
    if (n[i] < minTotal) return { ...row, reason: `${n[i]} reports in both waves, fewer than ${minTotal}` };
    const restA = A - a[i];
    const restB = B - b[i];
    if (restA <= 0 || restB <= 0) return { ...row, reason: 'the rest of the territory has no reports in one of the waves' };
    // Null share from the rest of the territory; dispersion from the other items.
    let pi0: number;
    let p: number;
    if (fast) {
      const l = fast(i);
      pi0 = l.pi0;
      p = shareTestP(a[i], n[i], pi0, l.d, l.restVar, l.restN);
    } else {
      const others = items.map((_, j) => j).filter((j) => j !== i);
      const theta = fitTheta(others.map((j) => n[j]), others.map((j) => r[j]), restA);
      pi0 = shareOf(theta, r[i]);
      const d = estimateDispersion(others.map((j) => n[j]), others.map((j) => a[j]), others.map((j) => r[j]));
      const D0 = others.filter((j) => n[j] > 0);
      const restVar = (D: (m: number) => number) => D0.reduce((v, j) => v + n[j] * shareOf(theta, r[j]) * (1 - shareOf(theta, r[j])) * D(n[j]), 0);
      p = shareTestP(a[i], n[i], pi0, d, restVar, D0.reduce((s, j) => s + n[j], 0));
    }
    return { ...row, expectedAfter: n[i] * pi0, status: 'tested', p };
  });

  const tested = rows.filter((row) => row.status === 'tested');
  const q = benjaminiHochberg(tested.map((row) => row.p as number));
  let changed = 0;
  tested.forEach((row, t) => {
    row.q = q[t];
    if (q[t] <= qLevel) {
      row.change = row.after.count > (row.expectedAfter as number) ? 'increase' : 'decrease';
      changed++;
    }
  });
  return { rows, dispersion, tested: tested.length, changed };
}

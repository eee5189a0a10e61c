// Probability distributions the methods test against: normal, Student t (Welch and paired t),
// binomial (the exact tests of counts: hotspot windows, two Poisson rates). No dependency: each
// follows the algorithm R uses (nmath's pt, dbinom_raw with Loader's saddle point, binom.test's
// two-sided rule), and analysis/fixtures/numerics.r.json pins them to R's own values.

const SQRT_PI = Math.sqrt(Math.PI);
const SQRT1_2 = Math.SQRT1_2;

/**
 * Complementary error function, relative error ~1e-13 or better for all x (checked against
 * scipy). A positive-term series for erf below 2.5 (no cancellation inside the sum; erfc = 1 - erf
 * loses at most ~3.5 digits there), and the Laplace continued fraction above, which converges fast
 * for large x and keeps full relative accuracy deep into the tail, where p-values live.
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 2.5) {
    // erf(x) = 2/sqrt(pi) * exp(-x^2) * sum_n (2x^2)^n x / (1*3*...*(2n+1))
    const x2 = 2 * x * x;
    let term = x;
    let sum = x;
    for (let n = 1; n < 200; n++) {
      term *= x2 / (2 * n + 1);
      sum += term;
      if (term < sum * 1e-17) break;
    }
    return 1 - (2 / SQRT_PI) * Math.exp(-x * x) * sum;
  }
  if (x > 27.3) return 0; // below the smallest double
  // erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))), modified Lentz.
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    const a = n / 2;
    d = x + a * d;
    d = d === 0 ? tiny : d;
    c = x + a / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / SQRT_PI / f;
}

/** P(Z > z) for a standard normal Z, accurate in the upper tail. */
export function normalSf(z: number): number {
  return 0.5 * erfc(z * SQRT1_2);
}

/** P(Z <= z) for a standard normal Z, accurate in the lower tail. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z * SQRT1_2);
}

/** Two-sided p-value of a standard normal statistic: P(|Z| >= |z|). NaN maps to 1 (no evidence). */
export function normalTwoSidedP(z: number): number {
  if (Number.isNaN(z)) return 1;
  return erfc(Math.abs(z) * SQRT1_2);
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7; relative error ~1e-15). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const y = x - 1;
  let a = LANCZOS[0];
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (y + i);
  const t = y + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * ln Γ(x) − Stirling's approximation, for x ≥ 10 (R's lgammacor): the asymptotic series, whose
 * terms at x = 10 are below 1e-17 by the seventh. Lets ln B(a, b) avoid differencing two huge
 * ln Γ values when a or b is large (at a million events they are ~1e7 and would lose 9 digits).
 */
function logGammaCorrection(x: number): number {
  const x2 = 1 / (x * x);
  return (1 / 12 - x2 * (1 / 360 - x2 * (1 / 1260 - x2 * (1 / 1680 - x2 * (1 / 1188 - x2 * (691 / 360360 - x2 / 156)))))) / x;
}

/** ln B(a, b) for a, b > 0, accurate when either is large (R's lbeta). */
export function logBeta(a: number, b: number): number {
  const p = Math.min(a, b);
  const q = Math.max(a, b);
  if (p >= 10) {
    const corr = logGammaCorrection(p) + logGammaCorrection(q) - logGammaCorrection(p + q);
    return -0.5 * Math.log(q) + LN_SQRT_2PI + corr + (p - 0.5) * Math.log(p / (p + q)) + q * Math.log1p(-p / (p + q));
  }
  if (q >= 10) {
    const corr = logGammaCorrection(q) - logGammaCorrection(p + q);
    return logGamma(p) + corr + p - p * Math.log(p + q) + (q - 0.5) * Math.log1p(-p / (p + q));
  }
  return logGamma(p) + logGamma(q) - logGamma(p + q);
}

/**
 * Deviance term x·ln(x/np) + np − x, without cancellation when x ≈ np (Loader 2000; R's bd0).
 */
function bd0(x: number, np: number): number {
  if (Math.abs(x - np) < 0.1 * (x + np)) {
    let v = (x - np) / (x + np);
    let s = (x - np) * v;
    let ej = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const s1 = s + ej / (2 * j + 1);
      if (s1 === s) return s1;
      s = s1;
    }
    return s;
  }
  return x * Math.log(x / np) + np - x;
}

/** ln n! − Stirling's ln n! (R's stirlerr), for n ≥ 0. */
function stirlingError(n: number): number {
  if (n <= 15) return logGamma(n + 1) - (n + 0.5) * Math.log(n) + n - LN_SQRT_2PI;
  return logGammaCorrection(n);
}

/**
 * ln of x^a (1−x)^b / B(a, b), the front factor of the incomplete beta, with y = 1 − x given
 * exactly by the caller. For large a and b it is Loader's saddle-point form (two deviance terms),
 * accurate where the plain form subtracts ln Γ values of a million.
 */
function logBetaFront(x: number, y: number, a: number, b: number): number {
  if (a >= 10 && b >= 10) {
    const n = a + b;
    const corr = logGammaCorrection(a) + logGammaCorrection(b) - logGammaCorrection(n);
    return -bd0(a, n * x) - bd0(b, n * y) + 0.5 * Math.log((a * b) / n) - LN_SQRT_2PI - corr;
  }
  // ln of a number near 1 through log1p of its (exact) complement: at a million events b·ln y
  // would otherwise carry b times the rounding of y.
  const lnX = x > 0.5 ? Math.log1p(-y) : Math.log(x);
  const lnY = y > 0.5 ? Math.log1p(-x) : Math.log(y);
  return a * lnX + b * lnY - logBeta(a, b);
}

/** Continued fraction of the incomplete beta (modified Lentz), given x and y = 1 − x. */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = Math.abs(d) < tiny ? tiny : d;
  d = 1 / d;
  let h = d;
  // Converges in O(sqrt(max(a, b))) steps; a million events need about a thousand.
  for (let m = 1; m < 20_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = 1 + aa / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = 1 + aa / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return h;
}

/**
 * Both tails of the regularised incomplete beta: lower = I_x(a, b), upper = 1 − I_x(a, b), each
 * computed directly (never as 1 minus the other when it is small), with y = 1 − x passed exactly
 * so that a tail near x = 1 keeps its digits.
 */
export function betaTails(x: number, a: number, b: number, y = 1 - x): { lower: number; upper: number } {
  if (x <= 0) return { lower: 0, upper: 1 };
  if (y <= 0) return { lower: 1, upper: 0 };
  const front = Math.exp(logBetaFront(x, y, a, b));
  // The fraction converges fast on the side of the mode; use the symmetry on the other side.
  if (x < (a + 1) / (a + b + 2)) {
    const lower = (front * betaContinuedFraction(x, a, b)) / a;
    return { lower, upper: 1 - lower };
  }
  const upper = (front * betaContinuedFraction(y, b, a)) / b;
  return { lower: 1 - upper, upper };
}

/** Regularised incomplete beta I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  return betaTails(x, a, b).lower;
}

/**
 * Two-sided p-value of Student's t with `df` (possibly fractional) degrees of freedom, as R's
 * 2 * pt(-|t|, df) (R ≥ 4: no normal approximation at large df): the tail through the incomplete
 * beta's complement when df > t², since the plain form loses digits at large df, where
 * df/(df + t²) is a hair below 1.
 */
export function tTwoSidedP(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return NaN;
  if (!Number.isFinite(t)) return 0;
  const x = Math.abs(t);
  const nx = 1 + (x / df) * x;
  if (nx > 1e100) {
    const lval = -0.5 * df * (2 * Math.log(x) - Math.log(df)) - logBeta(0.5 * df, 0.5) - Math.log(0.5 * df);
    return Math.exp(lval);
  }
  const x2 = x * x;
  if (df > x2) return betaTails(x2 / (df + x2), 0.5, df / 2, df / (df + x2)).upper;
  return betaTails(df / (df + x2), df / 2, 0.5, x2 / (df + x2)).lower;
}

/** ln P(X = k) for X ~ Binomial(n, p), by Loader's saddle point (R's dbinom_raw). */
export function binomialLogPmf(k: number, n: number, p: number, q = 1 - p): number {
  if (k < 0 || k > n) return -Infinity;
  if (p === 0) return k === 0 ? 0 : -Infinity;
  if (q === 0) return k === n ? 0 : -Infinity;
  if (k === 0) return n === 0 ? 0 : p < 0.1 ? -bd0(n, n * q) - n * p : n * Math.log(q);
  if (k === n) return q < 0.1 ? -bd0(n, n * p) - n * q : n * Math.log(p);
  const lc = stirlingError(n) - stirlingError(k) - stirlingError(n - k) - bd0(k, n * p) - bd0(n - k, n * q);
  const lf = Math.log(2 * Math.PI) + Math.log(k) + Math.log1p(-k / n);
  return lc - 0.5 * lf;
}

/** P(X ≥ k) for X ~ Binomial(n, p): I_p(k, n − k + 1). */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  return betaTails(p, k, n - k + 1).lower;
}

/** P(X ≤ k) for X ~ Binomial(n, p): I_{1−p}(n − k, k + 1). */
export function binomialLowerTail(k: number, n: number, p: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  return betaTails(1 - p, n - k, k + 1, p).lower;
}

/**
 * Exact two-sided binomial test with R's binom.test rule: the probability of every outcome no
 * more likely than the observed one (a relative tolerance of 1e-7 counts numerically equal
 * probabilities as ties). The outcomes on the far side of the mode are found by a binary search on
 * the pmf, which is monotone there, so the test costs O(log n) whatever the number of events.
 */
export function binomialTwoSidedP(k: number, n: number, p: number): number {
  if (n === 0) return 1;
  if (p === 0) return k === 0 ? 1 : 0;
  if (p === 1) return k === n ? 1 : 0;
  const relErr = 1 + 1e-7;
  const logD = binomialLogPmf(k, n, p);
  const m = n * p;
  if (k === m) return 1;
  const limit = logD + Math.log(relErr);
  if (k < m) {
    // Smallest i ≥ ceil(m) with pmf(i) ≤ d·(1+1e-7): the upper outcomes no more likely than k.
    let lo = Math.ceil(m);
    let hi = n + 1;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (binomialLogPmf(mid, n, p) <= limit) hi = mid;
      else lo = mid + 1;
    }
    return Math.min(1, binomialLowerTail(k, n, p) + binomialUpperTail(lo, n, p));
  }
  // Largest i ≤ floor(m) with pmf(i) ≤ d·(1+1e-7).
  let lo = -1;
  let hi = Math.floor(m);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (binomialLogPmf(mid, n, p) <= limit) lo = mid;
    else hi = mid - 1;
  }
  return Math.min(1, binomialLowerTail(lo, n, p) + binomialUpperTail(k, n, p));
}

// Empirical Bayes shrinkage of small-number rates (Poisson-gamma), and the seeded gamma sampler
// that draws from the posteriors. A zone with 20 residents and one report has a raw rate of 50 per
// 1,000, higher than any busy square; that figure says more about the 20 than about the zone. The
// model y_i ~ Poisson(e_i θ_i), θ_i ~ Gamma(shape α, rate β) pulls each raw rate y_i / e_i towards
// the territory rate by as much as its own exposure leaves it uncertain.
//
// Estimator: Marshall's (1991) global method of moments, as spdep's EBest(n, x) computes it:
//   m  = Σy / Σe                        (the prior mean: the territory rate)
//   s² = Σ e_i (r_i − m)² / Σe          (exposure-weighted variance of the raw rates)
//   A  = max(0, s² − m / ē), ē = Σe / n (the between-zone variance left after Poisson noise)
//   θ̂_i = m + A (r_i − m) / (A + m / e_i)
// which is the mean of the gamma posterior Gamma(α + y_i, β + e_i) with α = m² / A, β = m / A.
// When A = 0 the data show no variation beyond Poisson noise: every zone's estimate is m and the
// posterior is a point at m (the zones cannot be told apart on this component). The posterior
// treats m and A as known (the usual empirical Bayes simplification): intervals drawn from it are
// somewhat narrow when there are few zones.

export interface PoissonGammaFit {
  /** Prior mean m: the territory rate (events per unit of exposure). */
  mean: number;
  /** Between-zone variance A of the true rates (0: no variation beyond Poisson noise). */
  variance: number;
  /** Gamma prior shape α and rate β; null when A = 0 (the prior is a point at m) or m = 0. */
  shape: number | null;
  rate: number | null;
  zones: number;
}

export const EB_ESTIMATOR = 'Poisson-gamma empirical Bayes, Marshall (1991) global moments (spdep EBest)' as const;

/** Marshall's global moment estimates from counts and exposures (exposures > 0). */
export function poissonGammaFit(counts: ArrayLike<number>, exposures: ArrayLike<number>): PoissonGammaFit {
  const n = counts.length;
  if (exposures.length !== n) throw new RangeError('counts and exposures differ in length');
  let ySum = 0;
  let eSum = 0;
  for (let i = 0; i < n; i++) {
    if (!(exposures[i] > 0)) throw new RangeError(`exposure ${i} must be > 0`);
    if (!(counts[i] >= 0)) throw new RangeError(`count ${i} must be ≥ 0`);
    ySum += counts[i];
    eSum += exposures[i];
  }
  if (n === 0 || ySum === 0) return { mean: 0, variance: 0, shape: null, rate: null, zones: n };
  const m = ySum / eSum;
  let s2 = 0;
  for (let i = 0; i < n; i++) s2 += exposures[i] * (counts[i] / exposures[i] - m) ** 2;
  s2 /= eSum;
  const a = Math.max(0, s2 - m / (eSum / n));
  return a > 0 ? { mean: m, variance: a, shape: (m * m) / a, rate: m / a, zones: n } : { mean: m, variance: 0, shape: null, rate: null, zones: n };
}

/** The posterior mean of one zone's rate (Marshall's estimate). */
export function shrunkRate(count: number, exposure: number, fit: PoissonGammaFit): number {
  if (fit.variance === 0) return fit.mean;
  return fit.mean + (fit.variance * (count / exposure - fit.mean)) / (fit.variance + fit.mean / exposure);
}

/** Share of the raw rate kept (1 − shrinkage): A / (A + m / e). */
export function credibility(exposure: number, fit: PoissonGammaFit): number {
  return fit.variance === 0 ? 0 : fit.variance / (fit.variance + fit.mean / exposure);
}

/** A seeded source of uniform and standard normal draws. */
export interface Rng {
  uniform(): number;
  normal(): number;
}

/** mulberry32 (uniform in [0, 1)) and Marsaglia's polar normals: the same seed gives the same draws everywhere. */
class SeededRng implements Rng {
  private a: number;
  private spare = 0;
  private hasSpare = false;
  constructor(seed: number) {
    this.a = seed >>> 0;
  }
  uniform(): number {
    const a = (this.a = (this.a + 0x6d2b79f5) >>> 0);
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u: number;
    let v: number;
    let q: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      q = u * u + v * v;
    } while (q >= 1 || q === 0);
    const f = Math.sqrt((-2 * Math.log(q)) / q);
    this.spare = v * f;
    this.hasSpare = true;
    return u * f;
  }
}

export function seededRng(seed: number): Rng {
  return new SeededRng(seed);
}

/** One Gamma(shape, 1) draw: Marsaglia & Tsang (2000); shape < 1 by Gamma(shape + 1) · U^(1/shape). */
export function gammaDraw(shape: number, rng: Rng): number {
  if (!(shape > 0)) throw new RangeError(`gamma shape must be > 0, got ${shape}`);
  if (shape < 1) return gammaDraw(shape + 1, rng) * Math.pow(1 - rng.uniform(), 1 / shape);
  const d = shape - 1 / 3;
  return marsagliaTsang(d, 1 / Math.sqrt(9 * d), rng);
}

/**
 * One Gamma(shape, 1) draw for shape ≥ 1, with d = shape − 1/3 and c = 1/√(9d) given, so that a
 * caller drawing many times from the same shape (the rank intervals) computes them once.
 */
export function marsagliaTsang(d: number, c: number, rng: Rng): number {
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rng.uniform();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2 || Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** One draw of a zone's rate from its posterior Gamma(α + y, β + e) (the point m when A = 0). */
export function posteriorRateDraw(count: number, exposure: number, fit: PoissonGammaFit, rng: Rng): number {
  if (fit.shape === null || fit.rate === null) return fit.mean;
  return gammaDraw(fit.shape + count, rng) / (fit.rate + exposure);
}

/** One Poisson(λ) draw (inversion below 30, else the normal-gamma route via gammaDraw): for tests and simulations. */
export function poissonDraw(lambda: number, rng: Rng): number {
  if (!(lambda >= 0)) throw new RangeError(`Poisson mean must be ≥ 0, got ${lambda}`);
  if (lambda < 30) {
    const l = Math.exp(-lambda);
    let k = 0;
    let p = rng.uniform();
    while (p > l) {
      k++;
      p *= rng.uniform();
    }
    return k;
  }
  // Ahrens & Dieter's gamma split: the m-th arrival time of a unit Poisson process is Gamma(m).
  const m = Math.floor(0.875 * lambda);
  const g = gammaDraw(m, rng);
  if (g > lambda) return binomialDraw(m - 1, lambda / g, rng);
  return m + poissonDraw(lambda - g, rng);
}

function binomialDraw(n: number, p: number, rng: Rng): number {
  let k = 0;
  for (let i = 0; i < n; i++) if (rng.uniform() < p) k++;
  return k;
}

// Zone means of a 1–5 rating (residents' intensity) are small-number figures too: one report makes
// a zone's mean. The normal-normal analogue pulls each zone mean x̄_i of n_i ratings towards the
// territory mean μ = Σ n_i x̄_i / Σ n_i by B_i = τ² / (τ² + s² / n_i), where s² is the pooled
// within-zone variance and τ² = max(0, var(x̄) − mean(s² / n_i)) the between-zone variance (moments).
// The posterior of the zone's true mean is Normal(μ + B_i (x̄_i − μ), B_i s² / n_i).
export interface NormalMeansFit {
  mean: number;
  /** τ²: variance of the true zone means (0: no variation beyond sampling noise). */
  between: number;
  /** s²: pooled variance of single ratings within a zone. */
  within: number;
  zones: number;
}

/** SD of a 1–5 rating when no zone gives one: half the largest possible SD (2, all at 1 or 5). */
export const DEFAULT_RATING_SD = 1;

export function normalMeansFit(means: readonly number[], ns: readonly number[], within: number): NormalMeansFit {
  const k = means.length;
  let nSum = 0;
  let wSum = 0;
  for (let i = 0; i < k; i++) {
    nSum += ns[i];
    wSum += ns[i] * means[i];
  }
  if (k === 0 || nSum === 0) return { mean: NaN, between: 0, within, zones: 0 };
  const mu = wSum / nSum;
  if (k < 2) return { mean: mu, between: 0, within, zones: k };
  const avg = means.reduce((a, b) => a + b, 0) / k;
  const v = means.reduce((a, b) => a + (b - avg) ** 2, 0) / (k - 1);
  const noise = ns.reduce((a, n) => a + within / n, 0) / k;
  return { mean: mu, between: Math.max(0, v - noise), within, zones: k };
}

/** Posterior mean and SD of one zone's true mean rating. */
export function shrunkMean(mean: number, n: number, fit: NormalMeansFit): { mean: number; sd: number } {
  if (fit.between === 0) return { mean: fit.mean, sd: 0 };
  const noise = fit.within / n;
  const b = fit.between / (fit.between + noise);
  return { mean: fit.mean + b * (mean - fit.mean), sd: Math.sqrt(b * noise) };
}

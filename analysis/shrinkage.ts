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
  uniform: () => number;
  normal: () => number;
}

/** mulberry32 (uniform in [0, 1)) and Box–Muller: the same seed gives the same draws everywhere. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let spare = NaN;
  const normal = () => {
    if (!Number.isNaN(spare)) {
      const z = spare;
      spare = NaN;
      return z;
    }
    const r = Math.sqrt(-2 * Math.log(1 - uniform()));
    const t = 2 * Math.PI * uniform();
    spare = r * Math.sin(t);
    return r * Math.cos(t);
  };
  return { uniform, normal };
}

/** One Gamma(shape, 1) draw: Marsaglia & Tsang (2000); shape < 1 by Gamma(shape + 1) · U^(1/shape). */
export function gammaDraw(shape: number, rng: Rng): number {
  if (!(shape > 0)) throw new RangeError(`gamma shape must be > 0, got ${shape}`);
  if (shape < 1) return gammaDraw(shape + 1, rng) * Math.pow(1 - rng.uniform(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rng.uniform();
    if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
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

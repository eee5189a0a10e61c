// Descriptive statistics shared by the zone and questionnaire methods: means, spreads, quantiles,
// ranks and rank correlation. Plain arrays, no missing-value magic: callers drop what is missing.

export function mean(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** Sample variance (divisor n − 1); 0 for a single value. */
export function sampleVariance(xs: readonly number[]): number {
  const n = xs.length;
  if (n < 2) return n === 1 ? 0 : NaN;
  const m = mean(xs);
  let ss = 0;
  for (const x of xs) ss += (x - m) ** 2;
  return ss / (n - 1);
}

export function sampleSd(xs: readonly number[]): number {
  return Math.sqrt(sampleVariance(xs));
}

/** Quantile by linear interpolation between order statistics (R's default, type 7). */
export function quantile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return s[lo] + (h - lo) * (s[hi] - s[lo]);
}

export const median = (xs: readonly number[]) => quantile(xs, 0.5);

/** Ranks 1..n, smallest value = 1, ties get the average of the ranks they span. */
export function averageRanks(xs: readonly number[]): number[] {
  const order = xs.map((_, i) => i).sort((a, b) => xs[a] - xs[b]);
  const ranks = new Array<number>(xs.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && xs[order[j + 1]] === xs[order[i]]) j++;
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]] = r;
    i = j + 1;
  }
  return ranks;
}

/** Percentile rank in [0, 1]: (average rank − 1) / (n − 1); a single value gets 0.5. */
export function percentRanks(xs: readonly number[]): number[] {
  if (xs.length === 1) return [0.5];
  const r = averageRanks(xs);
  return r.map((v) => (v - 1) / (xs.length - 1));
}

export function pearson(a: readonly number[], b: readonly number[]): number {
  const ma = mean(a);
  const mb = mean(b);
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < a.length; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : NaN;
}

/** Spearman's rho: Pearson correlation of average ranks (handles ties like scipy.stats.spearmanr). */
export function spearman(a: readonly number[], b: readonly number[]): number {
  return pearson(averageRanks(a), averageRanks(b));
}

/** Competition ranks, highest value first (1, 2, 2, 4): the display rank of a league table. */
export function descendingRanks(xs: readonly number[]): number[] {
  return xs.map((x) => 1 + xs.filter((y) => y > x).length);
}

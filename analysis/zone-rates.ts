// The zone figures the composite index and the perception gap share: each source's counts as
// rates, stabilised by empirical Bayes (shrinkage.ts), the residents' mean intensity likewise,
// and "no data" kept apart from zero. A source with no event anywhere (not imported, or not
// selected) is no data for every zone, not a column of zeros: a zero column would rank nothing
// and only dilute the others.
import { DEFAULT_RATING_SD, normalMeansFit, poissonGammaFit, shrunkMean, shrunkRate, type NormalMeansFit, type PoissonGammaFit } from './shrinkage';

export interface RateColumn {
  /** null when the source has no data at all. */
  fit: PoissonGammaFit | null;
  /** Raw rate count / exposure; null where the zone has no data for the source. */
  raw: (number | null)[];
  /** The rate the methods score: the posterior mean (or the raw rate without shrinkage). */
  estimate: (number | null)[];
  counts: (number | null)[];
}

export function rateColumn(counts: readonly (number | null | undefined)[], exposures: readonly number[], shrink: boolean): RateColumn {
  const present = counts.map((c) => (c == null ? null : c));
  const idx = present.flatMap((c, i) => (c === null ? [] : [i]));
  const total = idx.reduce((a, i) => a + (present[i] as number), 0);
  if (idx.length === 0 || total === 0) {
    const none = present.map(() => null);
    return { fit: null, raw: none, estimate: none, counts: none };
  }
  const fit = poissonGammaFit(idx.map((i) => present[i] as number), idx.map((i) => exposures[i]));
  const raw = present.map((c, i) => (c === null ? null : c / exposures[i]));
  const estimate = present.map((c, i) => (c === null ? null : shrink ? shrunkRate(c, exposures[i], fit) : c / exposures[i]));
  return { fit, raw, estimate, counts: present };
}

export interface MeanColumn {
  fit: NormalMeansFit | null;
  raw: (number | null)[];
  estimate: (number | null)[];
  /** Posterior SD of each zone's mean (0 without shrinkage or with no between-zone variation). */
  sd: (number | null)[];
  n: number[];
}

/**
 * Residents' mean intensity per zone: null where the zone has no rated report. `sds` are the zones'
 * own SDs where known; they are pooled into one within-zone SD (else DEFAULT_RATING_SD).
 */
export function meanColumn(means: readonly (number | null | undefined)[], ns: readonly number[], sds: readonly (number | null | undefined)[], shrink: boolean): MeanColumn {
  const has = means.map((m, i) => m != null && ns[i] > 0);
  let ss = 0;
  let df = 0;
  sds.forEach((s, i) => {
    if (has[i] && s != null && Number.isFinite(s) && ns[i] > 1) {
      ss += (ns[i] - 1) * s * s;
      df += ns[i] - 1;
    }
  });
  const within = df > 0 && ss > 0 ? ss / df : DEFAULT_RATING_SD ** 2;
  const idx = has.flatMap((h, i) => (h ? [i] : []));
  if (idx.length === 0) {
    const none = means.map(() => null);
    return { fit: null, raw: none, estimate: none, sd: none, n: [...ns] };
  }
  const fit = normalMeansFit(idx.map((i) => means[i] as number), idx.map((i) => ns[i]), within);
  const raw = means.map((m, i) => (has[i] ? (m as number) : null));
  const post = means.map((m, i) => (has[i] ? (shrink ? shrunkMean(m as number, ns[i], fit) : { mean: m as number, sd: Math.sqrt(within / ns[i]) }) : null));
  return { fit, raw, estimate: post.map((p) => p?.mean ?? null), sd: post.map((p) => p?.sd ?? null), n: [...ns] };
}

// Institutions' questionnaire scores, dimension by dimension, before and after.
//
// Null hypothesis of each dimension: the mean score is the same in both waves. A follow-up wave
// invites the same institutions again, so most answers come in pairs; pairing removes the large
// differences between institutions (a prefecture and a school score differently whatever the
// year) and is far more powerful. Rule: when at least `minPairs` (5) institutions scored the
// dimension in both waves, a paired t-test on their differences (the others do not enter the
// test; their number is reported); otherwise Welch's t-test on every respondent of each wave (as
// if independent). Benjamini-Hochberg over the dimensions tested; `change` at q <= 0.05.
import { mean } from './descriptive';
import { benjaminiHochberg } from './fdr';
import type { Change } from './compare-shares';
import type { InstitutionScores } from './strengths';
import { pairedTTest, welchTTest } from './two-sample';

export interface DimensionChange {
  dimension: string;
  before: { n: number; mean: number | null };
  after: { n: number; mean: number | null };
  /** Mean after − mean before over every respondent. */
  difference: number | null;
  /** Institutions that scored the dimension in both waves. */
  pairs: number;
  test: 'paired t' | 'Welch t' | null;
  /** Mean of the paired differences (paired t) or the difference of means (Welch). */
  estimate: number | null;
  t: number | null;
  df: number | null;
  p: number | null;
  q: number | null;
  status: 'tested' | 'insufficient';
  change: Change;
}

export const MIN_PAIRS = 5;

function byDimension(rows: readonly InstitutionScores[] = []): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const r of rows) {
    for (const [d, v] of Object.entries(r.scores)) {
      if (typeof v !== 'number' || !Number.isFinite(v)) continue;
      if (!out.has(d)) out.set(d, new Map());
      out.get(d)!.set(r.institutionId, v);
    }
  }
  return out;
}

const meanOrNull = (xs: number[]) => (xs.length ? mean(xs) : null);

export function compareDimensions(before: readonly InstitutionScores[] = [], after: readonly InstitutionScores[] = [], options: { minPairs?: number; q?: number } = {}): DimensionChange[] {
  const minPairs = options.minPairs ?? MIN_PAIRS;
  const qLevel = options.q ?? 0.05;
  const db = byDimension(before);
  const da = byDimension(after);
  const rows: DimensionChange[] = [...new Set([...db.keys(), ...da.keys()])].sort().map((dimension) => {
    const b = db.get(dimension) ?? new Map<string, number>();
    const a = da.get(dimension) ?? new Map<string, number>();
    const paired = [...a.keys()].filter((id) => b.has(id));
    const bv = [...b.values()];
    const av = [...a.values()];
    const mb = meanOrNull(bv);
    const ma = meanOrNull(av);
    const base = { dimension, before: { n: bv.length, mean: mb }, after: { n: av.length, mean: ma }, difference: mb !== null && ma !== null ? ma - mb : null, pairs: paired.length };
    let test: DimensionChange['test'] = null;
    let r: { t: number; df: number; p: number } | null = null;
    let estimate: number | null = null;
    if (paired.length >= minPairs) {
      const pb = paired.map((id) => b.get(id)!);
      const pa = paired.map((id) => a.get(id)!);
      r = pairedTTest(pb, pa);
      test = 'paired t';
      estimate = mean(pa.map((x, i) => x - pb[i]));
    } else {
      r = welchTTest(bv, av);
      test = 'Welch t';
      estimate = base.difference;
    }
    if (!r) return { ...base, test: null, estimate: null, t: null, df: null, p: null, q: null, status: 'insufficient' as const, change: 'none' as const };
    return { ...base, test, estimate, t: r.t, df: r.df, p: r.p, q: null, status: 'tested' as const, change: 'none' as const };
  });
  const tested = rows.filter((r) => r.status === 'tested');
  const q = benjaminiHochberg(tested.map((r) => r.p as number));
  tested.forEach((r, i) => {
    r.q = q[i];
    if (q[i] <= qLevel) r.change = (r.estimate as number) > 0 ? 'increase' : 'decrease';
  });
  return rows;
}

// Benjamini–Hochberg false discovery rate: a hotspot map tests every cell at once, so the class of
// a cell is decided on its q-value, not on its raw p-value.

/**
 * BH q-values (adjusted p-values): q_(i) = min_{j >= i} min(1, p_(j) * m / j) over the p-values
 * sorted ascending. Monotone in p, capped at 1; ties share one q. A NaN p-value (no test was
 * possible) is not a member of the family: its q is NaN and m counts only the others, as R's
 * p.adjust does with NA (counting it as p = 1 would make every other q larger).
 * O(m log m) with a numeric typed-array sort and a binary search back, so 10^5..10^6 cells stay fast.
 */
export function benjaminiHochberg(p: ArrayLike<number>): Float64Array {
  const q = new Float64Array(p.length);
  let m = 0;
  for (let i = 0; i < p.length; i++) if (!Number.isNaN(p[i])) m++;
  if (m === 0) return q.fill(NaN, 0, p.length);
  const sorted = new Float64Array(m);
  for (let i = 0, j = 0; i < p.length; i++) if (!Number.isNaN(p[i])) sorted[j++] = p[i];
  sorted.sort();
  // Cumulative minimum from the largest p down; qs[i] is the q of the value sorted[i].
  const qs = new Float64Array(m);
  let running = 1;
  for (let i = m - 1; i >= 0; i--) {
    // p * (m / rank) rather than p * m / rank: the factor is >= 1, so rounding never puts q below p.
    const v = sorted[i] * (m / (i + 1));
    if (v < running) running = v;
    qs[i] = running;
  }
  for (let i = 0; i < p.length; i++) {
    const v = p[i];
    if (Number.isNaN(v)) {
      q[i] = NaN;
      continue;
    }
    // Any index holding v gives the same q (ties share the cumulative minimum); take the last one.
    let lo = 0;
    let hi = m - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (sorted[mid] <= v) lo = mid;
      else hi = mid - 1;
    }
    q[i] = qs[lo];
  }
  return q;
}

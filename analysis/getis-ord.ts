// Getis–Ord Gi* with binary distance-band weights, the focal unit included (R spdep
// localG(..., include.self()), esda G_Local(star=True, transform='B'), ArcGIS Hot Spot Analysis).
// For every unit i, with X̄ and S the mean and the standard deviation (divisor n) over all n units:
//   Gi* = (Σ_j w_ij x_j − X̄ Σ_j w_ij) / (S · sqrt((n Σ_j w_ij² − (Σ_j w_ij)²) / (n − 1)))
// which is already a z-score. With binary weights Σ w² = Σ w = the number of units within the band.
import KDBush from 'kdbush';

/** Mean and standard deviation with divisor n (the S of Getis and Ord), two-pass for stability. */
export function globalMoments(values: ArrayLike<number>): { n: number; mean: number; sd: number } {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = n ? sum / n : 0;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] - mean;
    ss += d * d;
  }
  return { n, mean, sd: n ? Math.sqrt(ss / n) : 0 };
}

/**
 * z of one unit from its window sum and neighbour count. Undefined cases give z = 0 (no evidence):
 * fewer than 2 units, all values equal (S = 0), or a window that holds every unit.
 */
function giStarZ(sumWX: number, sumW: number, n: number, mean: number, sd: number): number {
  const v = (n * sumW - sumW * sumW) / (n - 1);
  if (!(n > 1) || !(sd > 0) || !(v > 0)) return 0;
  return (sumWX - mean * sumW) / (sd * Math.sqrt(v));
}

/**
 * Gi* z for arbitrary points (planar metres) and a distance band: j is a neighbour of i when
 * their distance is ≤ band (i itself included). Neighbours come from a KD-tree (kdbush `within`),
 * never from all pairs.
 */
export function giStarPoints(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  values: ArrayLike<number>,
  bandMeters: number,
): Float64Array {
  const n = values.length;
  const z = new Float64Array(n);
  if (n === 0) return z;
  const index = new KDBush(n);
  for (let i = 0; i < n; i++) index.add(xs[i], ys[i]);
  index.finish();
  const { mean, sd } = globalMoments(values);
  const found = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const k = index.withinInto(xs[i], ys[i], bandMeters, found);
    let sumWX = 0;
    for (let j = 0; j < k; j++) sumWX += values[found[j]];
    z[i] = giStarZ(sumWX, k, n, mean, sd);
  }
  return z;
}

/**
 * Half-widths of the disk of cells within the band: row offset dy (−r..r) spans columns
 * −w[dy+r]..w[dy+r]. Cell-centre distances are compared with a 1e-9 relative tolerance so that
 * a band of exactly √2·cell includes the diagonal neighbours despite rounding.
 */
export function bandStencil(cellMeters: number, bandMeters: number): Int32Array {
  const rr = (bandMeters / cellMeters) ** 2 * (1 + 1e-9);
  const r = Math.floor(Math.sqrt(rr));
  const w = new Int32Array(2 * r + 1);
  for (let dy = -r; dy <= r; dy++) w[dy + r] = Math.floor(Math.sqrt(rr - dy * dy));
  return w;
}

/** Number of cells in the full (unclipped) stencil: the neighbours of an interior cell, self included. */
export function stencilSize(stencil: Int32Array): number {
  let s = 0;
  for (let i = 0; i < stencil.length; i++) s += 2 * stencil[i] + 1;
  return s;
}

/**
 * Sum of each cell's window (the disk stencil, clipped at the grid's edges) from per-row prefix
 * sums: O(cells × stencil rows). Cells outside the analysed area must hold 0 in `values`.
 */
export function gridWindowSums(values: ArrayLike<number>, cols: number, rows: number, stencil: Int32Array): Float64Array {
  const n = cols * rows;
  const out = new Float64Array(n);
  if (n === 0) return out;
  const stride = cols + 1;
  // prefix[row * stride + c] = sum of values[row, 0..c-1]
  const prefix = new Float64Array(stride * rows);
  for (let row = 0; row < rows; row++) {
    let acc = 0;
    const base = row * stride;
    const vbase = row * cols;
    for (let c = 0; c < cols; c++) {
      acc += values[vbase + c];
      prefix[base + c + 1] = acc;
    }
  }
  const r = (stencil.length - 1) >> 1;
  for (let row = 0; row < rows; row++) {
    const r0 = Math.max(-r, -row);
    const r1 = Math.min(r, rows - 1 - row);
    for (let c = 0; c < cols; c++) {
      let sum = 0;
      for (let dy = r0; dy <= r1; dy++) {
        const half = stencil[dy + r];
        const lo = c - half < 0 ? 0 : c - half;
        const hi = c + half >= cols ? cols - 1 : c + half;
        const base = (row + dy) * stride;
        sum += prefix[base + hi + 1] - prefix[base + lo];
      }
      out[row * cols + c] = sum;
    }
  }
  return out;
}

/** Mean and SD (divisor n) over the analysed cells only. */
function maskedMoments(values: ArrayLike<number>, mask: ArrayLike<number>): { n: number; mean: number; sd: number } {
  let n = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++)
    if (mask[i]) {
      n++;
      sum += values[i];
    }
  const mean = n ? sum / n : 0;
  let ss = 0;
  for (let i = 0; i < values.length; i++)
    if (mask[i]) {
      const d = values[i] - mean;
      ss += d * d;
    }
  return { n, mean, sd: n ? Math.sqrt(ss / n) : 0 };
}

/** Gi* z from window sums and window sizes, over the analysed cells (NaN elsewhere). */
export function giStarFromWindows(
  values: ArrayLike<number>,
  mask: ArrayLike<number> | null,
  sumWX: ArrayLike<number>,
  sumW: ArrayLike<number>,
): Float64Array {
  const { n, mean, sd } = mask ? maskedMoments(values, mask) : globalMoments(values);
  const z = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) z[i] = mask && !mask[i] ? NaN : giStarZ(sumWX[i], sumW[i], n, mean, sd);
  return z;
}

/**
 * Gi* z on a regular grid (values row-major, `cols` × `rows`, empty cells included). The same
 * statistic as giStarPoints on the cell centres, but each window sum is read from per-row prefix
 * sums over the disk stencil: O(cells × stencil rows), no index needed. Edge cells simply have
 * fewer neighbours, exactly as with a distance band on the cell centres.
 *
 * With a `mask` (1 = analysed), the statistic is that of the analysed cells alone, as spdep's
 * localG on just those cells' centres: n, the mean and S are over analysed cells, a window counts
 * only analysed neighbours, and cells outside get NaN (they are not units of the analysis).
 */
export function giStarGrid(
  values: Float64Array,
  cols: number,
  rows: number,
  cellMeters: number,
  bandMeters: number,
  mask?: Uint8Array | null,
): Float64Array {
  const n = cols * rows;
  if (values.length !== n) throw new RangeError(`values has ${values.length} cells, grid has ${n}`);
  if (n === 0) return new Float64Array(0);
  const stencil = bandStencil(cellMeters, bandMeters);
  let v: ArrayLike<number> = values;
  let w: Float64Array;
  if (mask) {
    const masked = new Float64Array(n);
    for (let i = 0; i < n; i++) masked[i] = mask[i] ? values[i] : 0;
    v = masked;
    w = gridWindowSums(mask, cols, rows, stencil);
  } else {
    w = gridWindowSums(new Float64Array(n).fill(1), cols, rows, stencil);
  }
  return giStarFromWindows(v, mask ?? null, gridWindowSums(v, cols, rows, stencil), w);
}

import { describe, expect, it } from 'vitest';
import { rankDraws } from './rank-intervals';

const fixed = (xs: number[]) => ({ kind: 'fixed' as const, value: Float64Array.from(xs) });

describe('rankDraws', () => {
  it('gives point intervals when nothing is uncertain, in the order of the values', () => {
    const r = rankDraws({ n: 4, components: [{ draw: fixed([3, 9, 1, 5]), weight: 1 }], scaling: 'min-max', ranked: [0, 1, 2, 3], baseComposite: [3, 9, 1, 5], draws: 50, seed: 1, level: 0.9 });
    expect(r.intervals).toEqual([{ lower: 3, upper: 3 }, { lower: 1, upper: 1 }, { lower: 4, upper: 4 }, { lower: 2, upper: 2 }]);
    expect(r.spearmanMedian).toBeCloseTo(1, 12);
    expect(r.betweenDraws).toBeCloseTo(1, 12);
  });

  it('breaks ties at random, so tied zones share the whole range of ranks', () => {
    // H0: the zones are exchangeable; each rank is uniform on 1..5, the 90 % interval 1..5.
    const r = rankDraws({ n: 5, components: [{ draw: fixed([2, 2, 2, 2, 2]), weight: 1 }], scaling: 'percentile', ranked: [0, 1, 2, 3, 4], baseComposite: [0, 0, 0, 0, 0], draws: 2000, seed: 2, level: 0.9 });
    for (const iv of r.intervals) expect(iv).toEqual({ lower: 1, upper: 5 });
    expect(r.spearmanMedian).toBeNull(); // the ranking is all ties: no rho
    expect(Math.abs(r.betweenDraws!)).toBeLessThan(0.15);
  });

  it('draws a point-mass rate (no between-zone variance) as that point', () => {
    const gamma = { kind: 'gamma' as const, shape: Float64Array.from([1, 1, NaN]), rate: Float64Array.from([Infinity, Infinity, 1]), point: Float64Array.from([4, 4, 0]) };
    const r = rankDraws({ n: 3, components: [{ draw: gamma, weight: 1 }, { draw: fixed([1, 0, 5]), weight: 1 }], scaling: 'min-max', ranked: [0, 1, 2], baseComposite: [1, 0, 2], draws: 20, seed: 3, level: 0.9 });
    expect(r.intervals.map((i) => i.lower)).toEqual([2, 3, 1]);
  });
});

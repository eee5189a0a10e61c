import { describe, expect, it } from 'vitest';
import { averageRanks, descendingRanks, median, percentRanks, quantile, sampleSd, spearman } from './descriptive';

describe('descriptive', () => {
  it('quantiles follow R type 7', () => {
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(median([5, 1, 3])).toBe(3);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.75)).toBeCloseTo(7.75, 12);
  });

  it('sample SD', () => expect(sampleSd([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(2.138089935299395, 12));

  it('ranks with ties', () => {
    expect(averageRanks([10, 20, 20, 5])).toEqual([2, 3.5, 3.5, 1]);
    expect(descendingRanks([10, 20, 20, 5])).toEqual([3, 1, 1, 4]);
    expect(percentRanks([3, 1, 2])).toEqual([1, 0, 0.5]);
  });

  it('Spearman matches scipy.stats.spearmanr', () => {
    expect(spearman([1, 2, 3, 4, 5, 6], [2, 1, 4, 3, 6, 5])).toBeCloseTo(0.8285714285714287, 12);
    expect(spearman([1, 2, 2, 4], [1, 3, 2, 4])).toBeCloseTo(0.9486832980505139, 12);
  });
});

import { describe, expect, it } from 'vitest';
import { impliedDirection, objectiveProgress } from './objectives';

describe('objectiveProgress', () => {
  it('measures the share of the way to an increasing target', () => {
    expect(objectiveProgress({ baseline: 10, target: 20, measured: 15 })).toMatchObject({ share: 0.5, clipped: 0.5, status: 'on-the-way' });
    expect(objectiveProgress({ baseline: 10, target: 20, measured: 25 })).toMatchObject({ share: 1.5, clipped: 1, status: 'achieved' });
    expect(objectiveProgress({ baseline: 10, target: 20, measured: 10 })).toMatchObject({ share: 0, status: 'no-change' });
  });

  it('handles decreasing targets with the same formula', () => {
    expect(objectiveProgress({ baseline: 100, target: 60, measured: 80 })).toMatchObject({ share: 0.5, status: 'on-the-way' });
    expect(objectiveProgress({ baseline: 100, target: 60, measured: 120 })).toMatchObject({ share: -0.5, clipped: 0, status: 'regressed' });
  });

  it('handles a target equal to the baseline', () => {
    expect(objectiveProgress({ baseline: 5, target: 5, measured: 5 })).toMatchObject({ share: 1, status: 'achieved' });
    expect(objectiveProgress({ baseline: 5, target: 5, measured: 4 })).toMatchObject({ share: null, status: 'undefined' });
    expect(objectiveProgress({ baseline: 5, target: 5, measured: 4, direction: 'decrease' })).toMatchObject({ share: 1, status: 'achieved' });
    expect(objectiveProgress({ baseline: 5, target: 5, measured: 6, direction: 'decrease' })).toMatchObject({ share: 0, status: 'regressed' });
  });

  it('reports an indicator not yet measured', () => {
    expect(objectiveProgress({ baseline: 1, target: 2, measured: null })).toMatchObject({ share: null, clipped: null, status: 'not-measured' });
  });
});

describe('impliedDirection', () => {
  it('reads the better way off the target', () => {
    expect(impliedDirection(38, 30)).toBe('decrease');
    expect(impliedDirection(4, 12)).toBe('increase');
    expect(impliedDirection(5, 5)).toBeUndefined();
  });
});

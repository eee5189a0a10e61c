import { describe, expect, it } from 'vitest';
import reference from './fixtures/eb-shrinkage.r.json';
import { gammaDraw, poissonDraw, poissonGammaFit, posteriorRateDraw, seededRng, shrunkRate } from './shrinkage';

const scalar = (v: number | number[]) => (Array.isArray(v) ? v[0] : v);

describe('Poisson-gamma empirical Bayes (Marshall 1991)', () => {
  // Reference: spdep::EBest on the same counts and exposures (analysis/fixtures/r/eb-shrinkage.R).
  for (const c of reference) {
    it(`matches spdep EBest: ${c.name}`, () => {
      const fit = poissonGammaFit(c.counts, c.exposures);
      expect(fit.mean).toBeCloseTo(scalar(c.b), 12);
      expect(fit.variance).toBeCloseTo(scalar(c.a), 11);
      c.counts.forEach((y, i) => expect(shrunkRate(y, c.exposures[i], fit)).toBeCloseTo(c.estimate[i], 11));
    });
  }

  it('pulls a one-report tiny zone to the territory rate, a busy zone hardly at all', () => {
    const c = reference.find((x) => x.name === 'small-zone')!;
    const fit = poissonGammaFit(c.counts, c.exposures);
    // raw 50 per unit (1 report / 0.02) becomes about the territory rate 6.4
    expect(shrunkRate(1, 0.02, fit)).toBeLessThan(7);
    expect(Math.abs(shrunkRate(30, 4, fit) - 7.5)).toBeLessThan(0.5);
  });

  it('has no prior spread when counts vary no more than Poisson noise, and no rate when nothing happened', () => {
    expect(poissonGammaFit([10, 11, 9, 10, 12, 8], [1, 1, 1, 1, 1, 1])).toMatchObject({ variance: 0, shape: null });
    expect(poissonGammaFit([0, 0], [1, 2])).toMatchObject({ mean: 0, variance: 0 });
    expect(() => poissonGammaFit([1], [0])).toThrow(RangeError);
  });
});

describe('seeded draws', () => {
  const moments = (xs: number[]) => {
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    return { m, v: xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1) };
  };

  // H0 of each check: the sampler has the stated distribution; 20,000 draws put the sample mean
  // within about 4 standard errors of the truth.
  it('gamma draws have mean = shape and variance = shape, also below shape 1', () => {
    for (const shape of [0.3, 1, 2.5, 40]) {
      const rng = seededRng(7);
      const { m, v } = moments(Array.from({ length: 20_000 }, () => gammaDraw(shape, rng)));
      expect(Math.abs(m - shape)).toBeLessThan(4 * Math.sqrt(shape / 20_000));
      expect(v / shape).toBeGreaterThan(0.9);
      expect(v / shape).toBeLessThan(1.1);
    }
  });

  it('Poisson draws have mean = variance = λ, below and above 30', () => {
    for (const lambda of [0.5, 4, 55, 400]) {
      const rng = seededRng(11);
      const { m, v } = moments(Array.from({ length: 20_000 }, () => poissonDraw(lambda, rng)));
      expect(Math.abs(m - lambda)).toBeLessThan(4 * Math.sqrt(lambda / 20_000));
      expect(v / lambda).toBeGreaterThan(0.92);
      expect(v / lambda).toBeLessThan(1.08);
    }
  });

  it('posterior draws average to the shrunk rate, and the same seed gives the same draws', () => {
    const c = reference.find((x) => x.name === 'strong')!;
    const fit = poissonGammaFit(c.counts, c.exposures);
    const rng = seededRng(3);
    const draws = Array.from({ length: 20_000 }, () => posteriorRateDraw(5, 0.5, fit, rng));
    expect(moments(draws).m).toBeCloseTo(shrunkRate(5, 0.5, fit), 1);
    const a = seededRng(99);
    const b = seededRng(99);
    expect([gammaDraw(2, a), gammaDraw(0.5, a)]).toEqual([gammaDraw(2, b), gammaDraw(0.5, b)]);
  });
});

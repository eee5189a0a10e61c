import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bandStencil, giStarGrid, giStarPoints, stencilSize } from './getis-ord';

describe('giStarPoints', () => {
  it('reproduces the esda G_Local(star=True, transform="B") docstring example', () => {
    // pysal/esda esda/getisord.py: points, DistanceBand(threshold=15), y; lg_star.Zs as published
    const pts = [
      [10, 10],
      [20, 10],
      [40, 10],
      [15, 20],
      [30, 20],
      [30, 30],
    ];
    const y = [2, 3, 3.2, 5, 8, 7];
    const published = [-1.39727626, -0.28917762, 0.65064964, -0.28917762, 1.23452088, 2.02424331];
    const z = giStarPoints(
      pts.map((p) => p[0]),
      pts.map((p) => p[1]),
      y,
      15,
    );
    published.forEach((e, i) => expect(z[i]).toBeCloseTo(e, 7));
  });

  const sample = fc
    .array(fc.record({ x: fc.integer({ min: 0, max: 50 }), y: fc.integer({ min: 0, max: 50 }), v: fc.integer({ min: 0, max: 10_000 }).map((v) => v / 100) }), {
      minLength: 3,
      maxLength: 40,
    })
    .filter((pts) => new Set(pts.map((p) => p.v)).size > 1);

  it('is invariant under a permutation of the units', () => {
    fc.assert(
      fc.property(sample, fc.infiniteStream(fc.nat()), (pts, seeds) => {
        const order = pts.map((_, i) => i);
        for (let i = order.length - 1; i > 0; i--) {
          const j = seeds.next().value % (i + 1);
          [order[i], order[j]] = [order[j], order[i]];
        }
        const z = giStarPoints(pts.map((p) => p.x), pts.map((p) => p.y), pts.map((p) => p.v), 12);
        const perm = order.map((i) => pts[i]);
        const zp = giStarPoints(perm.map((p) => p.x), perm.map((p) => p.y), perm.map((p) => p.v), 12);
        order.forEach((orig, k) => expect(zp[k]).toBeCloseTo(z[orig], 9));
      }),
    );
  });

  it('is invariant under positive scaling of the values', () => {
    fc.assert(
      fc.property(sample, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (pts, scale) => {
        const xs = pts.map((p) => p.x);
        const ys = pts.map((p) => p.y);
        const z = giStarPoints(xs, ys, pts.map((p) => p.v), 12);
        const zs = giStarPoints(xs, ys, pts.map((p) => p.v * scale), 12);
        z.forEach((v, i) => expect(zs[i]).toBeCloseTo(v, 8));
      }),
    );
  });

  it('gives z = 0 when every value is equal', () => {
    expect(Array.from(giStarPoints([0, 1, 2], [0, 0, 0], [3, 3, 3], 1))).toEqual([0, 0, 0]);
  });
});

describe('giStarGrid', () => {
  it('has the queen neighbourhood at 1.5 cells and a 13-cell disk at 2 cells', () => {
    expect(stencilSize(bandStencil(100, 150))).toBe(9);
    expect(stencilSize(bandStencil(100, 100 * Math.SQRT2))).toBe(9);
    expect(stencilSize(bandStencil(100, 200))).toBe(13);
    expect(stencilSize(bandStencil(100, 99))).toBe(1);
  });

  it('equals the KD-tree version on the cell centres, edges included', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        fc.double({ min: 0.5, max: 4, noNaN: true }),
        fc.array(fc.nat({ max: 20 }), { minLength: 81, maxLength: 81 }),
        (cols, rows, bandCells, pool) => {
          const cell = 50;
          const values = Float64Array.from({ length: cols * rows }, (_, i) => pool[i]);
          const xs = values.map((_, i) => ((i % cols) + 0.5) * cell);
          const ys = values.map((_, i) => (Math.floor(i / cols) + 0.5) * cell);
          // avoid a band that falls exactly on a cell-centre distance: the tolerance differs by design
          const band = bandCells * cell + 1e-3;
          const zGrid = giStarGrid(values, cols, rows, cell, band);
          const zPts = giStarPoints(xs, ys, values, band);
          zGrid.forEach((v, i) => expect(v).toBeCloseTo(zPts[i], 9));
        },
      ),
    );
  });
});

describe('giStarGrid invariance', () => {
  it('gives the same z under positive scaling of the cell values', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 50 }), { minLength: 30, maxLength: 30 }), fc.double({ min: 1e-2, max: 1e3, noNaN: true }), (pool, scale) => {
        const values = Float64Array.from(pool);
        const z = giStarGrid(values, 6, 5, 10, 15);
        const zs = giStarGrid(values.map((v) => v * scale), 6, 5, 10, 15);
        z.forEach((v, i) => expect(zs[i]).toBeCloseTo(v, 8));
      }),
    );
  });
});

describe('giStarGrid on analysed cells only', () => {
  it('equals spdep localG on the centres of the analysed cells (analysis/fixtures/r/hotspots.R)', async () => {
    const ref = (await import('./fixtures/hotspots.r.json')).default;
    const mask = Uint8Array.from(ref.inside);
    const z = giStarGrid(Float64Array.from(ref.counts), ref.cols, ref.rows, 1, 1.5, mask);
    ref.z.forEach((e: number | null, i: number) => {
      if (e === null) expect(Number.isNaN(z[i])).toBe(true);
      else expect(z[i]).toBeCloseTo(e, 12);
    });
  });
});

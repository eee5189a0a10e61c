import { describe, expect, it } from 'vitest';
import { mulberry32 } from './fixtures/random';
import {
  blankBelowK,
  cellKey,
  cellKeyOf,
  disclosureRule,
  PERTURBATION_TABLE,
  perturbation,
  perturbedPublishedCount,
  publicK,
  publishedCount,
  publishItems,
  publishPerturbedItems,
  RECORD_KEY_COEFFICIENTS,
  RECORD_KEY_PRIME,
  recordKeyInt,
  roundToBase,
  suppressBelowK,
} from './privacy';

describe('privacy', () => {
  const zones = [
    { id: 'a', n: 4 },
    { id: 'b', n: 5 },
    { id: 'c', n: 0 },
  ];

  it('drops items below k', () => expect(suppressBelowK(zones, 5, (z) => z.n)).toEqual([{ id: 'b', n: 5 }]));

  it('blanks items below k', () =>
    expect(blankBelowK(zones, 5, (z) => z.n, (z) => ({ ...z, n: -1 })).map((z) => z.n)).toEqual([-1, 5, -1]));

  it('applies only to public outputs, default k = 5', () => {
    expect(publicK(undefined)).toBeNull();
    expect(publicK({ k: 3 })).toBeNull();
    expect(publicK({ public: true })).toBe(5);
    expect(publicK({ public: true, k: 10 })).toBe(10);
    expect(() => publicK({ public: true, k: 0 })).toThrow(RangeError);
  });
});

describe('disclosure rule', () => {
  it('rounds to the nearest multiple of the base, halves up', () => {
    expect([0, 1, 2, 3, 7, 8, 12, 13].map((n) => roundToBase(n, 5))).toEqual([0, 0, 0, 5, 5, 10, 10, 15]);
    expect(roundToBase(-3, 5)).toBe(0);
    expect(roundToBase(NaN, 5)).toBe(0);
    expect(() => roundToBase(4, 0)).toThrow(RangeError);
  });

  it('suppresses what is below k after rounding', () => {
    const rule = { k: 5, base: 5 };
    expect([0, 2, 3, 4, 7, 8].map((n) => publishedCount(n, rule))).toEqual([null, null, 5, 5, 5, 10]);
    expect(publishedCount(9, { k: 10, base: 5 })).toBe(10);
    expect(publishedCount(7, { k: 10, base: 5 })).toBeNull();
    expect(publishItems([{ n: 1 }, { n: 12 }], rule, (x) => x.n)).toEqual([{ item: { n: 12 }, count: 10 }]);
  });

  it('applies only to public outputs, defaults k = 5 and base = 5', () => {
    expect(disclosureRule(undefined)).toBeNull();
    expect(disclosureRule({ public: true })).toEqual({ k: 5, base: 5 });
    expect(disclosureRule({ public: true, k: 3, base: 10 })).toEqual({ k: 3, base: 10 });
    expect(() => disclosureRule({ public: true, base: 2.5 })).toThrow(RangeError);
  });
});

// Cell-key perturbation. Record keys come from the real key function (random secrets drawn from a
// seeded generator), so these tests measure what the public summary does, not an idealisation.
describe('cell-key perturbation', () => {
  const rule = disclosureRule({ public: true, k: 5, base: 5 })!;
  const secretOf = (rand: () => number) => Array.from({ length: RECORD_KEY_COEFFICIENTS }, () => Math.floor(rand() * RECORD_KEY_PRIME));

  // Null hypothesis: the figure depends on the order in which records are read, or on the call.
  it('is deterministic: the same records give the same cell key and figure, in any order', () => {
    const secret = secretOf(mulberry32(1));
    const rowids = [17, 4, 99_999, 123_456_789, 2 ** 33 + 5];
    const key = cellKey(rowids, secret);
    expect(cellKey([...rowids].reverse(), secret)).toBe(key);
    expect(cellKey(rowids, secret)).toBe(key);
    expect(key).toBeGreaterThanOrEqual(0);
    expect(key).toBeLessThan(1);
    for (let n = 1; n < 30; n++) expect(perturbedPublishedCount(n, key, rule)).toBe(perturbedPublishedCount(n, key, rule));
    // Another secret keys the same records otherwise; the key sum is the sum of the records' keys mod p.
    expect(cellKey(rowids, secretOf(mulberry32(2)))).not.toBe(key);
    expect(cellKeyOf(rowids.reduce((a, r) => a + recordKeyInt(r, secret), 0))).toBe(key);
    expect(() => recordKeyInt(1, [1, 2])).toThrow(RangeError);
    expect(() => perturbation(1)).toThrow(RangeError);
  });

  it('computes record keys exactly (Horner mod p checked against BigInt)', () => {
    const rand = mulberry32(3);
    const P = BigInt(RECORD_KEY_PRIME);
    for (let i = 0; i < 200; i++) {
      const secret = secretOf(rand);
      const r = Math.floor(rand() * 2 ** 40);
      const x = BigInt(r) % P;
      let acc = 0n;
      for (let j = secret.length - 1; j >= 0; j--) acc = (acc * x + BigInt(secret[j])) % P;
      expect(recordKeyInt(r, secret)).toBe(Number(acc));
    }
  });

  // Null hypothesis: cell keys are uniform on [0, 1), so each d occurs with its table probability
  // p (binomial standard error sqrt(p(1 − p) / N) ≤ 0.0035 at N = 20,000; we allow 4 of them).
  it('draws each d with the stated probability, and d of a cell and of the cell plus one record are unrelated', () => {
    const rand = mulberry32(4);
    const N = 20_000;
    const freq = new Map<number, number>();
    let same = 0;
    for (let i = 0; i < N; i++) {
      const secret = secretOf(rand);
      const rowids = Array.from({ length: 1 + Math.floor(rand() * 20) }, () => 1 + Math.floor(rand() * 1_000_000));
      const d = perturbation(cellKey(rowids, secret));
      freq.set(d, (freq.get(d) ?? 0) + 1);
      if (perturbation(cellKey([...rowids, 2_000_000 + i], secret)) === d) same++;
    }
    for (const { d, p } of PERTURBATION_TABLE) expect(Math.abs(freq.get(d)! / N - p)).toBeLessThan(0.014);
    // One more record: d is drawn afresh, so it repeats with probability Σ p² = 0.26.
    const sumSq = PERTURBATION_TABLE.reduce((a, { p }) => a + p * p, 0);
    expect(Math.abs(same / N - sumSq)).toBeLessThan(0.014);
  });

  // Null hypothesis: an empty cell shows something, or a count is pushed below zero.
  it('keeps zero at zero, clamps at 0, and publishes multiples of the base at k or more', () => {
    const rand = mulberry32(5);
    for (let i = 0; i < 2_000; i++) {
      const key = rand();
      expect(perturbedPublishedCount(0, key, rule)).toBeNull();
      const n = 1 + Math.floor(rand() * 40);
      const f = perturbedPublishedCount(n, key, rule);
      expect(f === null || (f % 5 === 0 && f >= 5)).toBe(true);
      expect(f).toBe(publishedCount(Math.max(0, n + perturbation(key)), rule));
    }
    expect(perturbedPublishedCount(1, 0.0, rule)).toBeNull(); // 1 − 2 → 0, not −1
    expect(publishPerturbedItems([{ n: 0 }, { n: 25 }], rule, (x) => x.n, () => 0.5)).toEqual([{ item: { n: 25 }, count: 25 }]);
  });
});

// The attack of summary.routes.ts, simulated on these functions. A zone holds n reports of other
// people (n = 0..9, each equally likely); the attacker reads its figure (window 0), then adds one
// report per window and reads the figure of windows 1..W. Knowing the method and the table but
// not the secret, they guess n by maximum likelihood (the Bayes rule for a uniform prior, so the
// best rule there is for being exactly right), treating each window's d as an independent draw
// (one more record redraws the cell key), either from the whole sequence or from the windows up
// to the first one whose figure differs from window 0's ("first step").
// Null hypothesis of "before": deterministic rounding hides n (it does not: the guess is always right).
// Null hypothesis of "after": the perturbation leaves n as exposed as rounding alone (it does not:
// the guess is right well under always; the rates measured are written below).
describe('the topping-up-by-one attack', () => {
  const rule = disclosureRule({ public: true, k: 5, base: 5 })!;
  type Table = readonly { d: number; p: number }[];
  const plain: Table = [{ d: 0, p: 1 }];
  const uniform6: Table = Array.from({ length: 13 }, (_, i) => ({ d: i - 6, p: 1 / 13 }));

  function likelihood(f: number | null, m: number, table: Table): number {
    let p = 0;
    for (const e of table) if ((m === 0 ? null : publishedCount(Math.max(0, m + e.d), rule)) === f) p += e.p;
    return p;
  }
  function guess(figures: (number | null)[], table: Table): number {
    let best = -1;
    let bestLog = -Infinity;
    for (let g = 0; g <= 9; g++) {
      let log = 0;
      for (let t = 0; t < figures.length; t++) log += Math.log(likelihood(figures[t], g + t, table));
      if (log > bestLog) [best, bestLog] = [g, log];
    }
    return best;
  }
  /** Share of exact guesses over `trials` secrets (n cycling 0..9), whole sequence and first step. */
  function attack(table: Table, windows: number, trials: number, seed: number) {
    const rand = mulberry32(seed);
    let whole = 0;
    let first = 0;
    for (let s = 0; s < trials; s++) {
      const n = s % 10;
      const secret = Array.from({ length: RECORD_KEY_COEFFICIENTS }, () => Math.floor(rand() * RECORD_KEY_PRIME));
      // Others' reports anywhere before the attack; the attacker's after, interleaved with the
      // reports of other zones and diagnoses (rowids are shared by the whole table).
      let keySum = 0;
      for (let i = 0; i < n; i++) keySum += recordKeyInt(1 + Math.floor(rand() * 1_000_000), secret);
      let rowid = 1_000_000;
      const figures: (number | null)[] = [];
      for (let t = 0; t <= windows; t++) {
        if (t > 0) keySum += recordKeyInt((rowid += 1 + Math.floor(rand() * 1_000)), secret);
        figures.push(perturbedPublishedCount(n + t, cellKeyOf(keySum % RECORD_KEY_PRIME), rule, table));
      }
      if (guess(figures, table) === n) whole++;
      const step = figures.findIndex((f) => f !== figures[0]);
      if (guess(step < 0 ? figures : figures.slice(0, step + 1), table) === n) first++;
    }
    return { whole: whole / trials, first: first / trials };
  }

  it('always finds n under rounding alone, and is right far less often with the cell key', () => {
    const before = attack(plain, 10, 500, 11);
    expect(before).toEqual({ whole: 1, first: 1 });
    // Measured (4,000 secrets, seed 12): whole sequence of 10 windows 0.712, first step 0.504;
    // over 20 windows 0.85, over 30 windows 0.93 (the attacker averages one fresh d per window).
    // Standard error of each rate ≈ 0.008.
    const after = attack(PERTURBATION_TABLE, 10, 4_000, 12);
    expect(after.whole).toBeGreaterThan(0.66);
    expect(after.whole).toBeLessThan(0.76);
    expect(after.first).toBeGreaterThan(0.45);
    expect(after.first).toBeLessThan(0.55);
    // With fewer windows the attacker knows less (5 windows: 0.59).
    const short = attack(PERTURBATION_TABLE, 5, 4_000, 13);
    expect(short.whole).toBeLessThan(after.whole);
  });

  it('is slower still with a wider table, at a cost in accuracy (the trade-off of PERTURBATION_TABLE)', () => {
    // Measured (2,000 secrets, seed 14): d uniform on −6..6, whole sequence of 10 windows 0.47, first step 0.26.
    const wide = attack(uniform6, 10, 2_000, 14);
    expect(wide.whole).toBeLessThan(0.52);
    // Root mean square error of the published figure against the count (counts 20..39, where
    // neither clamping nor suppression acts): 1.41 rounding alone, 1.79 the table, 4.0 the wide one.
    const rms = (table: Table) => {
      let se = 0;
      for (let m = 20; m < 40; m++) for (const { d, p } of table) se += (p * (publishedCount(m + d, rule)! - m) ** 2) / 20;
      return Math.sqrt(se);
    };
    expect(rms(plain)).toBeCloseTo(1.414, 2);
    expect(rms(PERTURBATION_TABLE)).toBeCloseTo(1.789, 2);
    expect(rms(uniform6)).toBeCloseTo(4.0, 1);
  });
});

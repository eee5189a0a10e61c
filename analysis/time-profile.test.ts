import { describe, expect, it } from 'vitest';
import { mulberry32 } from './fixtures/random';
import { disclosureRule, publishedCount } from './privacy';
import { monthRange, timeProfile } from './time-profile';
import type { SignalPoint } from './types';

const s = (over: Partial<SignalPoint>): SignalPoint => ({ lat: 45, lon: 7, ...over });

describe('timeProfile', () => {
  const signals = [
    s({ timeBands: ['night', 'evening'], dayKind: 'weekend', categories: ['drugs', 'lighting'], createdAt: '2024-01-15T22:00:00Z' }),
    s({ timeBands: ['night'], dayKind: 'weekday', categories: ['drugs'], createdAt: '2024-03-02T10:00:00Z', count: 3 }),
    s({ categories: ['theft'] }),
  ];

  it('tabulates time band × day kind with multiple response', () => {
    const p = timeProfile(signals);
    expect(p.total).toBe(5);
    const night = p.table.find((r) => r.band === 'night')!;
    expect(night).toEqual({ band: 'night', weekday: 3, weekend: 1, unknownDay: 0, total: 4 });
    expect(p.table.find((r) => r.band === 'evening')!.total).toBe(1);
    expect(p.table.find((r) => r.band === 'unknown')!.unknownDay).toBe(1);
    expect(p.table.map((r) => r.band)).toEqual(['morning', 'afternoon', 'evening', 'night', 'unknown']);
    expect(p.dayKinds).toEqual({ weekday: 3, weekend: 1, unknownDay: 1 });
  });

  it('gives the category mix as counts, shares of events and shares of mentions', () => {
    const p = timeProfile(signals);
    expect(p.categories).toEqual([
      { category: 'drugs', count: 4, share: 0.8, mentionShare: 4 / 6 },
      { category: 'lighting', count: 1, share: 0.2, mentionShare: 1 / 6 },
      { category: 'theft', count: 1, share: 0.2, mentionShare: 1 / 6 },
    ]);
  });

  it('zero-fills the monthly trend', () => {
    expect(timeProfile(signals).monthly).toEqual([
      { month: '2024-01', count: 1 },
      { month: '2024-02', count: 0 },
      { month: '2024-03', count: 3 },
    ]);
    expect(timeProfile(signals, { fromMonth: '2023-12', toMonth: '2024-01' }).monthly).toEqual([
      { month: '2023-12', count: 0 },
      { month: '2024-01', count: 1 },
    ]);
    expect(monthRange('2023-11', '2024-02')).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
    expect(timeProfile([]).monthly).toEqual([]);
  });

  it('applies filters first', () => expect(timeProfile(signals, { filter: { categories: ['theft'] } }).total).toBe(1));
});

describe('timeProfile, public', () => {
  const rand = mulberry32(12);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const bands = ['morning', 'afternoon', 'evening', 'night'];
  const cats = ['lighting', 'drugs', 'theft', 'vandalism', 'harassment', 'road'];
  // Skewed so that some cells, months and categories are small: 200 reports over a year.
  const many = Array.from({ length: 200 }, () =>
    s({
      timeBands: rand() < 0.1 ? [] : [pick(rand() < 0.7 ? bands.slice(2) : bands)],
      dayKind: pick(['weekday', 'weekday', 'weekday', 'weekday', 'weekday', 'weekday', 'weekend', 'weekend', 'weekend', undefined] as const),
      categories: [rand() < 0.05 ? pick(cats) : pick(cats.slice(0, 3))],
      createdAt: `2025-${String(1 + Math.floor(rand() ** 8 * 12)).padStart(2, '0')}-10T12:00:00Z`,
    }),
  );

  // Null hypothesis: a public figure is the exact count (or is shown below k). Every published
  // count must equal publishedCount(exact), and every null must stand for a rounded count below k.
  it('publishes every count rounded to the base, null (or left out) below k once rounded', () => {
    const exact = timeProfile(many);
    const pub = timeProfile(many, { public: true, k: 5, base: 5 });
    const rule = disclosureRule({ public: true, k: 5, base: 5 })!;
    expect(pub.method.privacy).toMatchObject({ k: 5, base: 5 });
    expect(pub.total).toBe(publishedCount(exact.total, rule));
    exact.table.forEach((r, i) => {
      for (const key of ['weekday', 'weekend', 'unknownDay', 'total'] as const) expect(pub.table[i][key]).toBe(publishedCount(r[key], rule));
    });
    exact.monthly.forEach((m, i) => expect(pub.monthly[i]).toEqual({ month: m.month, count: publishedCount(m.count, rule) }));
    const shown = exact.categories.filter((c) => publishedCount(c.count, rule) !== null);
    expect(pub.categories.map((c) => c.category).sort()).toEqual(shown.map((c) => c.category).sort());
    // The data are skewed enough that each kind of suppression happens, and rounding moves counts.
    expect(pub.method.privacy.suppressed.cells).toBeGreaterThan(0);
    expect(pub.method.privacy.suppressed.months).toBeGreaterThan(0);
    expect(pub.method.privacy.suppressed.categories).toBeGreaterThan(0);
    expect(pub.categories.some((c) => c.count !== exact.categories.find((e) => e.category === c.category)!.count)).toBe(true);
  });

  // Null hypothesis: shares are exact shares of all data (they would reveal hidden categories).
  it('computes shares over the published figures only', () => {
    const pub = timeProfile(many, { public: true, k: 5, base: 5 });
    const mentions = pub.categories.reduce((a, c) => a + c.count, 0);
    for (const c of pub.categories) {
      expect(c.mentionShare).toBeCloseTo(c.count / mentions, 12);
      expect(c.share).toBeCloseTo(Math.min(1, c.count / pub.total!), 12);
    }
    expect(pub.categories.reduce((a, c) => a + c.mentionShare, 0)).toBeCloseTo(1, 12);
  });

  // Null hypothesis: a hidden category's count can be told from the output. Two worlds that
  // differ only in it (1 or 2 reports of theft beside 40 of drugs) must publish the same thing.
  it('gives the same output whether a hidden category has 1 or 2 reports', () => {
    const base = Array.from({ length: 40 }, () => s({ timeBands: ['night'], dayKind: 'weekday', categories: ['drugs'], createdAt: '2025-05-01T21:00:00Z' }));
    const theft = s({ timeBands: ['night'], dayKind: 'weekday', categories: ['theft'], createdAt: '2025-05-02T21:00:00Z' });
    const one = timeProfile([...base, theft], { public: true });
    const two = timeProfile([...base, theft, theft], { public: true });
    expect(one).toEqual(two);
    expect(one.categories.map((c) => c.category)).toEqual(['drugs']);
    expect(one.categories[0]).toMatchObject({ count: 40, share: 1, mentionShare: 1 });
  });

  it('keeps exact figures for staff (no public option)', () => {
    const exact = timeProfile(many);
    expect(exact.total).toBe(200);
    expect('privacy' in exact.method).toBe(false);
  });
});

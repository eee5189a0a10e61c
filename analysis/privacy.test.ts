import { describe, expect, it } from 'vitest';
import { blankBelowK, disclosureRule, publicK, publishedCount, publishItems, roundToBase, suppressBelowK } from './privacy';

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

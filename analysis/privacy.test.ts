import { describe, expect, it } from 'vitest';
import { blankBelowK, publicK, suppressBelowK } from './privacy';

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

import { describe, expect, it } from 'vitest';
import { rateBasis, rateOf } from './exposure';

describe('exposure', () => {
  it('uses residents only when every zone has a population', () => {
    expect(rateBasis([{ zoneId: 'a', population: 500 }, { zoneId: 'b', population: 2000 }])).toBe('per-1000-residents');
    expect(rateBasis([{ zoneId: 'a', population: 500, areaKm2: 1 }, { zoneId: 'b', areaKm2: 2 }])).toBe('per-km2');
    expect(rateOf(10, { zoneId: 'a', population: 500 }, 'per-1000-residents')).toBe(20);
    expect(rateOf(10, { zoneId: 'a', areaKm2: 4 }, 'per-km2')).toBe(2.5);
  });

  it('refuses a rate without its denominator', () => {
    expect(() => rateOf(1, { zoneId: 'b' }, 'per-km2')).toThrow(/zone b has no area/);
  });
});

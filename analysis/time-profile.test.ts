import { describe, expect, it } from 'vitest';
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

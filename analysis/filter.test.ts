import { describe, expect, it } from 'vitest';
import { filterSignals } from './filter';
import type { SignalPoint } from './types';

const s = (over: Partial<SignalPoint>): SignalPoint => ({ lat: 41, lon: 12, ...over });

describe('filterSignals', () => {
  const signals = [
    s({ createdAt: '2024-03-01T10:00:00Z', categories: ['drugs'], source: 'resident', timeBands: ['night'], dayKind: 'weekend' }),
    s({ createdAt: '2024-03-31T23:30:00Z', categories: ['theft', 'lighting'], source: 'police', timeBands: ['evening'], dayKind: 'weekday' }),
    s({ createdAt: '2024-04-02T08:00:00Z', categories: ['lighting'], source: 'resident', timeBands: ['morning'] }),
    s({}),
  ];

  it('keeps everything without a filter', () => expect(filterSignals(signals)).toHaveLength(4));

  it('treats a date-only "to" as the whole day and excludes undated signals', () => {
    expect(filterSignals(signals, { from: '2024-03-01', to: '2024-03-31' })).toEqual(signals.slice(0, 2));
  });

  it('matches any of the wanted categories, sources, time bands and the day kind', () => {
    expect(filterSignals(signals, { categories: ['lighting'] })).toEqual(signals.slice(1, 3));
    // A signal without a source is a resident report.
    expect(filterSignals(signals, { sources: ['resident'] })).toEqual([signals[0], signals[2], signals[3]]);
    expect(filterSignals(signals, { sources: ['police'] })).toEqual([signals[1]]);
    expect(filterSignals(signals, { timeBands: ['night', 'evening'] })).toEqual(signals.slice(0, 2));
    expect(filterSignals(signals, { dayKind: 'weekday' })).toEqual([signals[1]]);
  });

  it('rejects a malformed date', () => expect(() => filterSignals(signals, { from: 'March' })).toThrow(RangeError));
});

// The typed-column path must give the object path's results exactly: same rows selected, and each
// method fed tallies returns what it returns on the signals one by one.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { categoryIds, dayKindIds, signalSources, timeBandIds } from '../surveys/taxonomy';
import { compareWaves } from './compare';
import { filterSignals } from './filter';
import { hotspots, hotspotsFromColumns } from './hotspots';
import { residentPlaces } from './resident-places';
import { hotspotColumns, monthIndex, selectRows, signalTableFrom, tally, type TableFilter } from './signal-table';
import { timeProfile } from './time-profile';
import { sourcesOf, withSources } from './sources';
import type { SignalPoint } from './types';

type Point = SignalPoint & { areaId: string | null; unsafe: boolean | null };

const subset = <T>(xs: readonly T[]) => fc.subarray([...xs], { minLength: 0, maxLength: 3 });
const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 1);

const pointArb: fc.Arbitrary<Point> = fc.record({
  lat: fc.double({ min: 43.7, max: 43.9, noNaN: true }),
  lon: fc.double({ min: 10.4, max: 10.6, noNaN: true }),
  count: fc.integer({ min: 1, max: 4 }),
  source: fc.constantFrom(...signalSources),
  categories: subset(categoryIds),
  timeBands: subset(timeBandIds),
  dayKind: fc.option(fc.constantFrom(...dayKindIds), { nil: undefined }),
  createdAt: fc.integer({ min: 0, max: 700 }).map((d) => new Date(T0 + d * DAY + (d % 7) * 3_600_000).toISOString()),
  zoneId: fc.constantFrom('z1', 'z2', 'z3', null),
  intensity: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
  areaId: fc.constantFrom('a1', 'a2', null),
  unsafe: fc.constantFrom(true, false, null),
});

const filterArb: fc.Arbitrary<TableFilter> = fc.record(
  {
    from: fc.integer({ min: 0, max: 700 }).map((d) => new Date(T0 + d * DAY).toISOString().slice(0, 10)),
    to: fc.integer({ min: 0, max: 700 }).map((d) => new Date(T0 + d * DAY).toISOString().slice(0, 10)),
    categories: fc.subarray([...categoryIds], { minLength: 1, maxLength: 3 }),
    sources: fc.subarray([...signalSources], { minLength: 1, maxLength: 2 }),
    timeBands: fc.subarray([...timeBandIds], { minLength: 1, maxLength: 2 }),
    dayKind: fc.constantFrom(...dayKindIds),
    area: fc.constantFrom('a1', 'a2'),
  },
  { requiredKeys: [] },
);

const objectPath = (points: Point[], f: TableFilter) => filterSignals(f.area ? points.filter((p) => p.areaId === f.area) : points, f) as Point[];
const zones = [
  { zoneId: 'z1', name: 'Uno', population: 1000 },
  { zoneId: 'z2', name: 'Due', population: 3000 },
  { zoneId: 'z3', name: 'Tre', population: 500 },
];

describe('signal table', () => {
  it('selects exactly the rows the object filter keeps', () => {
    fc.assert(
      fc.property(fc.array(pointArb, { maxLength: 120 }), filterArb, (points, f) => {
        const t = signalTableFrom(points);
        const rows = [...selectRows(t, f)];
        const kept = objectPath(points, f);
        expect(rows.map((i) => points[i])).toEqual(kept);
      }),
      { numRuns: 200 },
    );
  });

  it('feeds the time profile, residents’ places and wave comparison the same figures as the signals one by one', () => {
    fc.assert(
      fc.property(fc.array(pointArb, { maxLength: 150 }), fc.array(pointArb, { maxLength: 80 }), filterArb, (points, before, f) => {
        const t = signalTableFrom(points);
        const rows = selectRows(t, f);
        const kept = objectPath(points, f);

        // The table path selects the sources first; the object path applies the filter's own.
        expect(timeProfile(tally(t, rows, ['timeBands', 'dayKind', 'categories', 'month'])).total).toEqual(timeProfile(kept, { filter: { sources: f.sources?.length ? f.sources : ['resident', 'police', 'media', 'institution'] } }).total);
        const residents = selectRows(t, { ...f, sources: ["resident"] });
        expect(timeProfile(tally(t, residents, ['timeBands', 'dayKind', 'categories', 'month']))).toEqual(timeProfile(objectPath(points, { ...f, sources: ['resident'] })));
        const resident = selectRows(t, { ...f, sources: ['resident'] });
        const places = residentPlaces(tally(t, resident, ['zone', 'intensity', 'categories', 'source']), zones);
        const expected = residentPlaces(objectPath(points, { ...f, sources: ['resident'] }), zones);
        expect(places.zones.map((z) => [z.zoneId, z.signals])).toEqual(expected.zones.map((z) => [z.zoneId, z.signals]));
        expect(places.categories.map((c) => [c.category, c.signals])).toEqual(expected.categories.map((c) => [c.category, c.signals]));
        for (const [a, b] of places.zones.map((z, i) => [z.index, expected.zones[i].index])) expect(a).toBeCloseTo(b, 9);

        // The wave comparison reads residents unless sources are named: the table path is given the
        // sources already applied (as the API does), the object path applies them itself.
        const tb = signalTableFrom(before);
        const sourcesOnly = { sources: f.sources };
        const waves = compareWaves(
          { signals: tally(tb, selectRows(tb, withSources(f)), ['zone', 'categories']), periodDays: 365, zones },
          { signals: tally(t, selectRows(t, withSources(f)), ['zone', 'categories']), periodDays: 365, zones },
          { prefiltered: true, filter: sourcesOnly },
        );
        const direct = compareWaves({ signals: objectPath(before, f), periodDays: 365, zones }, { signals: kept, periodDays: 365, zones }, { filter: sourcesOnly });
        expect(waves.zones).toEqual(direct.zones);
        expect(waves.categories).toEqual(direct.categories);
      }),
      { numRuns: 150 },
    );
  });

  it('gives the hotspot core the same points', () => {
    fc.assert(
      fc.property(fc.array(pointArb, { minLength: 1, maxLength: 200 }), filterArb, fc.constantFrom('count', 'intensity' as const), (points, f, value) => {
        const t = signalTableFrom(points);
        // The object path reads residents unless sources are named (withSources); the table path is given the same filter.
        const viaTable = hotspotsFromColumns(hotspotColumns(t, selectRows(t, withSources(f)), value), { value, sources: sourcesOf(f) });
        const direct = hotspots(objectPath(points, f), { value, filter: { sources: f.sources } });
        expect(viaTable.cells).toEqual(direct.cells);
        expect(viaTable.summary).toEqual(direct.summary);
      }),
      { numRuns: 100 },
    );
  });

  it('keeps the zone, source, intensity and perception apart when asked', () => {
    const points: Point[] = [
      { lat: 43.8, lon: 10.5, source: 'resident', zoneId: 'z1', intensity: 4, unsafe: true, areaId: null, count: 1 },
      { lat: 43.8, lon: 10.5, source: 'resident', zoneId: 'z1', intensity: 4, unsafe: true, areaId: null, count: 1 },
      { lat: 43.8, lon: 10.5, source: 'resident', zoneId: 'z1', intensity: 2, unsafe: null, areaId: null, count: 1 },
      { lat: 43.8, lon: 10.5, source: 'police', zoneId: 'z2', areaId: null, unsafe: null, count: 7 },
    ];
    const t = signalTableFrom(points);
    const out = tally(t, selectRows(t), ['zone', 'source', 'intensity', 'unsafe']);
    expect(out.map((p) => [p.zoneId, p.source, p.intensity, p.unsafe, p.count]).sort()).toEqual(
      [
        ['z1', 'resident', 4, true, 2],
        ['z1', 'resident', 2, null, 1],
        ['z2', 'police', undefined, null, 7],
      ].sort(),
    );
  });

  it('dates months in UTC without a Date per row', () => {
    for (const iso of ['1970-01-01T00:00:00Z', '1999-12-31T23:59:59.999Z', '2000-02-29T12:00:00Z', '2026-12-01T00:00:00Z', '2100-03-01T00:00:00Z']) {
      const d = new Date(iso);
      expect(monthIndex(d.getTime())).toBe((d.getUTCFullYear() - 1900) * 12 + d.getUTCMonth() + 1);
    }
    expect(monthIndex(NaN)).toBe(0);
  });
});

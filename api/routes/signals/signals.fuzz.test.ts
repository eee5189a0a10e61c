// Property: whatever arrives at POST /signals, the answer is never a 5xx, a refusal writes
// nothing, and an acceptance writes at most the one signal it acknowledges.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categoryIds, dayKindIds, helpIds, timeBandIds } from '../../../surveys/taxonomy';
import { createTestApp, tableCounts, type TestApp } from '../../test/test-app';
import { FAR_AWAY, IN_GAP, IN_TERRITORY_NO_ZONE, IN_ZONE } from './test-fixtures';

// Twice: through the Hono app (as Workers and the tests' app.request run it), and over a socket
// to the Node server `npm start` runs, whose direct path answers this route (node-signal-path.ts).
describe.each([
  ['Hono app', false],
  ['Node server', true],
] as const)('%s', (_server, http) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ http, seed: true, residentSignals: 20, env: { SIGNAL_RATE_LIMIT: '0' } });
  });
  afterAll(() => t.close());

  const ids = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'];
  const oneOf = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
  const junk = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }));
  const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(fc.oneof({ weight: 12, arbitrary: arb }, { weight: 1, arbitrary: junk }), { nil: undefined, freq: 12 });
  const place = fc.oneof({ weight: 6, arbitrary: oneOf([IN_ZONE, IN_TERRITORY_NO_ZONE]) }, { weight: 1, arbitrary: oneOf([IN_GAP, FAR_AWAY, { lat: 91, lon: 0 }]) });

  // Mostly well-formed reports with some fields broken, and a share of arbitrary JSON.
  const almostValid = fc
    .record(
      {
        id: fc.oneof({ weight: 6, arbitrary: fc.uuid({ version: 4 }) }, { weight: 2, arbitrary: oneOf(ids) }, { weight: 1, arbitrary: junk }),
        place: place,
        categories: maybe(fc.uniqueArray(oneOf(categoryIds), { minLength: 1, maxLength: 4 })),
        timeBands: maybe(fc.uniqueArray(oneOf(timeBandIds), { minLength: 1, maxLength: 3 })),
        days: maybe(fc.uniqueArray(oneOf(dayKindIds), { maxLength: 2 })),
        helps: maybe(fc.array(oneOf(helpIds), { maxLength: 3 })),
        intensity: maybe(fc.integer({ min: 0, max: 6 })),
        text: fc.option(fc.oneof(fc.string({ maxLength: 520 }), junk), { nil: undefined, freq: 2 }),
        website: fc.option(fc.string({ maxLength: 5 }), { nil: undefined, freq: 8 }),
        // Unknown fields in one body out of five (fc.option's freq is the odds of nil: 1 in freq).
        extra: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 6 }), junk, { maxKeys: 2 }) }),
      },
      { requiredKeys: ['id', 'place', 'text', 'website', 'extra'] },
    )
    .map(({ place: p, extra, ...rest }) => ({ ...rest, lat: p.lat, lon: p.lon, ...(extra ?? {}) }));

  const anyBody = fc.oneof(
    { weight: 6, arbitrary: almostValid.map((b) => JSON.stringify(b)) },
    { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
  );

  describe('POST /signals under arbitrary input', () => {
    it('never answers 5xx; refusals write nothing; acceptances write at most one signal', async () => {
      const seen = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(anyBody, fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain'), async (body, type) => {
          const before = await tableCounts(t.db);
          const res = await t.request('/api/diagnoses/demo/signals', { method: 'POST', body, headers: { 'content-type': type } });
          const after = await tableCounts(t.db);
          seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400) {
            expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
            expect(after).toEqual(before);
          } else {
            expect([200, 201]).toContain(res.status);
            const added = after.signals - before.signals;
            expect(added === 0 || (added === 1 && res.status === 201)).toBe(true);
            expect({ ...after, signals: 0 }).toEqual({ ...before, signals: 0 });
          }
        }),
        { numRuns: 300 },
      );
      // The generator reaches both sides: stored reports and each kind of refusal.
      for (const status of [201, 415, 422]) expect(seen.get(status) ?? 0, JSON.stringify([...seen])).toBeGreaterThan(0);
    });
  });
});

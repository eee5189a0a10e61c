// A known path asked with a method it does not take: 405 with Allow, as a problem document;
// an unknown path stays 404. Nothing is written either way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, tableCounts, type TestApp } from './test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ seed: true, residentSignals: 5 });
});
afterAll(() => t.close());

describe('methods', () => {
  it.each([
    ['GET', '/api/diagnoses/demo/signals', 'POST'],
    ['DELETE', '/api/auth/login', 'POST'],
    ['POST', '/api/health', 'GET, HEAD'],
    ['PUT', '/api/diagnoses/demo', 'GET, PATCH, HEAD'],
    ['PATCH', '/api/openapi.json', 'GET, HEAD'],
  ])('%s %s → 405, Allow: %s', async (method, path, allow) => {
    const before = await tableCounts(t.db);
    const res = await t.request(path, { method });
    expect(res.headers.get('allow')).toBe(allow);
    const p = await expectProblem(res, 405);
    expect(p.detail).toContain(allow);
    expect(await tableCounts(t.db)).toEqual(before);
  });

  it('an unknown path is 404 whatever the method', async () => {
    for (const method of ['GET', 'POST', 'DELETE']) await expectProblem(await t.request('/api/no-such-thing', { method }), 404);
    await expectProblem(await t.request('/api/diagnoses/demo/signals/extra/path', { method: 'POST' }), 404);
  });
});

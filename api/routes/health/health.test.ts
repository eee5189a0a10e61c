import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, type TestApp } from '../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('GET /api/health', () => {
  it('reports the runtime and a reachable database', async () => {
    const res = await t.request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', runtime: 'node', db: 'ok' });
  });

  it('sends security headers', async () => {
    const res = await t.request('/api/health');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  });
});

describe('unknown routes', () => {
  it.each(['/api/nope', '/api', '/api/diagnoses/demo/nothing-here', '/api/health/extra'])('%s is a 404 problem document', async (path) => {
    const body = await expectProblem(await t.request(path), 404);
    expect(body.detail).toContain(path);
  });

  it('a wrong method on a known path is a 405 problem document naming the methods it takes', async () => {
    const res = await t.request('/api/health', { method: 'DELETE' });
    expect(res.headers.get('allow')).toBe('GET, HEAD');
    await expectProblem(res, 405);
  });
});

describe('OpenAPI', () => {
  it('serves a 3.1 document generated from the zod schemas', async () => {
    const res = await t.request('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, any>> };
    expect(doc.openapi).toBe('3.1.0');
    const pub = doc.paths['/api/diagnoses/{slug}/public'].get;
    expect(pub.parameters.map((p: { name: string }) => p.name)).toEqual(['slug', 'lang']);
    expect(pub.responses['200'].content['application/json'].schema.properties).toHaveProperty('zones');
    expect(doc.paths['/api/health'].get.responses['200'].content['application/json'].schema.properties.runtime.enum).toEqual(['node', 'workers']);
  });

  it('has a human-readable docs page that needs no external script', async () => {
    const res = await t.request('/api/docs');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('/api/diagnoses/{slug}/public');
    expect(html).not.toMatch(/<script/i);
  });
});

// Refused requests, as every write route must treat them: the status, a problem document, and
// not one row changed. `expectGuardedWrite` runs the refusals all JSON writes share.
import { expect } from 'vitest';
import type { AuthHeaders } from './auth';
import { expectProblem, tableDigests, type TestApp } from './test-app';

type Init = RequestInit & { json?: unknown };

export async function expectRefused(t: TestApp, status: number, path: string, init: Init = {}) {
  const before = await tableDigests(t.db);
  const body = await expectProblem(await t.request(path, init), status);
  expect(await tableDigests(t.db), `${init.method ?? 'GET'} ${path} → ${status} changed rows`).toEqual(before);
  return body;
}

/**
 * 401 without a session, 403 without or with a forged CSRF token, 415 for another content type,
 * 413 over the size limit, 400 for malformed JSON, 422 for an unknown field or a non-object.
 * `valid` is a body the route would accept, so each refusal is down to one thing only.
 */
export async function expectGuardedWrite(t: TestApp, method: string, path: string, auth: AuthHeaders, valid: Record<string, unknown>) {
  const { cookie } = auth;
  const headers = { cookie, 'x-csrf-token': auth['x-csrf-token'] };
  await expectRefused(t, 401, path, { method, json: valid });
  await expectRefused(t, 403, path, { method, headers: { cookie }, json: valid });
  await expectRefused(t, 403, path, { method, headers: { cookie, 'x-csrf-token': 'forged' }, json: valid });
  await expectRefused(t, 415, path, { method, headers: { ...headers, 'content-type': 'text/plain' }, body: JSON.stringify(valid) });
  await expectRefused(t, 415, path, { method, headers, body: new URLSearchParams({ a: '1' }) });
  await expectRefused(t, 413, path, { method, headers, json: { ...valid, padding: 'x'.repeat(70_000) } });
  await expectRefused(t, 400, path, { method, headers: { ...headers, 'content-type': 'application/json' }, body: '{"name": ' });
  const unknown = await expectRefused(t, 422, path, { method, headers, json: { ...valid, unexpected: true } });
  expect(unknown.errors?.map((e) => e.field)).toContain('unexpected');
  await expectRefused(t, 422, path, { method, headers, json: [valid] });
}

// The guard stack every JSON endpoint uses, exercised through the app's own error handler.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { expectProblem } from '../test/test-app';
import { limitBody, requireJson, validate } from './json-body';
import { notFound, onError } from './on-error';

const schema = z.strictObject({ name: z.string().max(10), n: z.number().int().min(1).max(5) });
let writes = 0;
const app = new Hono()
  .post('/thing', requireJson, limitBody(), validate('json', schema), (c) => {
    writes++;
    return c.json(c.req.valid('json'), 201);
  })
  .notFound(notFound)
  .onError(onError);
const post = (body: BodyInit, type = 'application/json') => Promise.resolve(app.request('/thing', { method: 'POST', body, headers: { 'content-type': type } }));

describe('JSON body guards', () => {
  it('accepts a valid body', async () => {
    const res = await post(JSON.stringify({ name: 'a', n: 2 }));
    expect(res.status).toBe(201);
  });

  it('malformed JSON is 400', async () => {
    const before = writes;
    await expectProblem(await post('{"name": '), 400);
    expect(writes).toBe(before);
  });

  it('a wrong content type is 415', async () => {
    await expectProblem(await post(JSON.stringify({ name: 'a', n: 2 }), 'text/plain'), 415);
    await expectProblem(await post('name=a', 'application/x-www-form-urlencoded'), 415);
  });

  it('a body over 64 KiB is 413', async () => {
    const before = writes;
    await expectProblem(await post(JSON.stringify({ name: 'x'.repeat(70_000), n: 1 })), 413);
    expect(writes).toBe(before);
  });

  it('validation failures are 422 with one entry per bad field', async () => {
    const body = await expectProblem(await post(JSON.stringify({ name: 5, n: 9, extra: true, more: 1 })), 422);
    expect(body.errors?.map((e) => e.field).sort()).toEqual(['extra', 'more', 'n', 'name']);
  });

  it('a JSON array or scalar instead of an object is 422', async () => {
    await expectProblem(await post('[1,2]'), 422);
    await expectProblem(await post('"x"'), 422);
  });
});

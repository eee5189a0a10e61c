// Maps every error to a problem document; nothing else (no stack, no driver message) leaves.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { malformedBody } from './json-body';
import { Problem, problemResponse } from './problem';

export function onError(err: Error, c: Context): Response {
  if (err instanceof Problem) return problemResponse(c, err);
  if (err instanceof HTTPException) {
    // Hono's own exceptions (e.g. body limit, malformed JSON from c.req.json()).
    const status = err.status as ContentfulStatusCode;
    return problemResponse(c, status === 400 ? malformedBody() : new Problem(status, err.message || 'Request refused.'));
  }
  console.error(`[${c.req.method} ${new URL(c.req.url).pathname}]`, err);
  return problemResponse(c, internalError());
}

/** What any unexpected error becomes: no stack, no driver message. */
export const internalError = () => new Problem(500, 'Something went wrong on our side. The request changed nothing; please try again.');

export function notFound(c: Context): Response {
  return problemResponse(c, new Problem(404, `No resource at ${c.req.method} ${new URL(c.req.url).pathname}.`));
}

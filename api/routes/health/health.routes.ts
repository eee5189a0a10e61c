// Liveness and database reachability, for load balancers and the smoke suites.
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import type { RouteDoc } from '../../lib/openapi';

export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  runtime: z.enum(['node', 'workers']),
  db: z.enum(['ok', 'error']),
});

export const healthDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/health',
    summary: 'Health of the API and its database',
    tags: ['meta'],
    responses: { 200: { description: 'Up', schema: healthSchema }, 503: { description: 'Database unreachable', schema: healthSchema } },
  },
];

export function healthRoutes(deps: AppDeps) {
  return new Hono().get('/health', async (c) => {
    let db: 'ok' | 'error' = 'ok';
    try {
      await deps.db.run(sql`select 1`);
    } catch (err) {
      console.error('health: database check failed', err);
      db = 'error';
    }
    const body: z.infer<typeof healthSchema> = { status: db === 'ok' ? 'ok' : 'degraded', runtime: deps.runtime, db };
    c.header('cache-control', 'no-store');
    return c.json(body, db === 'ok' ? 200 : 503);
  });
}

// Sign-in, sign-out and "who am I" for the analyst workspace.
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { verifyPassword } from '../../auth/password';
import { csrfFor, currentUser, endSession, startSession } from '../../auth/session';
import { sha256Hex } from '../../auth/tokens';
import { roles, users } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { limitBody, requireJson, validate } from '../../lib/json-body';
import type { RouteDoc } from '../../lib/openapi';
import { Problem } from '../../lib/problem';
import { memoryRateLimiter } from '../../lib/rate-limit';

export const loginSchema = z.strictObject({
  email: z.email().max(200),
  password: z.string().min(1).max(200),
});
export const meSchema = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.enum(roles) }),
  csrfToken: z.string(),
});

export const authDocs: RouteDoc[] = [
  { method: 'post', path: '/api/auth/login', summary: 'Sign in (sets an HttpOnly session cookie)', tags: ['auth'], body: loginSchema, responses: { 200: { description: 'Signed in', schema: meSchema }, 401: { description: 'Wrong email or password' }, 429: { description: 'Too many attempts' } } },
  { method: 'post', path: '/api/auth/logout', summary: 'Sign out', tags: ['auth'], responses: { 204: { description: 'Signed out' } } },
  { method: 'get', path: '/api/auth/me', summary: 'The signed-in user and the CSRF token to send on writes', tags: ['auth'], security: 'session', responses: { 200: { description: 'Signed in', schema: meSchema }, 401: { description: 'Not signed in' } } },
];

// A fixed cost for unknown emails, so timing does not reveal which accounts exist.
const DUMMY_HASH = 'pbkdf2$100000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export function authRoutes(deps: AppDeps) {
  // 10 attempts per 15 minutes per email: slows guessing without identifying the client.
  const limiter = memoryRateLimiter(10, 15 * 60 * 1000);
  return new Hono()
    .post('/auth/login', requireJson, limitBody(4096), validate('json', loginSchema), async (c) => {
      const { email, password } = c.req.valid('json');
      const key = await sha256Hex(`login:${email.toLowerCase()}`);
      const gate = limiter.hit(key, deps.clock().getTime());
      if (!gate.allowed) {
        throw new Problem(429, 'Too many sign-in attempts; try again later.', { headers: { 'retry-after': String(gate.retryAfterSeconds) } });
      }
      const [user] = await deps.db.select().from(users).where(eq(users.email, email.toLowerCase())).limit(1);
      const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
      if (!user || !ok || user.disabledAt) throw new Problem(401, 'Wrong email or password.');
      limiter.reset(key);
      const { csrfToken } = await startSession(c, deps, user.id);
      return c.json({ user: { id: user.id, email: user.email, name: user.name, role: user.role }, csrfToken }, 200);
    })
    .post('/auth/logout', async (c) => {
      await endSession(c, deps);
      return c.body(null, 204);
    })
    .get('/auth/me', async (c) => {
      const found = await currentUser(c, deps);
      if (!found) throw new Problem(401, 'Not signed in.');
      c.header('cache-control', 'no-store');
      return c.json({ user: found.user, csrfToken: await csrfFor(found.token) }, 200);
    });
}

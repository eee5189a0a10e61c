// Sign-in, sign-out, "who am I" and one's own password change for the analyst workspace.
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { verifyPassword } from '../../auth/password';
import { type AuthEnv, csrfFor, currentUser, endSession, requireUser, startSession } from '../../auth/session';
import { sha256Hex } from '../../auth/tokens';
import { newPasswordStatements } from '../../auth/users';
import { runAtomically } from '../../db/client';
import { roles, users } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { limitBody, requireJson, validate } from '../../lib/json-body';
import type { RouteDoc } from '../../lib/openapi';
import { Problem } from '../../lib/problem';
import { memoryRateLimiter } from '../../lib/rate-limit';
import { auditInsert } from '../../lib/audit';
import { passwordSchema } from '../users/users.schemas';

export const loginSchema = z.strictObject({
  email: z.email().max(200),
  password: z.string().min(1).max(200),
});
export const changePasswordSchema = z.strictObject({
  currentPassword: z.string().min(1).max(200).describe('The password the user signs in with now'),
  newPassword: passwordSchema.describe('The new password'),
});
export const meSchema = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.enum(roles) }),
  csrfToken: z.string(),
});

export const authDocs: RouteDoc[] = [
  { method: 'post', path: '/api/auth/login', summary: 'Sign in (sets an HttpOnly session cookie)', tags: ['auth'], body: loginSchema, responses: { 200: { description: 'Signed in', schema: meSchema }, 401: { description: 'Wrong email or password' }, 429: { description: 'Too many attempts' } } },
  { method: 'post', path: '/api/auth/logout', summary: 'Sign out', tags: ['auth'], responses: { 204: { description: 'Signed out' } } },
  { method: 'get', path: '/api/auth/me', summary: 'The signed-in user and the CSRF token to send on writes', tags: ['auth'], security: 'session', responses: { 200: { description: 'Signed in', schema: meSchema }, 401: { description: 'Not signed in' } } },
  {
    method: 'post',
    path: '/api/auth/password',
    summary: 'Change one’s own password',
    description: 'Any signed-in role. The current password must be given; every other session of the account ends, this one stays. 10 attempts per account per 15 minutes, then 429.',
    tags: ['auth'],
    security: 'session',
    body: changePasswordSchema,
    responses: { 204: { description: 'Changed' }, 422: { description: 'Wrong current password, or a new one that breaks the rule or equals the current one' }, 429: { description: 'Too many attempts' } },
  },
];

// A fixed cost for unknown emails, so timing does not reveal which accounts exist.
const DUMMY_HASH = 'pbkdf2$100000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export function authRoutes(deps: AppDeps) {
  // 10 attempts per 15 minutes per email: slows guessing without identifying the client.
  const limiter = memoryRateLimiter(10, 15 * 60 * 1000);
  // And 10 password-change attempts per 15 minutes per account (a success starts the count again).
  const passwordLimiter = memoryRateLimiter(10, 15 * 60 * 1000);
  return new Hono<AuthEnv>()
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
    })
    .post('/auth/password', requireUser(deps), requireJson, limitBody(4096), validate('json', changePasswordSchema), async (c) => {
      const { currentPassword, newPassword } = c.req.valid('json');
      const me = c.get('user');
      const key = await sha256Hex(`password:${me.id}`);
      const now = deps.clock();
      // Counted before the check, so a stolen session cannot keep guessing the password.
      const gate = passwordLimiter.hit(key, now.getTime());
      if (!gate.allowed) throw new Problem(429, 'Too many attempts; try again later.', { headers: { 'retry-after': String(gate.retryAfterSeconds) } });
      const [row] = await deps.db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, me.id)).limit(1);
      if (!(await verifyPassword(currentPassword, row.passwordHash))) {
        throw new Problem(422, 'The current password is wrong.', { errors: [{ field: 'currentPassword', message: 'Wrong password.' }] });
      }
      if (newPassword === currentPassword) {
        throw new Problem(422, 'The new password is the current one.', { errors: [{ field: 'newPassword', message: 'Choose a password other than the current one.' }] });
      }
      passwordLimiter.reset(key);
      // This session stays; every other one of the account ends.
      await runAtomically(deps.db, [
        ...(await newPasswordStatements(deps.db, me.id, newPassword, c.get('sessionId'))),
        auditInsert(deps.db, { userId: me.id, action: 'user.password-change', target: me.email }, now),
      ]);
      return c.body(null, 204);
    });
}

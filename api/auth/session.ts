// Analysts' sessions: an HttpOnly cookie holding a random token (stored hashed), and a CSRF
// token derived from it that state-changing requests must echo in `x-csrf-token`.
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppDeps } from '../deps';
import { sessions, users, type Role } from '../db/schema';
import { Problem } from '../lib/problem';
import { randomToken, sha256Hex } from './tokens';

export const SESSION_COOKIE = 'osservatorio_session';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export type SessionUser = { id: string; email: string; name: string; role: Role };
/** `sessionId`: the stored hash of the caller's session, so a route can end every session but it. */
export type AuthEnv = { Variables: { user: SessionUser; sessionId: string } };

export const csrfFor = (sessionToken: string) => sha256Hex(`${sessionToken}:csrf`);

export async function startSession(c: Context, deps: AppDeps, userId: string): Promise<{ csrfToken: string }> {
  const token = randomToken(32);
  const now = deps.clock();
  await deps.db.insert(sessions).values({ idHash: await sha256Hex(token), userId, expiresAt: new Date(now.getTime() + SESSION_TTL_MS), createdAt: now });
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    secure: new URL(c.req.url).protocol === 'https:',
    sameSite: 'Strict',
    path: '/',
    maxAge: SESSION_TTL_MS / 1000,
  });
  return { csrfToken: await csrfFor(token) };
}

export async function endSession(c: Context, deps: AppDeps): Promise<void> {
  const token = getCookie(c, SESSION_COOKIE);
  if (token) await deps.db.delete(sessions).where(eq(sessions.idHash, await sha256Hex(token)));
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

export async function currentUser(c: Context, deps: AppDeps): Promise<{ user: SessionUser; token: string; sessionId: string } | null> {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token || token.length > 100) return null;
  const sessionId = await sha256Hex(token);
  const [row] = await deps.db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.idHash, sessionId), gt(sessions.expiresAt, deps.clock()), isNull(users.disabledAt)))
    .limit(1);
  return row ? { user: row, token, sessionId } : null;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** 401 without a valid session, 403 for another role or a missing/wrong CSRF token. */
export function requireUser(deps: AppDeps, ...roles: Role[]): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const found = await currentUser(c, deps);
    if (!found) throw new Problem(401, 'Sign in to use this resource.');
    if (roles.length > 0 && !roles.includes(found.user.role)) {
      throw new Problem(403, `This action needs one of the roles: ${roles.join(', ')}.`);
    }
    if (!SAFE_METHODS.has(c.req.method)) {
      const sent = c.req.header('x-csrf-token');
      if (!sent || sent !== (await csrfFor(found.token))) throw new Problem(403, 'Missing or wrong CSRF token (send the x-csrf-token header).');
    }
    c.set('user', found.user);
    c.set('sessionId', found.sessionId);
    await next();
  };
}

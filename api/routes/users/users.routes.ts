// Accounts (admin only): list, create, rename, change role, disable/enable, reset password.
// Every change is one batch with its audit rows. No change may leave the platform without an
// active admin: that rule is a condition inside the batch, so two admins demoting each other at
// the same moment cannot both succeed.
import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { z } from 'zod';
import { type AuthEnv, requireUser } from '../../auth/session';
import { generatePassword, newPasswordStatements, newUserRow } from '../../auth/users';
import { isUniqueViolation, runAtomically, type Statement } from '../../db/client';
import { sessions, users } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { auditInsert, auditInsertWhen } from '../../lib/audit';
import { limitBody, requireJson, validate } from '../../lib/json-body';
import type { RouteDoc } from '../../lib/openapi';
import { Problem } from '../../lib/problem';
import { createUserSchema, resetPasswordSchema, updateUserSchema, userIdParam, userListSchema, userSchema, userWithPasswordSchema } from './users.schemas';

const BODY_MAX = 4096;

export const userDocs: RouteDoc[] = [
  { method: 'get', path: '/api/users', summary: 'List accounts (admin)', tags: ['accounts'], security: 'session', responses: { 200: { description: 'Accounts', schema: userListSchema } } },
  {
    method: 'post',
    path: '/api/users',
    summary: 'Create an account (admin)',
    description: 'Without a password one is generated and returned once in the answer; only its PBKDF2 hash is stored.',
    tags: ['accounts'],
    security: 'session',
    body: createUserSchema,
    responses: { 201: { description: 'Created', schema: userWithPasswordSchema }, 409: { description: 'Email already used' } },
  },
  {
    method: 'patch',
    path: '/api/users/{id}',
    summary: 'Rename, change the role of, disable or enable an account (admin)',
    description: 'Disabling ends the account’s sessions and refuses its sign-in. A change that would leave no active admin is refused with 409.',
    tags: ['accounts'],
    security: 'session',
    params: userIdParam,
    body: updateUserSchema,
    responses: { 200: { description: 'Updated', schema: userSchema }, 404: { description: 'No such account' }, 409: { description: 'It is the last active admin' } },
  },
  {
    method: 'post',
    path: '/api/users/{id}/password',
    summary: 'Reset an account’s password (admin)',
    description: 'Ends the account’s sessions (except the caller’s own when resetting their own). Without a password one is generated and returned once.',
    tags: ['accounts'],
    security: 'session',
    params: userIdParam,
    body: resetPasswordSchema,
    responses: { 200: { description: 'Reset', schema: userWithPasswordSchema }, 404: { description: 'No such account' } },
  },
];

type User = z.infer<typeof userSchema>;

function selectUsers(deps: AppDeps, where?: SQL) {
  const now = deps.clock().getTime();
  return deps.db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      disabledAt: users.disabledAt,
      createdAt: users.createdAt,
      activeSessions: sql<number>`(select count(*) from sessions s where s.user_id = users.id and s.expires_at > ${now})`,
    })
    .from(users)
    .where(where)
    .orderBy(asc(users.email));
}

function toUser(r: Awaited<ReturnType<typeof selectUsers>>[number]): User {
  return { ...r, disabledAt: r.disabledAt?.toISOString() ?? null, createdAt: r.createdAt.toISOString(), activeSessions: Number(r.activeSessions) };
}

async function userById(deps: AppDeps, id: string): Promise<User> {
  const [row] = await selectUsers(deps, eq(users.id, id));
  if (!row) throw new Problem(404, 'No account with this id.');
  return toUser(row);
}

const emailTaken = (email: string) => new Problem(409, `The email ${email} already has an account.`, { errors: [{ field: 'email', message: 'Already used.' }] });

/** True at commit time while an active admin other than `id` exists. */
const anotherActiveAdmin = (id: string) => sql`exists (select 1 from users o where o.role = 'admin' and o.disabled_at is null and o.id != ${id})`;

export function userRoutes(deps: AppDeps) {
  const { db } = deps;
  const admin = requireUser(deps, 'admin');
  return new Hono<AuthEnv>()
    .get('/users', admin, async (c) => {
      c.header('cache-control', 'no-store');
      return c.json({ items: (await selectUsers(deps)).map(toUser) }, 200);
    })
    .post('/users', admin, requireJson, limitBody(BODY_MAX), validate('json', createUserSchema), async (c) => {
      const body = c.req.valid('json');
      const email = body.email.toLowerCase();
      const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
      if (taken) throw emailTaken(email);
      const password = body.password ?? generatePassword();
      const now = deps.clock();
      const row = await newUserRow({ email, name: body.name, role: body.role, password }, now);
      try {
        await runAtomically(db, [
          db.insert(users).values(row),
          auditInsert(db, { userId: c.get('user').id, action: 'user.create', target: email, details: { name: body.name, role: body.role, passwordGenerated: !body.password } }, now),
        ]);
      } catch (err) {
        // Another request created the same email since the check above.
        if (isUniqueViolation(err)) throw emailTaken(email);
        throw err;
      }
      c.header('cache-control', 'no-store');
      return c.json({ user: await userById(deps, row.id), ...(body.password ? {} : { password }) }, 201);
    })
    .patch('/users/:id', admin, validate('param', userIdParam), requireJson, limitBody(BODY_MAX), validate('json', updateUserSchema), async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const target = await userById(deps, id);
      const now = deps.clock();
      const set: Partial<typeof users.$inferInsert> = {};
      const changes: { action: string; details?: Record<string, unknown> }[] = [];
      if (body.name !== undefined && body.name !== target.name) {
        set.name = body.name;
        changes.push({ action: 'user.rename', details: { from: target.name, to: body.name } });
      }
      if (body.role !== undefined && body.role !== target.role) {
        set.role = body.role;
        changes.push({ action: 'user.role', details: { from: target.role, to: body.role } });
      }
      if (body.disabled === true && !target.disabledAt) {
        set.disabledAt = now;
        changes.push({ action: 'user.disable' });
      } else if (body.disabled === false && target.disabledAt) {
        set.disabledAt = null;
        changes.push({ action: 'user.enable' });
      }
      if (changes.length === 0) return c.json(target, 200);

      const activeAdmin = target.role === 'admin' && !target.disabledAt;
      const removesAdmin = activeAdmin && ((set.role !== undefined && set.role !== 'admin') || set.disabledAt instanceof Date);
      const guard = removesAdmin ? anotherActiveAdmin(id) : sql`1`;
      const statements: Statement[] = [
        // Audit rows first: they and the update see the same database, so both happen or neither.
        ...changes.map((ch) => auditInsertWhen(db, { userId: c.get('user').id, action: ch.action, target: target.email, details: ch.details }, now, guard)),
        db.update(users).set(set).where(and(eq(users.id, id), guard)).returning({ id: users.id }),
        // A disabled account is signed out everywhere at once.
        ...(set.disabledAt instanceof Date ? [db.delete(sessions).where(and(eq(sessions.userId, id), guard))] : []),
      ];
      const results = await db.batch(statements as [Statement, ...Statement[]]);
      if ((results[changes.length] as unknown[]).length === 0) {
        throw new Problem(409, 'This is the last active admin: make another account admin before demoting or disabling this one.', {
          errors: [{ field: set.disabledAt ? 'disabled' : 'role', message: 'The last active admin must stay an active admin.' }],
        });
      }
      return c.json(await userById(deps, id), 200);
    })
    .post('/users/:id/password', admin, validate('param', userIdParam), requireJson, limitBody(BODY_MAX), validate('json', resetPasswordSchema), async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const target = await userById(deps, id);
      const password = body.password ?? generatePassword();
      const now = deps.clock();
      // An admin resetting their own password keeps this session.
      const keep = target.id === c.get('user').id ? c.get('sessionId') : undefined;
      await runAtomically(db, [
        ...(await newPasswordStatements(db, id, password, keep)),
        auditInsert(db, { userId: c.get('user').id, action: 'user.password-reset', target: target.email, details: { passwordGenerated: !body.password } }, now),
      ]);
      c.header('cache-control', 'no-store');
      return c.json({ user: await userById(deps, id), ...(body.password ? {} : { password }) }, 200);
    });
}

// Creating accounts (CLI and admin API share this), and giving one a new password.
import { hashPassword } from './password';
import type { AppDb } from '../db/client';
import { and, eq, ne } from 'drizzle-orm';
import { type Role, sessions, users } from '../db/schema';
import { randomToken } from './tokens';

export { PASSWORD_MAX, PASSWORD_MIN } from './password-rules';

/** A password for someone to change or keep: 16 URL-safe characters, 96 bits. */
export const generatePassword = () => randomToken(12);

/** The row of a new account, password hashed; the caller inserts it (alone or in a batch). */
export async function newUserRow(input: { email: string; name: string; password: string; role: Role }, now = new Date()) {
  return { id: crypto.randomUUID(), email: input.email.toLowerCase(), name: input.name, role: input.role, passwordHash: await hashPassword(input.password), createdAt: now };
}

export async function addUser(db: AppDb, input: { email: string; name: string; password: string; role: Role }) {
  const row = await newUserRow(input);
  await db.insert(users).values(row);
  return row.id;
}

/**
 * A new password for an account: its hash, and the end of the account's sessions (all of them, or
 * all but `keepSessionId`): whoever knew the old password is signed out. The caller runs these in
 * one batch with its audit row.
 */
export async function newPasswordStatements(db: AppDb, userId: string, password: string, keepSessionId?: string) {
  return [
    db.update(users).set({ passwordHash: await hashPassword(password) }).where(eq(users.id, userId)),
    db.delete(sessions).where(and(eq(sessions.userId, userId), keepSessionId ? ne(sessions.idHash, keepSessionId) : undefined)),
  ] as const;
}

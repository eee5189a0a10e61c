// Creating accounts (CLI and admin API share this).
import { hashPassword } from './password';
import type { AppDb } from '../db/client';
import { type Role, users } from '../db/schema';

export async function addUser(db: AppDb, input: { email: string; name: string; password: string; role: Role }) {
  const id = crypto.randomUUID();
  await db.insert(users).values({ id, email: input.email.toLowerCase(), name: input.name, role: input.role, passwordHash: await hashPassword(input.password) });
  return id;
}

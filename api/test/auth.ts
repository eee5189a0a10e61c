// Signs in as a fresh user of a role; returns the headers a browser would send on writes.
import { addUser } from '../auth/users';
import type { Role } from '../db/schema';
import type { TestApp } from './test-app';

export type AuthHeaders = { cookie: string; 'x-csrf-token': string };

let n = 0;
export async function loginAs(t: TestApp, role: Role): Promise<AuthHeaders & { userId: string }> {
  const email = `${role}-${++n}-${Date.now()}@test.example`;
  const password = 'correct horse battery staple';
  const userId = await addUser(t.db, { email, name: `Test ${role}`, password, role });
  const res = await t.request('/api/auth/login', { method: 'POST', json: { email, password } });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0];
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': csrfToken, userId };
}

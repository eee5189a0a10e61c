// `npm run cli -- user:add`: the account is stored with a PBKDF2 hash and logged as made from the
// command line; bad options change nothing.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifyPassword } from '../auth/password';
import { auditLog, users } from '../db/schema';
import { parseEnv } from '../env';
import { createTestApp, tableCounts, type TestApp } from '../test/test-app';
import { userAdd } from './user-add';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function run(values: Record<string, string | undefined>): Promise<string[]> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
  try {
    await userAdd.run({ db: t.db, config: parseEnv({}), values });
  } finally {
    spy.mockRestore();
  }
  return lines;
}

describe('user:add', () => {
  it('creates an account with a generated password, printed once, and an audit row without a user', async () => {
    const lines = await run({ email: 'Cli@Ente.example', name: 'Da riga di comando', role: 'analyst' });
    const password = lines.join('\n').match(/with password (\S+)/)![1];
    const [row] = await t.db.select().from(users).where(eq(users.email, 'cli@ente.example'));
    expect(row).toMatchObject({ name: 'Da riga di comando', role: 'analyst', disabledAt: null });
    expect(await verifyPassword(password, row.passwordHash)).toBe(true);
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.target, 'cli@ente.example'));
    expect(entry).toMatchObject({ action: 'user.create', userId: null, diagnosisId: null, details: { role: 'analyst', via: 'cli', passwordGenerated: true } });
  });

  it('refuses a short password or an unknown role, creating nothing', async () => {
    const before = await tableCounts(t.db);
    await expect(run({ email: 'x@ente.example', password: 'corta' })).rejects.toThrow(/--password/);
    await expect(run({ email: 'x@ente.example', role: 'root' })).rejects.toThrow(/--role/);
    expect(await tableCounts(t.db)).toEqual(before);
  });
});

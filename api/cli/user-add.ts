// user:add: create an analyst account (the first admin on a database without the demo).
import { z } from 'zod';
import { generatePassword, newUserRow, PASSWORD_MAX, PASSWORD_MIN } from '../auth/users';
import { runAtomically } from '../db/client';
import { auditInsert } from '../lib/audit';
import { roles, users } from '../db/schema';
import type { CliCommand } from './command';

const input = z.object({
  email: z.email(),
  name: z.string().min(1).default('Amministratore'),
  role: z.enum(roles).default('admin'),
  password: z.string().min(PASSWORD_MIN, `at least ${PASSWORD_MIN} characters`).max(PASSWORD_MAX).optional(),
});

export const userAdd: CliCommand = {
  summary: 'Create an account (admin, analyst or moderator).',
  usage: '--email you@example.org [--name "Nome Cognome"] [--role admin|analyst|moderator] [--password ...]',
  options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, password: { type: 'string' } },
  async run({ db, values }) {
    const parsed = input.safeParse(values);
    if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
    const password = parsed.data.password ?? generatePassword();
    const now = new Date();
    const row = await newUserRow({ ...parsed.data, password }, now);
    // Logged like an account made in the workspace, with no user: the command line did it.
    await runAtomically(db, [
      db.insert(users).values(row),
      auditInsert(db, { userId: null, action: 'user.create', target: row.email, details: { name: row.name, role: row.role, passwordGenerated: !parsed.data.password, via: 'cli' } }, now),
    ]);
    console.log(`Created ${parsed.data.role} ${parsed.data.email}${parsed.data.password ? '' : ` with password ${password}`}`);
  },
};

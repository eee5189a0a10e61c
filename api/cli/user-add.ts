// user:add: create an analyst account (the first admin on a database without the demo).
import { z } from 'zod';
import { addUser } from '../auth/users';
import { roles } from '../db/schema';
import { randomToken } from '../auth/tokens';
import type { CliCommand } from './command';

const input = z.object({
  email: z.email(),
  name: z.string().min(1).default('Amministratore'),
  role: z.enum(roles).default('admin'),
  password: z.string().min(10, 'at least 10 characters').optional(),
});

export const userAdd: CliCommand = {
  summary: 'Create an account (admin, analyst or moderator).',
  usage: '--email you@example.org [--name "Nome Cognome"] [--role admin|analyst|moderator] [--password ...]',
  options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, password: { type: 'string' } },
  async run({ db, values }) {
    const parsed = input.safeParse(values);
    if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
    const password = parsed.data.password ?? randomToken(12);
    await addUser(db, { ...parsed.data, password });
    console.log(`Created ${parsed.data.role} ${parsed.data.email}${parsed.data.password ? '' : ` with password ${password}`}`);
  },
};

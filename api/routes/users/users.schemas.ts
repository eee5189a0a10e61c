// Payloads of the accounts API (admin only): one zod schema per payload, for the validator, the
// OpenAPI document and the workspace's forms.
import { z } from 'zod';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../auth/password-rules';
import { roles } from '../../db/schema';

/** A password someone chooses: the same rule for accounts, resets and one's own change. */
export const passwordSchema = z.string().min(PASSWORD_MIN, `At least ${PASSWORD_MIN} characters.`).max(PASSWORD_MAX);
const password = passwordSchema;
const name = z.string().trim().min(1).max(200);

export const userIdParam = z.object({ id: z.uuid('An account id is a UUID.') });

export const createUserSchema = z.strictObject({
  email: z.email().max(200),
  name,
  role: z.enum(roles),
  password: password.optional().describe('Initial password; when absent one is generated and returned once'),
});

export const updateUserSchema = z
  .strictObject({
    name,
    role: z.enum(roles),
    disabled: z.boolean().describe('true ends the account’s sessions and refuses its sign-in; false enables it again'),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'Send at least one field to change.');

export const resetPasswordSchema = z.strictObject({
  password: password.optional().describe('New password; when absent one is generated and returned once'),
});

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(roles),
  disabledAt: z.string().nullable(),
  createdAt: z.string(),
  /** Sessions not yet expired: whether the person is signed in somewhere. */
  activeSessions: z.number().int(),
});
export const userListSchema = z.object({ items: z.array(userSchema) });

/** A created or reset account; `password` only when the server generated it (shown once). */
export const userWithPasswordSchema = z.object({ user: userSchema, password: z.string().optional() });

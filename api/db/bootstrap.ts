// What every runtime does on an empty database: seed the demo (unless SEED_DEMO=0) and make
// sure a first admin exists when one is configured. Prints what a newcomer needs.
import { count } from 'drizzle-orm';
import { addUser } from '../auth/users';
import type { Config } from '../env';
import type { AppDb } from './client';
import { users } from './schema';
import { isEmpty, seedDemo, type SeedResult } from './seed/demo';

export type BootstrapResult = { seeded: SeedResult | null; adminCreated: string | null; usersExist: boolean };

export async function bootstrap(db: AppDb, config: Config, now: Date): Promise<BootstrapResult> {
  let seeded: SeedResult | null = null;
  const admin = config.adminEmail && config.adminPassword ? { email: config.adminEmail, password: config.adminPassword } : undefined;
  if (config.seedDemo && (await isEmpty(db))) {
    seeded = await seedDemo(db, { now, admin });
  }
  let adminCreated: string | null = null;
  const [{ n }] = await db.select({ n: count() }).from(users);
  if (n === 0 && admin) {
    await addUser(db, { email: admin.email, name: 'Amministratore', password: admin.password, role: 'admin' });
    adminCreated = admin.email;
  }
  return { seeded, adminCreated, usersExist: n > 0 || adminCreated !== null };
}

export function describeStart(config: Config, base: string, result: BootstrapResult): string {
  const lines = [
    '',
    `Osservatorio is running at ${base}`,
    `  Resident page (demo):      ${base}/s/demo`,
    `  Analyst workspace:         ${base}/app`,
    `  API docs:                  ${base}/api/docs`,
  ];
  if (result.seeded) {
    lines.push(`  Demo sign-in:              ${result.seeded.admin.email} / ${result.seeded.admin.password}`);
    lines.push('  Institution invitations (shown once; tokens are stored hashed):');
    for (const l of result.seeded.invitationLinks.slice(0, 3)) lines.push(`    ${l.institution}: ${base}${l.path}`);
    lines.push(`    ... and ${result.seeded.invitationLinks.length - 3} more; a new link: npm run cli -- invite --diagnosis demo --institution "<name>"`);
  } else if (config.seedDemo) {
    lines.push('  Demo data already present. Invitation links were printed at first start;');
    lines.push('  make new ones with: npm run cli -- invite --diagnosis demo --institution "Comune di Borgo Lume"');
  }
  if (!result.usersExist) lines.push('  No analyst account yet: npm run cli -- user:add --email you@example.org --role admin');
  lines.push('');
  return lines.join('\n');
}

// invite: issue invitation links from the command line (set-up scripts, first contact), the same
// way the analysts' API does. Links are printed once; only their hashes are stored, so a lost link
// cannot be shown again: naming one institution re-issues its link (the old one is revoked).
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { runAtomically } from '../db/client';
import { institutions } from '../db/schema';
import { diagnosisBySlug } from '../routes/diagnoses/territory';
import { DEFAULT_INVITATION_DAYS, type Invitation, activeInvitationsOf, insertIssued, institutionsWithActiveInvitation, invitationPath, newInvitation, revokeStatements } from '../routes/invitations/issue';
import type { CliCommand } from './command';

const input = z
  .object({
    diagnosis: z.string().min(1, 'required'),
    institution: z.string().min(1).optional(),
    all: z.boolean().default(false),
    days: z.coerce.number().int().min(1).max(366).default(DEFAULT_INVITATION_DAYS),
  })
  .refine((v) => (v.institution ? !v.all : v.all), { message: 'give either --institution "name or id" or --all', path: ['institution'] });

export const invite: CliCommand = {
  summary: 'Print invitation links for institutions (each shown once).',
  usage: '--diagnosis demo (--institution "name or id" | --all) [--days 90]',
  options: { diagnosis: { type: 'string' }, institution: { type: 'string' }, all: { type: 'boolean' }, days: { type: 'string' } },
  async run({ db, config, values }) {
    const parsed = input.safeParse(values);
    if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `--${i.path.join('.') || 'options'}: ${i.message}`).join('\n'));
    const opts = parsed.data;
    const d = await diagnosisBySlug(db, opts.diagnosis).catch(() => {
      throw new Error(`No diagnosis with slug "${opts.diagnosis}".`);
    });
    if (d.status === 'closed') throw new Error(`The diagnosis "${d.slug}" is closed: it takes no new invitations.`);
    const now = new Date();

    let targets: { id: string; name: string }[];
    const revoke: Invitation[] = [];
    if (opts.all) {
      const covered = await institutionsWithActiveInvitation(db, d.id, now);
      const all = await db.select({ id: institutions.id, name: institutions.name }).from(institutions).where(eq(institutions.diagnosisId, d.id)).orderBy(institutions.name);
      targets = all.filter((i) => !covered.has(i.id));
      if (all.length > targets.length) console.log(`${all.length - targets.length} institution(s) already hold an active link; skipped.`);
    } else {
      targets = [await findInstitution(db, d.id, opts.institution!)];
      revoke.push(...(await activeInvitationsOf(db, d.id, targets[0].id, now)));
    }
    if (targets.length === 0) {
      console.log(`Every institution of "${d.slug}" already holds an active link; nothing to do.`);
      return;
    }

    const issued = await Promise.all(targets.map((t) => newInvitation(d.id, t.id, opts.days, now)));
    await runAtomically(db, [
      ...revoke.flatMap((inv) => revokeStatements(db, inv, { via: 'cli' }, now)),
      ...issued.flatMap((x) => insertIssued(db, x, { via: 'cli' }, now, revoke.length > 0 ? 'invitation.reissue' : 'invitation.create')),
    ]);
    if (revoke.length > 0) console.log(`Revoked ${revoke.length} earlier link(s) of ${targets[0].name}.`);
    const until = new Date(now.getTime() + opts.days * 86_400_000).toISOString().slice(0, 10);
    console.log(`${issued.length} link(s) for "${d.slug}", valid until ${until}. Each is shown only now:`);
    issued.forEach((x, i) => console.log(`${targets[i].name}\t${config.publicUrl}${invitationPath(x.token)}`));
  },
};

type Db = Parameters<CliCommand['run']>[0]['db'];

/** By id, by exact name (any case), or by a part of the name that matches one institution only. */
async function findInstitution(db: Db, diagnosisId: string, query: string) {
  const inDiagnosis = eq(institutions.diagnosisId, diagnosisId);
  const cols = { id: institutions.id, name: institutions.name };
  const [byId] = await db.select(cols).from(institutions).where(and(inDiagnosis, eq(institutions.id, query))).limit(1);
  if (byId) return byId;
  const exact = await db.select(cols).from(institutions).where(and(inDiagnosis, sql`lower(${institutions.name}) = lower(${query})`));
  if (exact.length === 1) return exact[0];
  const escaped = query.replace(/[\\%_]/g, (m) => `\\${m}`);
  const partial = await db.select(cols).from(institutions).where(and(inDiagnosis, sql`${institutions.name} like ${`%${escaped}%`} escape '\\'`));
  if (partial.length === 1) return partial[0];
  if (partial.length === 0) throw new Error(`No institution matches "${query}".`);
  throw new Error(`"${query}" matches ${partial.length} institutions; be more precise:\n${partial.map((p) => `  ${p.name}`).join('\n')}`);
}

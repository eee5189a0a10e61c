// `npm run cli -- invite`: in process for each case, and once as a real command line.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { auditLog, diagnoses, invitations } from '../db/schema';
import { openNodeDb } from '../db/node';
import { seedDemo } from '../db/seed/demo';
import { parseEnv } from '../env';
import { createTestApp, tableCounts, type TestApp } from '../test/test-app';
import { invite } from './invite';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ seed: true });
  // The command reads the real clock; the test app's seed is dated by its fixed one.
  await t.db.update(invitations).set({ expiresAt: new Date(Date.now() + 90 * 86_400_000) });
});
afterAll(() => t.close());

const config = parseEnv({ PUBLIC_URL: 'https://osservatorio.example.org' });

async function run(values: Record<string, string | boolean | undefined>): Promise<string[]> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
  try {
    await invite.run({ db: t.db, config, values });
  } finally {
    spy.mockRestore();
  }
  return lines;
}
const links = (lines: string[]) => lines.flatMap((l) => [...l.matchAll(/https:\/\/osservatorio\.example\.org\/q\/([A-Za-z0-9_-]{32})/g)].map((m) => m[1]));

describe('invite', () => {
  it('re-issues the link of one institution found by a unique part of its name, and the link opens', async () => {
    const lines = await run({ diagnosis: 'demo', institution: 'procura', days: '30' });
    expect(lines.join('\n')).toContain('Revoked 1 earlier link(s) of Procura della Repubblica');
    const [token] = links(lines);
    expect(token).toBeTruthy();
    const view = (await (await t.request(`/api/invitations/${token}`)).json()) as any;
    expect(view.institution.name).toBe('Procura della Repubblica');
    expect(new Date(view.invitation.expiresAt).getTime() - Date.now()).toBeGreaterThan(29 * 86_400_000);
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.action, 'invitation.reissue'));
    expect(audit.at(-1)).toMatchObject({ userId: null, details: expect.objectContaining({ via: 'cli' }) });
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it('--all invites only the institutions without an active link', async () => {
    const [inv] = await t.db.select().from(invitations).limit(1);
    await t.db.update(invitations).set({ revokedAt: new Date() }).where(eq(invitations.institutionId, inv.institutionId));
    const lines = await run({ diagnosis: 'demo', all: true });
    expect(links(lines)).toHaveLength(1);
    expect((await run({ diagnosis: 'demo', all: true })).join('\n')).toContain('nothing to do');
  });

  it('explains what is wrong and writes nothing', async () => {
    const before = await tableCounts(t.db);
    await expect(run({ diagnosis: 'demo', institution: 'Borgo Lume' })).rejects.toThrow(/matches 2 institutions[\s\S]*Comune di Borgo Lume/);
    await expect(run({ diagnosis: 'demo', institution: 'Nessuno' })).rejects.toThrow(/No institution matches/);
    await expect(run({ diagnosis: 'demo' })).rejects.toThrow(/--institution .* or --all/);
    await expect(run({ diagnosis: 'demo', all: true, institution: 'x' })).rejects.toThrow(/or --all/);
    await expect(run({ diagnosis: 'nowhere', all: true })).rejects.toThrow(/No diagnosis with slug "nowhere"/);
    await expect(run({ diagnosis: 'demo', all: true, days: 'many' })).rejects.toThrow(/--days/);
    await t.db.update(diagnoses).set({ status: 'closed' }).where(eq(diagnoses.slug, 'demo'));
    await expect(run({ diagnosis: 'demo', all: true })).rejects.toThrow(/closed/);
    await t.db.update(diagnoses).set({ status: 'open' }).where(eq(diagnoses.slug, 'demo'));
    expect(await tableCounts(t.db)).toEqual(before);
  });

  it('works as a real command line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'osservatorio-cli-'));
    const url = `file:${join(dir, 'db.sqlite')}`;
    try {
      const { db, close } = await openNodeDb(url);
      await seedDemo(db, { now: new Date(), residentSignals: 10 });
      close();
      const { stdout } = await promisify(execFile)(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'api/cli.ts', 'invite', '--diagnosis', 'demo', '--institution', 'Comune di Borgo Lume', '--days', '7'], {
        env: { ...process.env, DATABASE_URL: url, PUBLIC_URL: 'https://osservatorio.example.org' },
      });
      expect(stdout).toMatch(/Comune di Borgo Lume\thttps:\/\/osservatorio\.example\.org\/q\/[A-Za-z0-9_-]{32}/);
      const failed = await promisify(execFile)(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'api/cli.ts', 'invite', '--diagnosis', 'demo'], { env: { ...process.env, DATABASE_URL: url } }).catch((e) => e);
      expect(failed.code).toBe(1);
      expect(failed.stderr).toContain('--institution');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

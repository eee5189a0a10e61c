// The demo's questionnaire responses: valid against the questionnaire (submit mode for the
// submitted, draft mode for the drafts), deterministic, and away from the links printed at start.
import { eq } from 'drizzle-orm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { institutionSurvey, validateAnswers, withZones } from '../../../surveys';
import type { AppDb } from '../client';
import { openNodeDb } from '../node';
import { institutions, responseRevisions, responses, zones } from '../schema';
import { seedDemo, type SeedResult } from './demo';
import { SEEDED_DRAFTS, SEEDED_SUBMITTED } from './responses';

const dir = mkdtempSync(join(tmpdir(), 'osservatorio-seed-'));
const opened: { db: AppDb; close: () => void; seed: SeedResult }[] = [];
const now = new Date('2026-11-01T10:00:00Z');

async function seeded(name: string) {
  const { db, close } = await openNodeDb(`file:${join(dir, name)}`);
  const seed = await seedDemo(db, { now, residentSignals: 50 });
  opened.push({ db, close, seed });
  return { db, seed };
}

let db: AppDb;
let seed: SeedResult;
beforeAll(async () => {
  ({ db, seed } = await seeded('a.db'));
});
afterAll(() => {
  for (const o of opened) o.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('seeded responses', () => {
  it('about a dozen submitted and a couple of drafts, each valid against the questionnaire', async () => {
    const rows = await db.select().from(responses);
    const zoneRows = await db.select({ id: zones.id, name: zones.name }).from(zones).where(eq(zones.diagnosisId, seed.diagnosisId));
    const definition = withZones(institutionSurvey, zoneRows);
    const submitted = rows.filter((r) => r.status === 'submitted');
    const drafts = rows.filter((r) => r.status === 'draft');
    expect(submitted).toHaveLength(SEEDED_SUBMITTED);
    expect(drafts).toHaveLength(SEEDED_DRAFTS);
    for (const r of submitted) {
      expect(validateAnswers(definition, r.answers, { mode: 'submit' })).toEqual({ ok: true });
      expect(r.submittedAt!.getTime()).toBeLessThan(now.getTime());
    }
    for (const r of drafts) {
      expect(validateAnswers(definition, r.answers, { mode: 'draft' })).toEqual({ ok: true });
      expect(validateAnswers(definition, r.answers, { mode: 'submit' }).ok).toBe(false);
    }
    const revisions = await db.select().from(responseRevisions);
    expect(revisions).toHaveLength(SEEDED_SUBMITTED + 2);
    for (const rev of revisions) expect(validateAnswers(definition, rev.answers, { mode: 'submit' })).toEqual({ ok: true });
    // Answers differ between institutions (not one answer set copied).
    expect(new Set(submitted.map((r) => JSON.stringify(r.answers.assessment))).size).toBe(SEEDED_SUBMITTED);
    // The kind answered is the institution's own.
    const kinds = new Map((await db.select().from(institutions)).map((i) => [i.id, i.kind]));
    for (const r of submitted) expect(r.answers.institutionKind).toBe(kinds.get(r.institutionId));
  });

  it('leaves the institutions whose links are printed at start untouched', async () => {
    const printed = seed.invitationLinks.slice(0, 3).map((l) => l.institution);
    const touched = await db.select({ name: institutions.name }).from(responses).innerJoin(institutions, eq(institutions.id, responses.institutionId));
    for (const name of printed) expect(touched.map((x) => x.name)).not.toContain(name);
  });

  it('is the same on every run', async () => {
    const other = await seeded('b.db');
    const pick = async (d: AppDb) => (await d.select({ answers: responses.answers, status: responses.status, version: responses.version }).from(responses).orderBy(responses.id));
    expect(await pick(other.db)).toEqual(await pick(db));
  });
});

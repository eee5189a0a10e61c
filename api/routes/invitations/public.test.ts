// Contract tests of the institution's side: GET the questionnaire, PUT a draft, POST a submission,
// with every kind of wrong token, stale versions and bad bodies refused without changing anything.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { institutionSurvey, validateAnswers, withZones } from '../../../surveys';
import { diagnoses, responseRevisions, responses, zones } from '../../db/schema';
import type { ProblemBody } from '../../lib/problem';
import { createTestApp, expectProblem as expectProblemDocument, tableCounts, type TestApp } from '../../test/test-app';
import { WRONG_TOKENS_PER_WINDOW } from './public.routes';
import { completeAnswers, demoDiagnosis, firstTwoPages, invitationRow, invite } from './test-helpers';
import { randomToken } from '../../auth/tokens';

let t: TestApp;
let clientN = 0;
/** A different client address per call, so the wrong-token limit only bites where it is tested. */
const newClient = () => `192.0.2.${++clientN % 250}-${clientN}`;

beforeAll(async () => {
  t = await createTestApp({ seed: true, deps: { clientAddress: (c) => c.req.header('x-test-client') } });
});
afterAll(() => t.close());

type Body = Record<string, unknown>;
/** expectProblem, typed with the extensions these routes add (type, currentVersion, ...). */
const expectProblem = async (res: Response, status: number) => (await expectProblemDocument(res, status)) as ProblemBody & { errors?: { field: string; message: string }[] };
const get = (token: string, client = newClient()) => t.request(`/api/invitations/${token}`, { headers: { 'x-test-client': client } });
const put = (token: string, json: unknown, headers: Record<string, string> = {}) =>
  t.request(`/api/invitations/${token}/response`, { method: 'PUT', json, headers: { 'x-test-client': newClient(), ...headers } });
const submit = (token: string, json: unknown, headers: Record<string, string> = {}) =>
  t.request(`/api/invitations/${token}/response/submit`, { method: 'POST', json, headers: { 'x-test-client': newClient(), ...headers } });

async function responseOf(institutionId: string) {
  const [r] = await t.db.select().from(responses).where(eq(responses.institutionId, institutionId));
  return r ?? null;
}
async function revisionsOf(institutionId: string) {
  const r = await responseOf(institutionId);
  return r ? t.db.select().from(responseRevisions).where(eq(responseRevisions.responseId, r.id)).orderBy(responseRevisions.version) : [];
}
const dataVersion = async () => (await demoDiagnosis(t)).dataVersion;

/** Runs `act` and checks that it changed no row count and no row of the given institution. */
async function unchanged(institutionId: string | null, act: () => Promise<void>) {
  const before = await tableCounts(t.db);
  const row = institutionId ? await responseOf(institutionId) : null;
  const dv = await dataVersion();
  await act();
  expect(await tableCounts(t.db)).toEqual(before);
  if (institutionId) expect(await responseOf(institutionId)).toEqual(row);
  expect(await dataVersion()).toBe(dv);
}

describe('GET /api/invitations/{token}', () => {
  it('gives the institution, the diagnosis, the questionnaire with its zones and no response yet', async () => {
    const { token, invitationId } = await invite(t);
    const res = await get(token);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as any;
    expect(body.institution).toMatchObject({ kind: 'comune' });
    expect(body.institution.name).toMatch(/^Ente di prova/);
    expect(body.diagnosis).toMatchObject({ slug: 'demo', status: 'open', demo: true });
    expect(body.response).toBeNull();
    expect(body.editable).toBe(true);
    expect(body.survey.version).toBeGreaterThanOrEqual(1);
    expect(body.survey.definition.locale).toBe('it');
    const d = await demoDiagnosis(t);
    const zoneRows = await t.db.select({ id: zones.id, name: zones.name }).from(zones).where(eq(zones.diagnosisId, d.id)).orderBy(zones.name);
    expect(body.survey.definition).toEqual(JSON.parse(JSON.stringify(withZones(institutionSurvey, zoneRows))));
    expect(new Date(body.invitation.expiresAt).getTime()).toBeGreaterThan(t.now.value.getTime());
  });

  it('records the first opening once', async () => {
    const { token, invitationId } = await invite(t);
    expect((await invitationRow(t, invitationId)).firstOpenedAt).toBeNull();
    await get(token);
    const first = (await invitationRow(t, invitationId)).firstOpenedAt;
    expect(first?.getTime()).toBe(t.now.value.getTime());
    const saved = t.now.value;
    t.now.value = new Date(saved.getTime() + 3600_000);
    await get(token);
    expect((await invitationRow(t, invitationId)).firstOpenedAt).toEqual(first);
    t.now.value = saved;
  });

  it('refuses every kind of wrong token with a problem, and writes nothing', async () => {
    const revoked = await invite(t, { revoked: true });
    const expired = await invite(t, { expired: true });
    const cases: [string, number, string][] = [
      [randomToken(24), 404, 'invitation-unknown'],
      ['x', 404, 'invitation-unknown'],
      ['a'.repeat(500), 404, 'invitation-unknown'],
      [encodeURIComponent("' or 1=1 --"), 404, 'invitation-unknown'],
      [revoked.token, 410, 'invitation-revoked'],
      [expired.token, 410, 'invitation-expired'],
    ];
    await unchanged(null, async () => {
      for (const [token, status, type] of cases) {
        for (const res of [await get(token), await put(token, { answers: {}, version: 0 }), await submit(token, { answers: await completeAnswers(t), version: 0 })]) {
          const p = await expectProblem(res, status);
          expect(p.type).toMatch(new RegExp(`${type}$`));
          expect(p.detail).toBeTruthy();
        }
      }
    });
    expect((await invitationRow(t, revoked.invitationId)).firstOpenedAt).toBeNull();
    expect((await invitationRow(t, expired.invitationId)).firstOpenedAt).toBeNull();
  });

  it('a link expires at its expiry time', async () => {
    const { token } = await invite(t, { days: 1 });
    expect((await get(token)).status).toBe(200);
    const saved = t.now.value;
    t.now.value = new Date(saved.getTime() + 86_400_000);
    await expectProblem(await get(token), 410);
    t.now.value = saved;
  });
});

describe('PUT /api/invitations/{token}/response (draft)', () => {
  it('saves partial answers, bumps the version, and gives them back', async () => {
    const { token, institutionId } = await invite(t);
    const answers = firstTwoPages(await completeAnswers(t));
    const res = await put(token, { answers, version: 0 });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'draft', version: 1, submittedAt: null });
    const view = (await (await get(token)).json()) as any;
    expect(view.response).toMatchObject({ answers, status: 'draft', version: 1 });

    const more = { ...answers, missingData: 'Dati 112 per zona.' };
    const second = await put(token, { answers: more, version: 1 });
    expect(((await second.json()) as Body).version).toBe(2);
    expect((await responseOf(institutionId))?.answers).toEqual(more);
  });

  it('treats an unchanged page as no change (no new version, no write)', async () => {
    const { token, institutionId } = await invite(t);
    const answers = firstTwoPages(await completeAnswers(t));
    await put(token, { answers, version: 0 });
    const reordered = Object.fromEntries(Object.entries(answers).reverse());
    await unchanged(institutionId, async () => {
      const res = await put(token, { answers: reordered, version: 1 });
      expect(res.status).toBe(200);
      expect(((await res.json()) as Body).version).toBe(1);
    });
  });

  it('refuses a stale version with 409 and the current version, overwriting nothing', async () => {
    const { token, institutionId } = await invite(t);
    await put(token, { answers: { territoryName: 'A' }, version: 0 });
    await put(token, { answers: { territoryName: 'B' }, version: 1 });
    await unchanged(institutionId, async () => {
      const p = await expectProblem(await put(token, { answers: { territoryName: 'C' }, version: 1 }), 409);
      expect(p).toMatchObject({ currentVersion: 2, currentStatus: 'draft' });
      expect(p.type).toMatch(/stale-version$/);
      const q = await expectProblem(await put(token, { answers: { territoryName: 'C' }, version: 0 }), 409);
      expect(q).toMatchObject({ currentVersion: 2 });
      await expectProblem(await put(token, { answers: { territoryName: 'C' }, version: 7 }), 409);
    });
    // A version for a response that does not exist yet is stale too.
    const other = await invite(t);
    await unchanged(other.institutionId, async () => {
      expect(await expectProblem(await put(other.token, { answers: {}, version: 3 }), 409)).toMatchObject({ currentVersion: 0 });
    });
  });

  it('checks the type of every answer and names each bad question once', async () => {
    const { token, institutionId } = await invite(t);
    await put(token, { answers: { territoryName: 'A' }, version: 0 });
    await unchanged(institutionId, async () => {
      const p = await expectProblem(
        await put(token, {
          answers: { institutionKind: 5, jointAnswer: 'yes', knowledgeStatements: { gapKnown: 9 }, concernZones: ['zone-of-another-diagnosis'], dataSources: 'istat', municipalitiesCovered: 'ten' },
          version: 1,
        }),
        422,
      );
      expect(p.errors!.map((e) => e.field).sort()).toEqual(['concernZones', 'dataSources', 'institutionKind', 'jointAnswer', 'knowledgeStatements', 'municipalitiesCovered']);
      expect(p.errors!.every((e) => e.message.length > 0)).toBe(true);
    });
  });

  it('refuses unknown question names and unknown fields', async () => {
    const { token, institutionId } = await invite(t);
    await put(token, { answers: {}, version: 0 });
    await unchanged(institutionId, async () => {
      const a = await expectProblem(await put(token, { answers: { notAQuestion: 1, alsoNot: 'x' }, version: 1 }), 422);
      expect(a.errors!.map((e) => e.field).sort()).toEqual(['alsoNot', 'notAQuestion']);
      const b = await expectProblem(await put(token, { answers: {}, version: 1, status: 'submitted' }), 422);
      expect(b.errors).toEqual([{ field: 'status', message: 'Unknown field.' }]);
    });
  });

  it('refuses bad bodies: missing or wrong fields 422, malformed JSON 400, not JSON 415, oversized 413', async () => {
    const { token, institutionId } = await invite(t);
    await put(token, { answers: { territoryName: 'A' }, version: 0 });
    const raw = (body: string, type = 'application/json') =>
      t.request(`/api/invitations/${token}/response`, { method: 'PUT', body, headers: { 'content-type': type, 'x-test-client': newClient() } });
    await unchanged(institutionId, async () => {
      expect((await expectProblem(await put(token, { answers: {} }), 422)).errors![0].field).toBe('version');
      expect((await expectProblem(await put(token, { version: 1 }), 422)).errors![0].field).toBe('answers');
      expect((await expectProblem(await put(token, { answers: [], version: 1 }), 422)).errors![0].field).toBe('answers');
      expect((await expectProblem(await put(token, { answers: {}, version: -1 }), 422)).errors![0].field).toBe('version');
      expect((await expectProblem(await put(token, { answers: {}, version: '1' }), 422)).errors![0].field).toBe('version');
      await expectProblem(await put(token, [1, 2]), 422);
      await expectProblem(await raw('{"answers": {'), 400);
      await expectProblem(await raw('answers=1', 'text/plain'), 415);
      await expectProblem(await raw(JSON.stringify({ answers: { territoryName: 'x'.repeat(300 * 1024) }, version: 1 })), 413);
      // Within the size limit but beyond a question's own length limit: 422 naming it.
      const long = await expectProblem(await put(token, { answers: { territoryName: 'x'.repeat(5000) }, version: 1 }), 422);
      expect(long.errors!.map((e) => e.field)).toEqual(['territoryName']);
    });
  });
});

describe('POST /api/invitations/{token}/response/submit', () => {
  it('refuses an incomplete questionnaire with one entry per question', async () => {
    const { token, institutionId } = await invite(t);
    const partial = firstTwoPages(await completeAnswers(t));
    await put(token, { answers: partial, version: 0 });
    const definition = withZones(institutionSurvey, []);
    const expected = validateAnswers(definition, partial, { mode: 'submit' });
    expect(expected.ok).toBe(false);
    await unchanged(institutionId, async () => {
      const p = await expectProblem(await submit(token, { answers: partial, version: 1 }), 422);
      const fields = p.errors!.map((e) => e.field);
      expect(new Set(fields).size).toBe(fields.length);
      expect(fields.sort()).toEqual(expected.ok ? [] : expected.errors.map((e) => e.name).sort());
      expect(fields).toContain('priorities');
      expect(p.errors!.find((e) => e.field === 'priorities')!.message).toBe('Risposta obbligatoria.');
    });
  });

  it('answers in English when the page asks for it', async () => {
    const { token } = await invite(t);
    const p = await expectProblem(await submit(token, { answers: {}, version: 0 }, { 'accept-language': 'en-GB,en;q=0.9' }), 422);
    expect(p.errors!.find((e) => e.field === 'institutionKind')!.message).toBe('An answer is required.');
  });

  it('stores a valid submission as a revision, without answers to hidden questions, and bumps the data version', async () => {
    const { token, institutionId } = await invite(t);
    const answers = await completeAnswers(t);
    await put(token, { answers: firstTwoPages(answers), version: 0 });
    const dv = await dataVersion();
    // institutionKindOther is hidden unless the kind is "altro": it is not part of the submission.
    const res = await submit(token, { answers: { ...answers, institutionKindOther: 'Ente strano' }, version: 1 });
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body).toMatchObject({ status: 'submitted', version: 2 });
    expect(body.submittedAt).toBe(t.now.value.toISOString());
    const stored = await responseOf(institutionId);
    expect(stored?.answers).toEqual(answers);
    const revs = await revisionsOf(institutionId);
    expect(revs.map((r) => r.version)).toEqual([2]);
    expect(revs[0].answers).toEqual(answers);
    expect(await dataVersion()).toBe(dv + 1);
    const view = (await (await get(token)).json()) as any;
    expect(view.response).toMatchObject({ status: 'submitted', version: 2, answers });
  });

  it('can submit without a prior draft', async () => {
    const { token, institutionId } = await invite(t);
    const res = await submit(token, { answers: await completeAnswers(t), version: 0 });
    expect(((await res.json()) as Body).version).toBe(1);
    expect((await revisionsOf(institutionId)).length).toBe(1);
  });

  it('stores a retried identical submission once', async () => {
    const { token, institutionId } = await invite(t);
    const answers = await completeAnswers(t);
    const first = (await (await submit(token, { answers, version: 0 })).json()) as Body;
    await unchanged(institutionId, async () => {
      // The retry names the version the first attempt was based on (its reply was lost) ...
      const retry = await submit(token, { answers, version: 0 });
      expect(retry.status).toBe(200);
      expect(await retry.json()).toEqual(first);
      // ... or the current one (a second click after the reply).
      const again = await submit(token, { answers: Object.fromEntries(Object.entries(answers).reverse()), version: 1 });
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual(first);
    });
    expect((await revisionsOf(institutionId)).length).toBe(1);
  });

  it('lets the institution amend: draft on top of the submission, then a second revision', async () => {
    const { token, institutionId } = await invite(t);
    const answers = await completeAnswers(t);
    await submit(token, { answers, version: 0 });
    const dv = await dataVersion();
    const amended = { ...answers, willingnessToSign: 'conditional', signConditions: 'Con un coordinatore stabile.' };
    const draft = (await (await put(token, { answers: amended, version: 1 })).json()) as Body;
    expect(draft).toMatchObject({ status: 'draft', version: 2 });
    // The earlier submission is still the evidence: submittedAt stays, no data-version bump.
    expect(draft.submittedAt).not.toBeNull();
    expect(await dataVersion()).toBe(dv);
    const res = await submit(token, { answers: amended, version: 2 });
    expect(await res.json()).toMatchObject({ status: 'submitted', version: 3 });
    const revs = await revisionsOf(institutionId);
    expect(revs.map((r) => r.version)).toEqual([1, 3]);
    expect(revs[1].answers).toEqual(amended);
    expect(await dataVersion()).toBe(dv + 1);
  });

  it('does not bump the data version when an amendment ends with the same answers', async () => {
    const { token, institutionId } = await invite(t);
    const answers = await completeAnswers(t);
    await submit(token, { answers, version: 0 });
    await put(token, { answers: { ...answers, territoryName: 'Altro' }, version: 1 });
    const dv = await dataVersion();
    const res = await submit(token, { answers, version: 2 });
    expect(res.status).toBe(200);
    expect((await revisionsOf(institutionId)).length).toBe(2);
    expect(await dataVersion()).toBe(dv);
  });

  it('refuses a stale submission with 409 and the current version', async () => {
    const { token, institutionId } = await invite(t);
    const answers = await completeAnswers(t);
    await put(token, { answers: firstTwoPages(answers), version: 0 });
    await put(token, { answers: { ...firstTwoPages(answers), territoryName: 'B' }, version: 1 });
    await unchanged(institutionId, async () => {
      expect(await expectProblem(await submit(token, { answers, version: 1 }), 409)).toMatchObject({ currentVersion: 2, currentStatus: 'draft' });
    });
  });

  it('lets exactly one of two concurrent submissions from the same version through', async () => {
    const { token, institutionId } = await invite(t);
    const answers = await completeAnswers(t);
    await put(token, { answers: firstTwoPages(answers), version: 0 });
    const results = await Promise.all([
      submit(token, { answers: { ...answers, territoryName: 'Prima' }, version: 1 }),
      submit(token, { answers: { ...answers, territoryName: 'Seconda' }, version: 1 }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const revs = await revisionsOf(institutionId);
    expect(revs.map((r) => r.version)).toEqual([2]);
    expect((await responseOf(institutionId))?.answers).toEqual(revs[0].answers);
  });
});

describe('a closed diagnosis', () => {
  it('still shows the answers but refuses drafts and submissions with 409', async () => {
    const { token, institutionId } = await invite(t);
    const answers = await completeAnswers(t);
    await submit(token, { answers, version: 0 });
    const d = await demoDiagnosis(t);
    await t.db.update(diagnoses).set({ status: 'closed' }).where(eq(diagnoses.id, d.id));
    try {
      const view = (await (await get(token)).json()) as any;
      expect(view).toMatchObject({ editable: false, diagnosis: { status: 'closed' }, response: { status: 'submitted' } });
      await unchanged(institutionId, async () => {
        expect((await expectProblem(await put(token, { answers, version: 1 }), 409)).type).toMatch(/diagnosis-closed$/);
        expect((await expectProblem(await submit(token, { answers: { ...answers, territoryName: 'X' }, version: 1 }), 409)).type).toMatch(/diagnosis-closed$/);
      });
    } finally {
      await t.db.update(diagnoses).set({ status: 'open' }).where(eq(diagnoses.id, d.id));
    }
  });
});

describe('rate limit', () => {
  it('answers 429 to a client after too many wrong tokens, while its right token and other clients go on', async () => {
    const client = newClient();
    for (let i = 0; i < WRONG_TOKENS_PER_WINDOW; i++) await expectProblem(await get(randomToken(24), client), 404);
    const limited = await get(randomToken(24), client);
    await expectProblem(limited, 429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const { token } = await invite(t);
    expect((await get(token, client)).status).toBe(200);
    await expectProblem(await get(randomToken(24), newClient()), 404);
    const saved = t.now.value;
    t.now.value = new Date(saved.getTime() + 11 * 60_000);
    await expectProblem(await get(randomToken(24), client), 404);
    t.now.value = saved;
  });
});

describe('timing', () => {
  it('takes the same time for an unknown, a revoked and an expired token', async () => {
    const revoked = await invite(t, { revoked: true });
    const expired = await invite(t, { expired: true });
    const kinds: Record<string, () => string> = { unknown: () => randomToken(24), revoked: () => revoked.token, expired: () => expired.token };
    const samples: Record<string, number[]> = { unknown: [], revoked: [], expired: [] };
    for (let round = 0; round < 30; round++) for (const k of Object.keys(kinds)) await get(kinds[k]()); // warm-up
    for (let round = 0; round < 300; round++) {
      for (const k of Object.keys(kinds)) {
        const t0 = performance.now();
        const res = await get(kinds[k]());
        await res.arrayBuffer();
        samples[k].push(performance.now() - t0);
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const medians = Object.fromEntries(Object.entries(samples).map(([k, xs]) => [k, median(xs)]));
    const spread = Math.max(...Object.values(medians)) - Math.min(...Object.values(medians));
    console.log(`wrong-token medians (ms): ${JSON.stringify(Object.fromEntries(Object.entries(medians).map(([k, v]) => [k, +v.toFixed(3)])))}; spread ${spread.toFixed(3)} ms`);
    expect(spread).toBeLessThan(Math.max(0.25, 0.25 * Math.min(...Object.values(medians))));
  });
});

describe('OpenAPI', () => {
  it('documents the token routes from the same schemas', async () => {
    const doc = (await (await t.request('/api/openapi.json')).json()) as any;
    expect(doc.paths['/api/invitations/{token}'].get.responses['200'].content['application/json'].schema.properties).toHaveProperty('survey');
    expect(doc.paths['/api/invitations/{token}/response'].put.requestBody.content['application/json'].schema.required).toEqual(['answers', 'version']);
    expect(doc.paths['/api/invitations/{token}/response/submit'].post).toBeTruthy();
  });
});

// Response tracking: every institution in exactly one stage, with dates, and totals by kind and area.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { institutionSurvey, validateAnswers, withZones } from '../../../surveys';
import { type AuthHeaders, loginAs } from '../../test/auth';
import { createTestApp, expectProblem, type TestApp } from '../../test/test-app';
import { zones } from '../../db/schema';
import { completeAnswers, demoDiagnosis, freshInstitution, invite } from '../invitations/test-helpers';
import { latestSubmissions } from './submitted';
import { SEEDED_DRAFTS, SEEDED_SUBMITTED } from '../../db/seed/responses';

let t: TestApp;
let analyst: AuthHeaders;
beforeAll(async () => {
  t = await createTestApp({ seed: true });
  analyst = await loginAs(t, 'analyst');
});
afterAll(() => t.close());

const tracking = async () => (await (await t.request('/api/diagnoses/demo/responses', { headers: analyst })).json()) as any;
const stages = ['not-invited', 'invited', 'opened', 'draft', 'submitted'] as const;

describe('GET /api/diagnoses/{slug}/responses', () => {
  it('places every seeded institution in one stage and adds the totals up by kind and by area', async () => {
    const body = await tracking();
    expect(body.diagnosis).toMatchObject({ slug: 'demo', status: 'open' });
    expect(body.institutions).toHaveLength(30);
    const count = (s: string) => body.institutions.filter((i: any) => i.stage === s).length;
    expect(count('submitted')).toBe(SEEDED_SUBMITTED);
    expect(count('draft')).toBe(SEEDED_DRAFTS);
    expect(count('opened')).toBe(3);
    expect(count('not-invited')).toBe(0);
    expect(body.totals.all).toEqual({ institutions: 30, 'not-invited': 0, invited: 30 - SEEDED_SUBMITTED - SEEDED_DRAFTS - 3, opened: 3, draft: SEEDED_DRAFTS, submitted: SEEDED_SUBMITTED });
    for (const group of [body.totals.byKind, body.totals.byArea]) {
      for (const s of ['institutions', ...stages]) expect(group.reduce((sum: number, g: any) => sum + g[s], 0)).toBe(body.totals.all[s]);
      for (const g of group) expect(stages.reduce((sum, s) => sum + g[s], 0)).toBe(g.institutions);
    }
    const comuni = body.totals.byKind.find((k: any) => k.kind === 'comune');
    expect(comuni.institutions).toBe(10);
    expect(comuni.label).toEqual({ it: 'Comune', en: 'Municipality' });
    expect(body.totals.byArea.map((a: any) => a.name)).toEqual(expect.arrayContaining(['Piana (demo)', 'Valle (demo)', 'Costa (demo)', null]));
    const sub = body.institutions.find((i: any) => i.stage === 'submitted');
    expect(sub.submittedAt).not.toBeNull();
    expect(sub.openedAt).not.toBeNull();
    expect(new Date(sub.invitedAt).getTime()).toBeLessThanOrEqual(new Date(sub.openedAt).getTime());
    expect(new Date(sub.openedAt).getTime()).toBeLessThanOrEqual(new Date(sub.submittedAt).getTime());
    expect(sub.revisions).toBeGreaterThanOrEqual(1);
    expect(body.institutions.filter((i: any) => i.revisions === 2)).toHaveLength(2);
  });

  it('follows an institution from not invited to submitted and amending', async () => {
    const institutionId = await freshInstitution(t, 'scuola');
    const stageOf = async () => (await tracking()).institutions.find((i: any) => i.id === institutionId);
    expect(await stageOf()).toMatchObject({ stage: 'not-invited', invitation: null, invitedAt: null });
    const { token } = await invite(t, { institutionId });
    expect(await stageOf()).toMatchObject({ stage: 'invited', invitation: { state: 'active' } });
    await t.request(`/api/invitations/${token}`);
    expect(await stageOf()).toMatchObject({ stage: 'opened', openedAt: t.now.value.toISOString() });
    await t.request(`/api/invitations/${token}/response`, { method: 'PUT', json: { answers: { territoryName: 'X' }, version: 0 } });
    expect(await stageOf()).toMatchObject({ stage: 'draft', status: 'draft', amending: false, revisions: 0 });
    const answers = await completeAnswers(t);
    await t.request(`/api/invitations/${token}/response/submit`, { method: 'POST', json: { answers, version: 1 } });
    expect(await stageOf()).toMatchObject({ stage: 'submitted', status: 'submitted', amending: false, revisions: 1 });
    await t.request(`/api/invitations/${token}/response`, { method: 'PUT', json: { answers: { ...answers, territoryName: 'Y' }, version: 2 } });
    expect(await stageOf()).toMatchObject({ stage: 'submitted', status: 'draft', amending: true, revisions: 1 });
    const scuole = (await tracking()).totals.byKind.find((k: any) => k.kind === 'scuola');
    expect(scuole.submitted).toBeGreaterThanOrEqual(1);
  });

  it('refuses an unknown diagnosis with 404 and a malformed slug with 400', async () => {
    await expectProblem(await t.request('/api/diagnoses/nowhere/responses', { headers: analyst }), 404);
    await expectProblem(await t.request('/api/diagnoses/NOT_A_SLUG/responses', { headers: analyst }), 400);
  });
});

describe('latestSubmissions', () => {
  it('gives the latest revision of each submitted response, valid against the questionnaire', async () => {
    const body = await tracking();
    const d = await demoDiagnosis(t);
    const zoneRows = await t.db.select({ id: zones.id, name: zones.name }).from(zones).where(eq(zones.diagnosisId, d.id));
    const subs = await latestSubmissions(t.db, d.id);
    expect(subs.length).toBe(body.institutions.filter((i: any) => i.stage === 'submitted').length);
    const definition = withZones(institutionSurvey, zoneRows);
    for (const s of subs) expect(validateAnswers(definition, s.answers, { mode: 'submit' })).toEqual({ ok: true });
  });
});

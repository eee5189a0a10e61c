// The analysts' invitation API: who may use it, issuing (single and bulk), listing with state and
// progress, revoking and re-issuing; tokens shown once and stored only as hashes; audit rows.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../auth/tokens';
import { auditLog, diagnoses, institutions, invitations } from '../../db/schema';
import { type AuthHeaders, loginAs } from '../../test/auth';
import { createTestApp, expectProblem, tableCounts, type TestApp } from '../../test/test-app';
import { completeAnswers, demoDiagnosis, freshInstitution, invite } from './test-helpers';

let t: TestApp;
type Signed = AuthHeaders & { userId: string };
let analyst: Signed;
let admin: Signed;
let moderator: Signed;

beforeAll(async () => {
  t = await createTestApp({ seed: true });
  [analyst, admin, moderator] = await Promise.all([loginAs(t, 'analyst'), loginAs(t, 'admin'), loginAs(t, 'moderator')]);
});
afterAll(() => t.close());

const base = '/api/diagnoses/demo/invitations';
const call = (method: string, path: string, headers: Record<string, string> = {}, json?: unknown) => t.request(path, { method, headers, json });
const auditCount = async (action: string) => (await t.db.select().from(auditLog).where(eq(auditLog.action, action))).length;

describe('authorisation', () => {
  it('anonymous 401, an institution token 401, moderator 403, analyst and admin allowed', async () => {
    const institutionId = await freshInstitution(t);
    const { token, invitationId } = await invite(t);
    const routes: [string, string, unknown?][] = [
      ['GET', base],
      ['POST', base, { institutionId }],
      ['POST', `${base}/bulk`, {}],
      ['POST', `${base}/${invitationId}/revoke`],
      ['POST', `${base}/${invitationId}/reissue`, {}],
      ['GET', '/api/diagnoses/demo/responses'],
    ];
    for (const [method, path, json] of routes) {
      const before = await tableCounts(t.db);
      await expectProblem(await call(method, path, {}, json), 401);
      await expectProblem(await call(method, path, { authorization: `Bearer ${token}` }, json), 401);
      await expectProblem(await call(method, path, { cookie: `osservatorio_session=${token}` }, json), 401);
      await expectProblem(await call(method, path, { ...moderator }, json), 403);
      if (method !== 'GET') await expectProblem(await call(method, path, { cookie: analyst.cookie }, json), 403); // no CSRF token
      expect(await tableCounts(t.db)).toEqual(before);
    }
    for (const who of [analyst, admin]) {
      expect((await call('GET', base, who)).status).toBe(200);
      expect((await call('GET', '/api/diagnoses/demo/responses', who)).status).toBe(200);
    }
    expect((await call('POST', base, analyst, { institutionId })).status).toBe(201);
    expect((await call('POST', `${base}/${invitationId}/revoke`, admin)).status).toBe(200);
    expect((await call('POST', `${base}/${invitationId}/reissue`, analyst, {})).status).toBe(201);
    expect((await call('POST', `${base}/bulk`, admin, {})).status).toBe(201);
  });
});

describe('issuing one invitation', () => {
  it('returns the token once, stores only its hash, and writes an audit row', async () => {
    const institutionId = await freshInstitution(t);
    const audits = await auditCount('invitation.create');
    const res = await call('POST', base, analyst, { institutionId, days: 30 });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as any;
    // 24 random bytes in base64url: 192 bits.
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(body.path).toBe(`/q/${body.token}`);
    expect(body.link).toBe(`http://localhost:8787/q/${body.token}`);
    expect(body.invitation).toMatchObject({ state: 'active', progress: 'invited', institution: { id: institutionId, kind: 'comune' }, revokedAt: null, firstOpenedAt: null });
    expect(new Date(body.invitation.expiresAt).getTime() - t.now.value.getTime()).toBe(30 * 86_400_000);
    const [row] = await t.db.select().from(invitations).where(eq(invitations.id, body.invitation.id));
    expect(row.tokenHash).toBe(await sha256Hex(body.token));
    const dump = JSON.stringify(await t.db.all('select * from invitations')) + JSON.stringify(await t.db.all('select * from audit_log'));
    expect(dump).not.toContain(body.token);
    expect(await auditCount('invitation.create')).toBe(audits + 1);
    const [audit] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'invitation.create'), eq(auditLog.target, institutionId)));
    expect(audit.userId).toBe(analyst.userId);
    // The link works.
    expect((await t.request(`/api/invitations/${body.token}`)).status).toBe(200);
    // The list never shows a token.
    expect(JSON.stringify(await (await call('GET', base, analyst)).json())).not.toContain(body.token);
  });

  it('refuses a second active invitation, an unknown institution and bad bodies, changing nothing', async () => {
    const { institutionId } = await invite(t);
    const before = await tableCounts(t.db);
    await expectProblem(await call('POST', base, analyst, { institutionId }), 409);
    const unknown = await expectProblem(await call('POST', base, analyst, { institutionId: 'nope' }), 422);
    expect(unknown.errors![0].field).toBe('institutionId');
    const [other] = await t.db.insert(diagnoses).values({ id: crypto.randomUUID(), slug: 'altra', title: 'Altra diagnosi' }).returning();
    const foreign = crypto.randomUUID();
    await t.db.insert(institutions).values({ id: foreign, diagnosisId: other.id, name: 'Ente altrove', kind: 'asl' });
    const mid = await tableCounts(t.db);
    await expectProblem(await call('POST', base, analyst, { institutionId: foreign }), 422);
    await expectProblem(await call('POST', base, analyst, { institutionId, days: 0 }), 422);
    await expectProblem(await call('POST', base, analyst, { institutionId, days: 400 }), 422);
    expect((await expectProblem(await call('POST', base, analyst, { institutionId, token: 'mine' }), 422)).errors![0].field).toBe('token');
    await expectProblem(await call('POST', base, analyst, {}), 422);
    await expectProblem(await t.request(base, { method: 'POST', headers: { ...analyst, 'content-type': 'application/json' }, body: '{' }), 400);
    await expectProblem(await t.request(base, { method: 'POST', headers: { ...analyst, 'content-type': 'text/plain' }, body: 'x' }), 415);
    await expectProblem(await t.request(base, { method: 'POST', headers: { ...analyst, 'content-type': 'application/json' }, body: JSON.stringify({ institutionId: 'x'.repeat(5000) }) }), 413);
    await expectProblem(await call('POST', '/api/diagnoses/nowhere/invitations', analyst, { institutionId }), 404);
    expect(await tableCounts(t.db)).toEqual(mid);
    expect(mid.invitations).toBe(before.invitations);
  });
});

describe('listing', () => {
  it('shows each invitation with its state (active, expired, revoked) and progress (invited, opened, draft, submitted)', async () => {
    const invited = await invite(t);
    const opened = await invite(t);
    const draft = await invite(t);
    const submitted = await invite(t);
    const expired = await invite(t, { expired: true });
    const revoked = await invite(t, { revoked: true });
    await t.request(`/api/invitations/${opened.token}`);
    await t.request(`/api/invitations/${draft.token}`);
    await t.request(`/api/invitations/${draft.token}/response`, { method: 'PUT', json: { answers: { territoryName: 'Qui' }, version: 0 } });
    await t.request(`/api/invitations/${submitted.token}/response/submit`, { method: 'POST', json: { answers: await completeAnswers(t), version: 0 } });
    const body = (await (await call('GET', base, analyst)).json()) as any;
    const byId = new Map(body.items.map((i: any) => [i.id, i]));
    expect(byId.get(invited.invitationId)).toMatchObject({ state: 'active', progress: 'invited', firstOpenedAt: null });
    expect(byId.get(opened.invitationId)).toMatchObject({ state: 'active', progress: 'opened', firstOpenedAt: t.now.value.toISOString() });
    expect(byId.get(draft.invitationId)).toMatchObject({ state: 'active', progress: 'draft' });
    // Submitted without ever opening the page through GET: still submitted.
    expect(byId.get(submitted.invitationId)).toMatchObject({ state: 'active', progress: 'submitted' });
    expect(byId.get(expired.invitationId)).toMatchObject({ state: 'expired', progress: 'invited' });
    expect(byId.get(revoked.invitationId)).toMatchObject({ state: 'revoked', progress: 'invited' });
    expect(body.items.length).toBeGreaterThanOrEqual(30);
  });
});

describe('revoking and re-issuing', () => {
  it('revoke stops the link at once; a second revoke changes nothing', async () => {
    const { token, invitationId } = await invite(t);
    expect((await t.request(`/api/invitations/${token}`)).status).toBe(200);
    const audits = await auditCount('invitation.revoke');
    const res = await call('POST', `${base}/${invitationId}/revoke`, analyst);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: invitationId, state: 'revoked', revokedAt: t.now.value.toISOString() });
    await expectProblem(await t.request(`/api/invitations/${token}`), 410);
    const before = await tableCounts(t.db);
    expect((await call('POST', `${base}/${invitationId}/revoke`, analyst)).status).toBe(200);
    expect(await tableCounts(t.db)).toEqual(before);
    expect(await auditCount('invitation.revoke')).toBe(audits + 1);
    await expectProblem(await call('POST', `${base}/${crypto.randomUUID()}/revoke`, analyst), 404);
  });

  it('re-issue revokes the old link and gives a new one that opens the same response', async () => {
    const { token, invitationId, institutionId } = await invite(t);
    await t.request(`/api/invitations/${token}/response`, { method: 'PUT', json: { answers: { territoryName: 'Bozza' }, version: 0 } });
    const res = await call('POST', `${base}/${invitationId}/reissue`, analyst, { days: 10 });
    expect(res.status).toBe(201);
    const body = (await res.json()) as any;
    expect(body.revokedId).toBe(invitationId);
    expect(body.token).not.toBe(token);
    expect(body.invitation).toMatchObject({ state: 'active', progress: 'draft', institution: { id: institutionId } });
    await expectProblem(await t.request(`/api/invitations/${token}`), 410);
    const view = (await (await t.request(`/api/invitations/${body.token}`)).json()) as any;
    expect(view.response).toMatchObject({ status: 'draft', version: 1, answers: { territoryName: 'Bozza' } });
    const [audit] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'invitation.reissue'), eq(auditLog.target, institutionId)));
    expect(audit.details).toMatchObject({ invitationId: body.invitation.id });
    // Re-issuing a revoked or expired link works too (the usual case: "my link expired").
    const expired = await invite(t, { expired: true });
    expect((await call('POST', `${base}/${expired.invitationId}/reissue`, analyst, {})).status).toBe(201);
    // Whichever link is re-issued, the institution ends up with exactly one link that opens.
    const first = await invite(t);
    const second = await invite(t, { institutionId: first.institutionId, revoked: true });
    const again = (await (await call('POST', `${base}/${second.invitationId}/reissue`, analyst, {})).json()) as any;
    await expectProblem(await t.request(`/api/invitations/${first.token}`), 410);
    const items = ((await (await call('GET', base, analyst)).json()) as any).items.filter((i: any) => i.institution.id === first.institutionId);
    expect(items.filter((i: any) => i.state === 'active').map((i: any) => i.id)).toEqual([again.invitation.id]);
  });
});

describe('bulk', () => {
  it('invites every institution without an active link, and only those', async () => {
    const fresh = [await freshInstitution(t, 'scuola'), await freshInstitution(t, 'asl')];
    const res = await call('POST', `${base}/bulk`, admin, { days: 60 });
    expect(res.status).toBe(201);
    const body = (await res.json()) as any;
    const ids = body.created.map((c: any) => c.invitation.institution.id);
    expect(ids).toEqual(expect.arrayContaining(fresh));
    expect(new Set(body.created.map((c: any) => c.token)).size).toBe(body.created.length);
    expect(body.skipped).toBeGreaterThanOrEqual(30);
    const again = (await (await call('POST', `${base}/bulk`, admin, {})).json()) as any;
    expect(again.created).toEqual([]);
  });
});

describe('a closed diagnosis', () => {
  it('takes no new invitations (409) but can still revoke', async () => {
    const { invitationId } = await invite(t);
    const institutionId = await freshInstitution(t);
    const d = await demoDiagnosis(t);
    await t.db.update(diagnoses).set({ status: 'closed' }).where(eq(diagnoses.id, d.id));
    try {
      const before = await tableCounts(t.db);
      await expectProblem(await call('POST', base, analyst, { institutionId }), 409);
      await expectProblem(await call('POST', `${base}/bulk`, analyst, {}), 409);
      await expectProblem(await call('POST', `${base}/${invitationId}/reissue`, analyst, {}), 409);
      expect(await tableCounts(t.db)).toEqual(before);
      expect((await call('POST', `${base}/${invitationId}/revoke`, analyst)).status).toBe(200);
    } finally {
      await t.db.update(diagnoses).set({ status: 'open' }).where(eq(diagnoses.id, d.id));
    }
  });
});

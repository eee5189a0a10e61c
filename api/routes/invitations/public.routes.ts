// The institution's side, reached with the token of its invitation link (no account): read the
// questionnaire and the saved answers, save a draft, submit or amend. Wrong tokens are rate-limited
// per client (hashed address) and cost the same whatever is wrong with them (see ./token.ts).
import { eq } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import type { z } from 'zod';
import { type Lang, institutionSurvey, institutionSurveyVersion, withZones } from '../../../surveys';
import { invitations, zones } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { limitBody, requireJson, validate } from '../../lib/json-body';
import type { RouteDoc } from '../../lib/openapi';
import { Problem } from '../../lib/problem';
import { memoryRateLimiter } from '../../lib/rate-limit';
import { type Target, saveDraft, submit } from '../responses/save';
import { addressHasher } from '../signals/rate-limit';
import { invitationViewSchema, saveResultSchema, saveResponseSchema, submitResponseSchema, tokenParam } from './invitations.schemas';
import { type ResolvedInvitation, resolveToken } from './token';

/** Answers with long open texts run to tens of KiB; 256 KiB leaves room and stops abuse. */
export const MAX_ANSWERS_BYTES = 256 * 1024;
/** Requests per client and window on the token routes (autosave sends about one a page). */
export const TOKEN_REQUESTS_PER_WINDOW = 600;
/** Wrong tokens per client and window before every further wrong token gets 429. */
export const WRONG_TOKENS_PER_WINDOW = 20;
const WINDOW_MS = 10 * 60 * 1000;

const tags = ['institutions'];
const wrong = { 404: { description: 'No such invitation' }, 410: { description: 'Invitation revoked or expired' }, 429: { description: 'Too many requests or wrong tokens from this client' } };
export const invitationPublicDocs: RouteDoc[] = [
  { method: 'get', path: '/api/invitations/{token}', summary: 'The questionnaire behind an invitation link, with the saved answers', tags, security: 'invitation', params: tokenParam, responses: { 200: { description: 'Institution, diagnosis, survey definition and saved response', schema: invitationViewSchema }, ...wrong } },
  { method: 'put', path: '/api/invitations/{token}/response', summary: 'Save a draft (partial answers allowed; types checked)', tags, security: 'invitation', params: tokenParam, body: saveResponseSchema, responses: { 200: { description: 'Saved', schema: saveResultSchema }, ...wrong, 409: { description: 'Stale version (currentVersion in the body) or diagnosis closed' }, 422: { description: 'One entry per bad answer (field = question name)' } } },
  { method: 'post', path: '/api/invitations/{token}/response/submit', summary: 'Submit or amend (validated against the questionnaire; kept as a revision)', tags, security: 'invitation', params: tokenParam, body: submitResponseSchema, responses: { 200: { description: 'Submitted', schema: saveResultSchema }, ...wrong, 409: { description: 'Stale version (currentVersion in the body) or diagnosis closed' }, 422: { description: 'One entry per bad answer (field = question name)' } } },
];

/** Messages in the language the page asks for (Accept-Language), Italian otherwise. */
const langOf = (c: Context): Lang => (/^\s*en\b/i.test(c.req.header('accept-language') ?? '') ? 'en' : 'it');

export function invitationPublicRoutes(deps: AppDeps) {
  const requests = memoryRateLimiter(TOKEN_REQUESTS_PER_WINDOW, WINDOW_MS);
  const wrongTokens = memoryRateLimiter(WRONG_TOKENS_PER_WINDOW, WINDOW_MS);
  // The same daily-salted address hash as the resident side: no address is kept, even in memory.
  const hashAddress = addressHasher();

  /** Rate limits, then the invitation: the same work for every token up to the verdict. */
  async function invitationFor(c: Context, token: string): Promise<ResolvedInvitation> {
    const now = deps.clock();
    const key = await hashAddress(deps.clientAddress?.(c) ?? 'unknown', now.getTime());
    const gate = requests.hit(key, now.getTime());
    if (!gate.allowed) throw new Problem(429, 'Too many requests; try again later.', { headers: { 'retry-after': String(gate.retryAfterSeconds) } });
    const resolved = await resolveToken(deps.db, token, now);
    if (resolved.ok) return resolved.found;
    const strike = wrongTokens.hit(key, now.getTime());
    if (!strike.allowed) throw new Problem(429, 'Too many wrong invitation links from this connection; try again later.', { headers: { 'retry-after': String(strike.retryAfterSeconds) } });
    throw resolved.problem;
  }

  async function definitionFor(diagnosisId: string) {
    const rows = await deps.db.select({ id: zones.id, name: zones.name }).from(zones).where(eq(zones.diagnosisId, diagnosisId)).orderBy(zones.name);
    return withZones(institutionSurvey, rows);
  }

  const targetOf = (found: ResolvedInvitation): Target => ({
    diagnosisId: found.diagnosis.id,
    diagnosisStatus: found.diagnosis.status,
    institutionId: found.institution.id,
    response: found.response,
  });

  return new Hono()
    .use('/invitations/:token/*', async (c, next) => {
      c.header('cache-control', 'no-store');
      await next();
    })
    .get('/invitations/:token', async (c) => {
      c.header('cache-control', 'no-store');
      const found = await invitationFor(c, c.req.param('token'));
      const now = deps.clock();
      if (!found.invitation.firstOpenedAt) {
        await deps.db.update(invitations).set({ firstOpenedAt: now }).where(eq(invitations.id, found.invitation.id));
      }
      const r = found.response;
      const body: z.infer<typeof invitationViewSchema> = {
        institution: found.institution,
        diagnosis: { slug: found.diagnosis.slug, title: found.diagnosis.title, status: found.diagnosis.status, demo: found.diagnosis.isDemo },
        invitation: { expiresAt: found.invitation.expiresAt.toISOString() },
        survey: { version: institutionSurveyVersion, definition: (await definitionFor(found.diagnosis.id)) as unknown as Record<string, unknown> },
        response: r
          ? { answers: r.answers, status: r.status, version: r.version, surveyVersion: r.surveyVersion, updatedAt: r.updatedAt.toISOString(), submittedAt: r.submittedAt ? r.submittedAt.toISOString() : null }
          : null,
        editable: found.diagnosis.status !== 'closed',
      };
      return c.json(body, 200);
    })
    .put('/invitations/:token/response', requireJson, limitBody(MAX_ANSWERS_BYTES), validate('json', saveResponseSchema), async (c) => {
      const found = await invitationFor(c, c.req.param('token'));
      const result = await saveDraft(deps.db, targetOf(found), await definitionFor(found.diagnosis.id), c.req.valid('json'), deps.clock(), langOf(c));
      return c.json(result, 200);
    })
    .post('/invitations/:token/response/submit', requireJson, limitBody(MAX_ANSWERS_BYTES), validate('json', submitResponseSchema), async (c) => {
      const found = await invitationFor(c, c.req.param('token'));
      const result = await submit(deps.db, targetOf(found), await definitionFor(found.diagnosis.id), c.req.valid('json'), deps.clock(), langOf(c));
      return c.json(result, 200);
    });
}

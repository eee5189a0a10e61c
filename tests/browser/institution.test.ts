// The institution questionnaire in Debian's Chromium against the real Node server: open an
// invitation, fill two pages, reload and find the draft (on this device and on another), meet a
// colleague's save (409) and reload, submit, print view, amend; wrong links say what is wrong.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { institutionSurvey } from '../../surveys';
import { launchChromium, type NodeServer, printedInvitationLinks, startNodeServer } from './browser';
import { answerRequired } from './survey-filler';

let server: NodeServer;
let browser: Browser;
let token: string;
let otherToken: string;
let timerToken: string;

beforeAll(async () => {
  server = await startNodeServer();
  browser = await launchChromium();
  // The demo seed prints links to questionnaires nobody has touched yet.
  [token, otherToken, timerToken] = printedInvitationLinks(server).map((l) => l.split('/q/')[1]);
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const api = async (path: string, init: RequestInit = {}) => {
  const res = await fetch(`${server.base}${path}`, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
  return { status: res.status, body: (await res.json()) as any };
};
const saved = () => api(`/api/invitations/${token}`).then((r) => r.body.response);

async function open(page: Page, t = token) {
  await page.goto(`${server.base}/q/${t}`);
}
const q = (page: Page, name: string) => page.locator(`[data-name="${name}"]`).first();
const pageTitle = (page: Page) => page.locator('.sd-page__title').first();
const next = (page: Page) => page.locator('.sd-navigation__next-btn').first().click();
const prev = (page: Page) => page.locator('.sd-navigation__prev-btn').first().click();
const status = (page: Page) => page.locator('.q-status');
const pageNames = institutionSurvey.pages.map((p) => p.name);

describe('institution questionnaire in the browser', () => {
  let page: Page;

  it('opens the invitation in Italian, switches to English and back', async () => {
    page = await browser.newPage({ viewport: { width: 1200, height: 1000 } });
    await open(page);
    await expect.poll(() => pageTitle(page).textContent()).toContain('Profilo dell’ente');
    await expect.poll(() => page.locator('h1').first().textContent()).toBe('Comune di Borgo Lume');
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await expect.poll(() => pageTitle(page).textContent()).toContain('Institution profile');
    await page.getByRole('button', { name: 'Italiano', exact: true }).click();
    await expect.poll(() => pageTitle(page).textContent()).toContain('Profilo dell’ente');
  }, 60_000);

  it('fills two pages; each change of page saves the draft', async () => {
    await q(page, 'institutionKind').locator('.sd-dropdown').click();
    await page.locator('li[role=option]', { hasText: /^Comune$/ }).first().click();
    await q(page, 'territoryScope').locator('label:has(input[value="municipal"])').click();
    await q(page, 'territoryName').locator('input').fill('Comune di Borgo Lume');
    await q(page, 'populationBand').locator('label:has(input[value="50to250k"])').click();
    await q(page, 'respondentRole').locator('label:has(input[value="manager"])').click();
    await next(page);
    await expect.poll(() => status(page).textContent()).toMatch(/Bozza salvata alle/);
    expect(await saved()).toMatchObject({ status: 'draft', version: 1, answers: { institutionKind: 'comune', territoryName: 'Comune di Borgo Lume', populationBand: '50to250k' } });

    await expect.poll(() => pageTitle(page).textContent()).toContain('Conoscenza');
    await answerRequired(page, institutionSurvey, 'knowledge');
    await next(page);
    await expect.poll(() => saved().then((r) => r.version)).toBe(2);
    const answers = (await saved()).answers;
    expect(Object.keys(answers)).toEqual(expect.arrayContaining(['dataSources', 'dataSharing', 'knowledgeStatements']));
    expect(Object.keys(answers.knowledgeStatements)).toHaveLength(4);
    await expect.poll(() => pageTitle(page).textContent()).toContain('Problemi');
  }, 60_000);

  it('after a reload finds the draft and the page it was on', async () => {
    await page.reload();
    await expect.poll(() => pageTitle(page).textContent()).toContain('Problemi');
    await expect.poll(() => status(page).textContent()).toMatch(/Bozza ripresa/);
    await prev(page);
    await prev(page);
    await expect.poll(() => q(page, 'territoryName').locator('input').inputValue()).toBe('Comune di Borgo Lume');
    await next(page);
    await next(page);
    // Unchanged pages are not new versions.
    expect((await saved()).version).toBe(2);
  }, 60_000);

  it('resumes on another device at the last page with answers', async () => {
    const other = await browser.newPage();
    await open(other);
    await expect.poll(() => pageTitle(other).textContent()).toContain('Conoscenza');
    expect(await q(other, 'dataSharing').locator('input:checked').count()).toBe(1);
    await other.close();
  }, 60_000);

  it('tells the respondent when a colleague saved in the meantime, and reloads their answers', async () => {
    const current = await saved();
    const colleague = await api(`/api/invitations/${token}/response`, {
      method: 'PUT',
      body: JSON.stringify({ answers: { ...current.answers, missingData: 'Dati del 112 per fascia oraria (dal collega).' }, version: current.version }),
    });
    expect(colleague.status).toBe(200);
    await q(page, 'concernNotes').locator('textarea').fill('Parchi poco illuminati.');
    await page.getByRole('button', { name: 'Salva ora' }).click();
    const alert = page.locator('[role=alert]', { hasText: 'Qualcun altro ha salvato' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain(`versione ${colleague.body.version}`);
    // Nothing was overwritten.
    expect((await saved()).answers.concernNotes).toBeUndefined();
    await alert.getByRole('button', { name: 'Ricarica le risposte' }).click();
    await alert.waitFor({ state: 'detached' });
    await expect.poll(() => pageTitle(page).textContent()).toContain('Problemi');
    await prev(page);
    await expect.poll(() => q(page, 'missingData').locator('textarea').inputValue()).toContain('dal collega');
    await next(page);
  }, 60_000);

  it('submits once every page is answered, and shows printable answers', async () => {
    for (const name of pageNames.slice(pageNames.indexOf('problems'))) {
      await expect.poll(() => page.locator('.sd-page').first().getAttribute('data-name').then(() => pageTitle(page).textContent())).toBeTruthy();
      await answerRequired(page, institutionSurvey, name);
      if (name !== 'expectations') await next(page);
    }
    await page.locator('.sd-navigation__complete-btn').first().click();
    await page.getByRole('heading', { name: 'Questionario inviato' }).waitFor();
    const r = await saved();
    expect(r.status).toBe('submitted');
    expect(r.submittedAt).not.toBeNull();
    const shown = page.locator('.q-answer[data-name="territoryName"] dd');
    expect(await shown.textContent()).toBe('Comune di Borgo Lume');
    expect(await page.locator('.q-answer[data-name="institutionKindOther"]').count()).toBe(0);

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.q-print-header').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Modifica le risposte' }).isVisible()).toBe(false);
    expect(await page.locator('.lang-switch').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });

    // A reload shows the submitted answers again, not the form.
    await page.reload();
    await page.getByRole('heading', { name: 'Questionario inviato' }).waitFor();
  }, 120_000);

  it('amends while the diagnosis is open: a second submission is kept as a second revision', async () => {
    const before = await saved();
    await page.getByRole('button', { name: 'Modifica le risposte' }).click();
    await page.locator('.q-notice', { hasText: 'Sta modificando risposte già inviate' }).waitFor();
    await expect.poll(() => pageTitle(page).textContent()).toContain('Aspettative');
    await q(page, 'willingnessToSign').locator('label:has(input[value="conditional"])').click();
    await q(page, 'signConditions').locator('textarea').fill('Con un coordinatore stabile e obiettivi misurabili.');
    await page.locator('.sd-navigation__complete-btn').first().click();
    await page.getByRole('heading', { name: 'Questionario inviato' }).waitFor();
    expect(await page.locator('.q-answer[data-name="willingnessToSign"] dd').textContent()).toBe('Sì, a determinate condizioni');
    const after = await saved();
    expect(after).toMatchObject({ status: 'submitted', answers: { willingnessToSign: 'conditional' } });
    expect(after.version).toBeGreaterThan(before.version);

    const login = await fetch(`${server.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@osservatorio.example', password: 'osservatorio-demo' }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const tracking = await api('/api/diagnoses/demo/responses', { headers: { cookie } });
    expect(tracking.body.institutions.find((i: any) => i.name === 'Comune di Borgo Lume')).toMatchObject({ stage: 'submitted', revisions: 2, amending: false });
  }, 60_000);

  it('autosaves every 30 seconds while the respondent stays on one page', async () => {
    const other = await browser.newPage();
    await other.clock.install();
    await open(other, timerToken);
    await q(other, 'territoryName').locator('input').fill('Scritto senza cambiare pagina');
    await q(other, 'territoryName').locator('input').blur();
    await other.clock.fastForward(10_000);
    expect((await api(`/api/invitations/${timerToken}`)).body.response).toBeNull();
    await other.clock.fastForward(21_000);
    await expect.poll(async () => (await api(`/api/invitations/${timerToken}`)).body.response?.answers.territoryName).toBe('Scritto senza cambiare pagina');
    await other.close();
  }, 60_000);

  it('says plainly when a link is wrong or revoked', async () => {
    const other = await browser.newPage();
    await open(other, 'not-a-real-token-at-all-000000000');
    await other.getByRole('heading', { name: 'Link non valido' }).waitFor();

    const login = await fetch(`${server.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@osservatorio.example', password: 'osservatorio-demo' }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const list = await api('/api/diagnoses/demo/invitations', { headers: { cookie } });
    const view = await api(`/api/invitations/${otherToken}`);
    const inv = list.body.items.find((i: any) => i.institution.id === view.body.institution.id && i.state === 'active');
    expect((await api(`/api/diagnoses/demo/invitations/${inv.id}/revoke`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken } })).status).toBe(200);
    await open(other, otherToken);
    await other.getByRole('heading', { name: 'Link revocato' }).waitFor();
    await other.getByRole('button', { name: 'English', exact: true }).click();
    await other.getByRole('heading', { name: 'Link revoked' }).waitFor();
    await other.close();
  }, 60_000);
});

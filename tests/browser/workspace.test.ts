// The analyst workspace in Debian's Chromium against the real Node server with the demo seed:
// sign-in and roles, set-up, the dashboard and its filters, exports, moderation reaching the
// public summary, invitations, the printable report. Screenshots land in test-results/.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { territoryFile } from '../../api/routes/imports/test-fixtures';
import { launchChromium, type NodeServer, startNodeServer } from './browser';

const ADMIN = { email: 'admin@osservatorio.example', password: 'osservatorio-demo' };
const MODERATOR = { email: 'moderatrice@osservatorio.example', password: 'moderazione-di-prova' };
/** Changes its own password in a test, so no other test signs in with it. */
const ANALYST = { email: 'analista@osservatorio.example', password: 'analisi-di-prova' };
const ARTIFACTS = join(process.cwd(), 'test-results');

let server: NodeServer;
let browser: Browser;
let dir: string;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  // Our own database file, so the CLI can add a moderator to the same database the server uses.
  dir = mkdtempSync(join(tmpdir(), 'osservatorio-workspace-'));
  const databaseUrl = `file:${join(dir, 'db.sqlite')}`;
  server = await startNodeServer({ DATABASE_URL: databaseUrl });
  execFileSync(
    process.execPath,
    ['node_modules/tsx/dist/cli.mjs', 'api/cli.ts', 'user:add', '--email', MODERATOR.email, '--name', 'Moderatrice di prova', '--role', 'moderator', '--password', MODERATOR.password],
    { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: 'pipe' },
  );
  execFileSync(
    process.execPath,
    ['node_modules/tsx/dist/cli.mjs', 'api/cli.ts', 'user:add', '--email', ANALYST.email, '--name', 'Analista di prova', '--role', 'analyst', '--password', ANALYST.password],
    { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: 'pipe' },
  );
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A fresh browser context (own cookies), Italian by default, laptop-sized unless told. */
async function open(path: string, viewport = { width: 1280, height: 900 }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, acceptDownloads: true, locale: 'it-IT' });
  const page = await context.newPage();
  await page.goto(`${server.base}${path}`);
  return { context, page };
}

async function signIn(page: Page, who = ADMIN) {
  await page.fill('input[name=email]', who.email);
  await page.fill('input[name=password]', who.password);
  await page.click('form button[type=submit]');
  await page.waitForSelector('.ws-top');
}

/** expect.poll's 1 s default fails on a loaded machine; pages here wait up to 20 s. */
const LOADED = { timeout: 20_000 };

const kpi = async (page: Page, name: string) => (await page.locator(`[data-kpi=${name}]`).innerText()).trim();

describe('workspace: access', () => {
  it('changes one’s own password from the account page; the old one no longer signs in', async () => {
    const { context, page } = await open('/app');
    await signIn(page, ANALYST);
    await page.click('.ws-who');
    await expect.poll(() => page.locator('h1').first().innerText(), LOADED).toBe('Il tuo account');
    const form = page.getByTestId('password-form');
    await form.getByLabel('Password attuale').fill('non-è-questa');
    await form.getByLabel('Nuova password', { exact: true }).fill('una-nuova-password-lunga');
    await form.getByLabel('Ripeti la nuova password').fill('una-nuova-password-lunga');
    await form.locator('button[type=submit]').click();
    await expect.poll(() => form.locator('#err-currentPassword').innerText(), LOADED).toBe('La password attuale non è corretta.');
    await form.getByLabel('Password attuale').fill(ANALYST.password);
    await form.locator('button[type=submit]').click();
    await expect.poll(() => form.locator('[role=status]').innerText(), LOADED).toContain('Password cambiata');
    await page.click('button:has-text("Esci")');
    await page.fill('input[name=email]', ANALYST.email);
    await page.fill('input[name=password]', ANALYST.password);
    await page.click('form button[type=submit]');
    await expect.poll(() => page.locator('[role=alert]').innerText(), LOADED).toContain('errate');
    await signIn(page, { email: ANALYST.email, password: 'una-nuova-password-lunga' });
    expect(await page.locator('.ws-who').innerText()).toContain('Analista di prova');
    await context.close();
  });

  it('refuses a wrong password, signs in, keeps the session on reload and signs out', async () => {
    const { context, page } = await open('/app');
    await page.fill('input[name=email]', ADMIN.email);
    await page.fill('input[name=password]', 'not-the-password');
    await page.click('form button[type=submit]');
    await expect.poll(() => page.locator('[role=alert]').innerText()).toContain('errate');
    await signIn(page);
    await expect.poll(() => page.locator('h1').first().innerText()).toBe('Diagnosi');
    await page.reload();
    await page.waitForSelector('table.ws-table');
    expect(await page.locator('.ws-who').innerText()).toContain('Amministratore demo');
    await page.click('button:has-text("Esci")');
    await page.waitForSelector('input[name=password]');
    const me = await page.evaluate(async () => (await fetch('/api/auth/me')).status);
    expect(me).toBe(401);
    await context.close();
  });

  it('switches to English and back', async () => {
    const { context, page } = await open('/app');
    await signIn(page);
    await page.click('button.lang-switch');
    await expect.poll(() => page.locator('h1').first().innerText()).toBe('Diagnoses');
    await page.click('button.lang-switch');
    await expect.poll(() => page.locator('h1').first().innerText()).toBe('Diagnosi');
    await context.close();
  });

  it('shows a moderator only the moderation queue', async () => {
    const { context, page } = await open('/app/demo');
    await signIn(page, MODERATOR);
    await page.waitForURL(/\/app\/demo\/moderation$/);
    // The URL changes before the diagnosis shell has rendered its tabs: wait for them.
    await expect.poll(() => page.locator('.ws-tabs a').allInnerTexts(), { timeout: 20_000 }).toEqual(['Moderazione']);
    expect(await page.locator('.ws-nav a').allInnerTexts()).not.toContain('Utenti');
    await page.goto(`${server.base}/app/demo/report`);
    await page.waitForURL(/\/app\/demo\/moderation$/);
    await context.close();
  });

  it('never loads workspace code on the resident page', async () => {
    const { context, page } = await open('/');
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    await page.goto(`${server.base}/s/demo`);
    await page.waitForLoadState('load');
    await page.waitForTimeout(500);
    expect(scripts.length).toBeGreaterThan(0);
    // Leaflet is shared with the resident map; the workspace's own chunk must not come.
    expect(scripts.filter((u) => /Workspace/.test(u))).toEqual([]);
    await context.close();
  });
});

describe('workspace: set-up', () => {
  it('creates a diagnosis, opens it, shows the resident QR and starts the ex-post wave', async () => {
    const { context, page } = await open('/app');
    page.on('dialog', (d) => void d.accept());
    await signIn(page);
    await page.click('button:has-text("Nuova diagnosi")');
    await page.fill('input[name=slug]', 'prova-browser');
    await page.fill('input[name=title]', 'Diagnosi di prova dal browser');
    await page.click('button:has-text("Crea la diagnosi")');
    await page.waitForURL(/\/app\/prova-browser\/setup$/);
    await expect.poll(() => page.locator('.ws-sub .status').innerText()).toBe('bozza');
    const qr = page.locator('.qr-poster img');
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(await page.locator('.resident-link a').first().innerText()).toBe(`${server.base}/s/prova-browser`);
    await page.click('button:has-text("Apri la raccolta")');
    await expect.poll(() => page.locator('.ws-sub .status').innerText()).toBe('aperta');
    await page.click('button:has-text("Chiudi la raccolta")');
    await expect.poll(() => page.locator('.ws-sub .status').innerText()).toBe('chiusa');
    // The ex-post wave gets its own observation period (the previous one's is not copied).
    const followUp = page.locator('section.card', { has: page.locator('h2', { hasText: 'Avvia la rilevazione ex post' }) });
    await followUp.locator('input[name=periodFrom]').fill('2027-01-01');
    await followUp.locator('input[name=periodTo]').fill('2027-12-31');
    await page.click('button:has-text("Avvia la rilevazione ex post")');
    await page.waitForURL(/\/app\/prova-browser-ex-post\/setup$/);
    expect(await page.locator('.ws-sub .wave').innerText()).toContain('ex post');
    await expect.poll(() => page.locator('dl').first().innerText()).toContain('2027-01-01 – 2027-12-31');
    await context.close();
  });

  it('imports police and media figures from CSV, reporting bad rows by line', async () => {
    const { context, page } = await open('/app/demo/setup');
    await signIn(page);
    // The set-up page has other imports (territory, institutions): stay in this one's card.
    const card = page.locator('section[data-import=counts]');
    const input = card.locator('input[type=file][name=file]');
    await input.setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('zone;month;count;source\nPiazza Roma;2026-13;4;police\n') });
    await card.locator('button[type=submit]').click();
    await expect.poll(() => card.locator('[role=alert]').innerText()).toMatch(/line 2/);
    await input.setInputFiles({ name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from('zone;month;count;source\nPiazza Roma;2026-03;14;police\nPiazza Roma;2026-03;2;media\n') });
    await card.locator('button[type=submit]').click();
    await expect.poll(() => card.locator('[role=status]').innerText()).toContain('Importate 2 righe');
    await context.close();
  });

  it('imports a territory from GeoJSON and institutions from CSV into a new diagnosis, showing errors and what was written', async () => {
    const { context, page } = await open('/app');
    await signIn(page);
    // A diagnosis of its own: the demo's 25 zones and 30 institutions are counted by later tests.
    await page.click('button:has-text("Nuova diagnosi")');
    await page.fill('input[name=slug]', 'collina-browser');
    await page.fill('input[name=title]', 'Diagnosi della Collina dal browser');
    await page.click('button:has-text("Crea la diagnosi")');
    await page.waitForURL(/\/app\/collina-browser\/setup$/);
    const fact = (name: string) => page.locator('.facts div', { has: page.locator(`dt:text-is("${name}")`) }).locator('dd');

    const territory = page.locator('section[data-import=territory]');
    const geojson = (name: string, body: unknown) => territory.locator('input[type=file]').setInputFiles({ name, mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(body)) });
    const bad = territoryFile();
    (bad.features[0].properties as Record<string, unknown>).istatCode = '1272';
    await geojson('sbagliato.geojson', bad);
    await territory.locator('button[type=submit]').click();
    const alert = territory.locator('[role=alert]');
    await expect.poll(() => alert.innerText()).toContain('elemento 0 «Monte Alto» · properties.istatCode');
    expect(await alert.innerText()).toContain('elemento 3 «Piazza del Belvedere» · properties.municipality');
    expect(await fact('Zone').innerText()).toBe('0');

    await geojson('collina.geojson', territoryFile());
    await territory.locator('button[type=submit]').click();
    const status = territory.locator('[role=status]');
    await expect.poll(() => status.innerText()).toContain('Territorio importato');
    expect(await status.locator('tr[data-row=created] td').allInnerTexts()).toEqual(['1', '2', '2']);
    expect(await status.locator('[data-import-items] li').allInnerTexts()).toContain('zona · Parco della Rocca — nuovo');
    // A new diagnosis has no signals yet to place in the new zones.
    expect(await status.locator('[data-rezoned]').innerText()).toBe('Segnalazioni già raccolte che hanno cambiato zona: 0 (su 0 con un punto sulla mappa, ricollocate rispetto alle zone nuove o ridisegnate).');
    await expect.poll(() => fact('Zone').innerText()).toBe('2');
    expect(await fact('Comuni').innerText()).toBe('2');

    const institutions = page.locator('section[data-import=institutions]');
    const [template] = await Promise.all([page.waitForEvent('download'), institutions.locator('button:has-text("Scarica il modello CSV")').click()]);
    expect(template.suggestedFilename()).toBe('modello-enti.csv');
    expect(readFileSync((await template.path())!, 'utf8')).toBe('\uFEFFnome;tipo;ambito;comune;email\r\n');
    const csv = (name: string, text: string) => institutions.locator('input[type=file]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
    await csv('enti-sbagliati.csv', 'nome;tipo;ambito;comune;email\nComune di Monte Alto;comune;;Monte Alto;\nSindacato;union;;;\n');
    await institutions.locator('button[type=submit]').click();
    await expect.poll(() => institutions.locator('[role=alert]').innerText()).toContain('riga 3 · kind');
    await csv('enti.csv', 'nome;tipo;ambito;comune;email\nComune di Monte Alto;comune;;Monte Alto;protocollo@montealto.example\nPro Loco della Collina;Associazione di categoria;Collina;;\n');
    await institutions.locator('button[type=submit]').click();
    await expect.poll(() => institutions.locator('[role=status]').innerText()).toContain('Enti: 2 nuovi, 0 aggiornati, 0 invariati; 0 righe scartate.');
    expect(await institutions.locator('[data-import-items] li').allInnerTexts()).toEqual(['riga 2 · Comune di Monte Alto — nuovo', 'riga 3 · Pro Loco della Collina — nuovo']);
    await expect.poll(() => fact('Enti').innerText()).toBe('2');
    await territory.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'workspace-setup-imports.png'), fullPage: true });

    // The institutions are there to invite.
    await page.goto(`${server.base}/app/collina-browser/invitations`);
    await expect.poll(() => page.locator('table.institutions tbody').innerText(), { timeout: 20_000 }).toContain('Pro Loco della Collina');
    await context.close();
  });
});

describe('workspace: reading the diagnosis', () => {
  it('draws the hotspot cells and zones on the map, with figures on click', async () => {
    const { context, page } = await open('/app/demo');
    await signIn(page);
    await page.waitForSelector('path.hotspot-cell');
    expect(await page.locator('path.hotspot-cell').count()).toBeGreaterThan(50);
    expect(await page.locator('path.zone-outline').count()).toBe(25);
    expect(await page.locator('path.hotspot-cell.hotspot-hot-99').count()).toBeGreaterThan(0);
    await page.waitForSelector('#ranking table tbody tr');
    await page.waitForSelector('#gap svg .dot');
    await page.waitForSelector('#trend svg rect.column');
    // A click on a hot cell opens its figures (and its zone's, when inside one).
    const hot = page.locator('path.hotspot-hot-99').first();
    await hot.scrollIntoViewIfNeeded();
    const box = (await hot.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => page.locator('.map-popup').innerText()).toContain('calda 99');
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(ARTIFACTS, 'workspace-dashboard.png'), fullPage: true });
    await context.close();
  });

  it('changes the figures with a filter kept in the URL, and the URL reproduces the view', async () => {
    const { context, page } = await open('/app/demo');
    await signIn(page);
    await expect.poll(() => kpi(page, 'signals')).toMatch(/\d/);
    // Without a source filter the figures are residents' reports (sources are kept apart).
    const residentsOnly = await kpi(page, 'signals');
    await page.check('input[name=source][value=police]');
    await page.waitForURL(/sources=police/);
    await expect.poll(() => kpi(page, 'signals')).not.toBe(residentsOnly);
    const police = await kpi(page, 'signals');
    await expect.poll(() => page.locator('#time .sources-note').innerText()).toContain('Forze dell’ordine');

    const shared = page.url();
    const other = await context.newPage();
    await other.goto(shared);
    // A fresh page computes the filtered analyses anew: give a loaded machine time.
    await expect.poll(() => kpi(other, 'signals'), LOADED).toBe(police);
    expect(await other.locator('input[name=source][value=police]').isChecked()).toBe(true);
    await context.close();
  });

  it('is usable on a tablet', async () => {
    const { context, page } = await open('/app/demo', { width: 820, height: 1180 });
    await signIn(page);
    await page.waitForSelector('path.hotspot-cell');
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(820);
    await context.close();
  });
});

describe('workspace: outputs', () => {
  it('downloads a zones CSV that parses, with readable headers and one row per zone', async () => {
    const { context, page } = await open('/app/demo/exports');
    await signIn(page);
    const button = page.locator('button[data-export=zones-csv]:not([disabled])');
    await button.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toMatch(/^demo-zone-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toContain('Zona');
    expect(parsed.meta.fields).toContain('Indice composito');
    expect(parsed.data).toHaveLength(25);
    expect(parsed.data[0]['Posizione']).toBe('1');

    const [geo] = await Promise.all([page.waitForEvent('download'), page.click('button[data-export=hotspots-geojson]')]);
    const collection = JSON.parse(readFileSync((await geo.path())!, 'utf8'));
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features.length).toBeGreaterThan(0);

    const [tracking] = await Promise.all([page.waitForEvent('download'), page.click('button[data-export=tracking-csv]:not([disabled])')]);
    const rows = Papa.parse<Record<string, string>>(readFileSync((await tracking.path())!, 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
    expect(rows.errors).toEqual([]);
    expect(rows.data).toHaveLength(30);
    expect(rows.meta.fields).toContain('Ente');
    await context.close();
  });

  it('prints the diagnosis report', async () => {
    const { context, page } = await open('/app/demo/report');
    await signIn(page);
    await page.waitForSelector('.report[data-ready=true]', { timeout: 20_000 });
    await page.waitForSelector('.report path.hotspot-cell');
    const sections = await page.locator('.report-section h2').allInnerTexts();
    for (const title of ['Il territorio', 'La partecipazione', 'I problemi più sentiti', 'I punti caldi', 'Punti di forza e di debolezza', 'Percezione e fatti registrati', 'Priorità proposte per il patto']) {
      expect(sections.some((s) => s.includes(title))).toBe(true);
    }
    expect(await page.locator('.priorities li').count()).toBeGreaterThan(2);
    // Roughly an A4 page at 96 dpi, so the screenshot shows what the paper gets.
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.ws-top').isVisible()).toBe(false);
    expect(await page.locator('.report-tools').isVisible()).toBe(false);
    await page.screenshot({ path: join(ARTIFACTS, 'workspace-report-print.png'), fullPage: true });
    await context.close();
  });
});

describe('workspace: moderation and invitations', () => {
  it('approves a pending text, which the public summary keeps for its next refresh', async () => {
    const pub = (await (await fetch(`${server.base}/api/diagnoses/demo/public`)).json()) as { zones: { features: { id: string }[] } };
    const id = crypto.randomUUID();
    const text = `Prova di moderazione ${id.slice(0, 8)}: lampione spento in fondo alla via.`;
    const posted = await fetch(`${server.base}/api/diagnoses/demo/signals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id, zoneId: pub.zones.features[0].id, categories: ['lighting'], timeBands: ['night'], intensity: 4, text }),
    });
    expect(posted.status).toBeLessThan(300);
    const before = (await (await fetch(`${server.base}/api/diagnoses/demo/summary`)).json()) as { texts: { text: string }[] };
    expect(before.texts.map((t) => t.text)).not.toContain(text);

    const { context, page } = await open('/app/demo/moderation');
    await signIn(page, MODERATOR);
    const item = page.locator(`[data-signal="${id}"]`);
    // The queue is oldest first: page on until the new text shows.
    for (let i = 0; i < 30 && !(await item.count()); i++) {
      await page.click('button:has-text("Carica altri")');
      await page.waitForTimeout(150);
    }
    await expect.poll(() => item.locator('.mod-text').innerText()).toBe(text);
    await item.locator('button:has-text("Approva")').click();
    await item.waitFor({ state: 'detached' });

    // The public summary is a snapshot per refresh window (daily by default), so that polling it
    // around one's own report reveals nothing: the approved text shows from the next window.
    const after = (await (await fetch(`${server.base}/api/diagnoses/demo/summary`)).json()) as { texts: { text: string }[] };
    expect(after.texts.map((t) => t.text)).not.toContain(text);

    // Hiding needs a reason; the hidden text shows who hid it and why.
    const first = page.locator('.mod-item').first();
    const hiddenId = await first.getAttribute('data-signal');
    await first.locator('button:has-text("Nascondi")').click();
    await first.locator('input[name=reason]').fill('Contiene un nome e cognome');
    await first.locator('button:has-text("Nascondi il testo")').click();
    await page.locator(`[data-signal="${hiddenId}"]`).waitFor({ state: 'detached' });
    await page.click('button[role=tab]:has-text("Nascosti")');
    const hidden = page.locator(`[data-signal="${hiddenId}"]`);
    await expect.poll(() => hidden.innerText()).toContain('Contiene un nome e cognome');
    expect(await hidden.innerText()).toContain(MODERATOR.email);
    await context.close();
  });

  it('revokes and re-issues an invitation, showing the new link once', async () => {
    const { context, page } = await open('/app/demo/invitations');
    page.on('dialog', (d) => void d.accept());
    await signIn(page);
    await page.waitForSelector('table.institutions');
    const row = page.locator('table.institutions tbody tr', { has: page.locator('button:has-text("Revoca")') }).first();
    const institution = await row.getAttribute('data-institution');
    await row.locator('button:has-text("Revoca")').click();
    const same = page.locator(`tr[data-institution="${institution}"]`);
    await expect.poll(() => same.innerText()).toContain('revocato');
    await same.locator('button:has-text("Nuovo link")').click();
    const link = page.locator('[data-invitation-link]').first();
    await expect.poll(() => link.innerText()).toMatch(/\/q\/[A-Za-z0-9_-]{20,}$/);
    // The new link opens the questionnaire for that institution.
    const token = (await link.innerText()).split('/q/')[1];
    const res = await fetch(`${server.base}/api/invitations/${token}`);
    expect(res.status).toBe(200);
    await context.close();
  });
});

// One story, in order: the admin makes an analyst's account, the analyst signs in and records a
// measure on an objective the admin set up, the dashboard shows it, the activity log lists it all.
describe('workspace: accounts, objectives and the activity log', () => {
  const ANALYST = { email: 'analista.browser@ente.example', password: 'analisi-dal-browser' };
  const OBJECTIVE = { code: 'OB9', title: 'Più luce nei parchi', indicator: 'Parchi con illuminazione notturna' };

  it('an admin creates an analyst account, who then signs in; a generated password is shown once', async () => {
    const { context, page } = await open('/app/_users');
    await signIn(page);
    await page.waitForSelector('table.accounts tbody tr');
    await page.click('button:has-text("Nuovo account")');
    const form = page.locator('form.ws-form');
    await form.locator('input[name=email]').fill(ANALYST.email);
    await form.locator('input[name=name]').fill('Anna Analista');
    await form.locator('select[name=role]').selectOption('analyst');
    await form.locator('input[name=password]').fill(ANALYST.password);
    await form.locator('button[type=submit]').click();
    const row = page.locator(`tr[data-account="${ANALYST.email}"]`);
    await expect.poll(() => row.innerText(), LOADED).toContain('Anna Analista');
    expect(await row.locator('select[name=role]').inputValue()).toBe('analyst');

    // A second account with a generated password: shown once, and it works.
    await page.click('button:has-text("Nuovo account")');
    await form.locator('input[name=email]').fill('moderatore.generato@ente.example');
    await form.locator('input[name=name]').fill('Mario Generato');
    await form.locator('select[name=role]').selectOption('moderator');
    await form.locator('input[value=generate]').check();
    await form.locator('button[type=submit]').click();
    const generated = (await page.locator('[data-generated-password] code').innerText()).trim();
    expect(generated).toMatch(/^[A-Za-z0-9_-]{16}$/);
    const login = await fetch(`${server.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'moderatore.generato@ente.example', password: generated }) });
    expect(login.status).toBe(200);
    await page.click('button:has-text("L’ho copiata")');
    expect(await page.locator('[data-generated-password]').count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'workspace-users.png'), fullPage: true });
    await context.close();

    const analyst = await open('/app/demo');
    await signIn(analyst.page, ANALYST);
    await expect.poll(() => analyst.page.locator('.ws-tabs a').allInnerTexts(), LOADED).toContain('Obiettivi');
    expect(await analyst.page.locator('.ws-nav a').allInnerTexts()).not.toContain('Utenti');
    await analyst.context.close();
  });

  it('an admin sets up an objective with an indicator, the analyst records its measure, the dashboard shows it', async () => {
    const { context, page } = await open('/app/demo/objectives');
    await signIn(page);
    await page.waitForSelector('section.objective');
    await page.click('button:has-text("Nuovo obiettivo")');
    const form = page.locator('form.objective-form');
    await form.locator('input[name=code]').fill(OBJECTIVE.code);
    await form.locator('input[name=title]').fill(OBJECTIVE.title);
    await form.locator('input[name=name]').fill(OBJECTIVE.indicator);
    await form.locator('input[name=baseline]').fill('2');
    await form.locator('input[name=target]').fill('10');
    await form.locator('input[name=unit]').fill('parchi');
    // A wrong figure is refused beside its field, and nothing is created.
    await form.locator('input[name=target]').fill('dieci');
    await form.locator('button[type=submit]').click();
    await expect.poll(() => form.locator('.field-error').first().innerText(), LOADED).not.toBe('');
    await form.locator('input[name=target]').fill('10');
    await form.locator('button[type=submit]').click();
    const card = page.locator(`section.objective[data-objective="${OBJECTIVE.code}"]`);
    await expect.poll(() => card.innerText(), LOADED).toContain(OBJECTIVE.indicator);
    expect(await card.locator('.badge').first().innerText()).toBe('non misurato');
    await context.close();

    const analyst = await open('/app/demo/objectives');
    await signIn(analyst.page, ANALYST);
    const item = analyst.page.locator(`section.objective[data-objective="${OBJECTIVE.code}"] li.indicator`);
    await item.waitFor();
    // Analysts record measures but do not edit the objectives.
    expect(await analyst.page.locator('button:has-text("Nuovo obiettivo")').count()).toBe(0);
    await item.locator('button:has-text("Registra la misura")').click();
    await item.locator('input[name=measured]').fill('6,5');
    await item.locator('button:has-text("Salva la misura")').click();
    await expect.poll(() => item.locator('.badge').innerText(), LOADED).toBe('in corso');
    expect(await item.innerText()).toMatch(/6,5 parchi/);
    await analyst.page.screenshot({ path: join(ARTIFACTS, 'workspace-objectives.png'), fullPage: true });

    await analyst.page.click('.ws-tabs a:has-text("Cruscotto")');
    const shown = analyst.page.locator('#objectives li', { hasText: `${OBJECTIVE.code} · ${OBJECTIVE.indicator}` });
    await expect.poll(() => shown.innerText(), LOADED).toContain('in corso');
    expect(await shown.innerText()).toContain('56');
    await analyst.context.close();
  });

  it('the activity log lists those actions, for the admin as a whole and per diagnosis', async () => {
    const { context, page } = await open('/app/_audit');
    await signIn(page);
    const rows = page.locator('table.audit-log tbody tr');
    await rows.first().waitFor();
    const account = page.locator('tr[data-action="user.create"]', { hasText: ANALYST.email });
    await expect.poll(() => account.innerText(), LOADED).toContain('Account creato');
    expect(await account.innerText()).toContain('Amministratore demo');
    await expect.poll(() => page.locator('tr[data-action="indicator.measure"]').first().innerText(), LOADED).toContain('Anna Analista');
    expect(await page.locator('tr[data-action="objective.create"]').first().innerText()).toContain(OBJECTIVE.code);
    // Only account changes, through the action filter.
    await page.selectOption('select[name=action]', 'user.create');
    await expect.poll(async () => new Set(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-action')))), LOADED).toEqual(new Set(['user.create']));
    await page.screenshot({ path: join(ARTIFACTS, 'workspace-audit.png'), fullPage: true });

    await page.goto(`${server.base}/app/demo/audit`);
    const measure = page.locator('tr[data-action="indicator.measure"]');
    await expect.poll(() => measure.first().innerText(), LOADED).toContain(`${OBJECTIVE.code} · ${OBJECTIVE.indicator}`);
    expect(await page.locator('tr[data-action="user.create"]').count()).toBe(0);
    await context.close();
  });

  it('a disabled account is signed out at once and cannot sign in', async () => {
    const analyst = await open('/app/demo/objectives');
    await signIn(analyst.page, ANALYST);
    await analyst.page.waitForSelector('section.objective');

    const { context, page } = await open('/app/_users');
    page.on('dialog', (d) => void d.accept());
    await signIn(page);
    const row = page.locator(`tr[data-account="${ANALYST.email}"]`);
    await row.locator('button:has-text("Disattiva")').click();
    await expect.poll(() => row.innerText(), LOADED).toContain('disattivato');
    await context.close();

    await analyst.page.reload();
    await analyst.page.waitForSelector('input[name=password]');
    await analyst.page.fill('input[name=email]', ANALYST.email);
    await analyst.page.fill('input[name=password]', ANALYST.password);
    await analyst.page.click('form button[type=submit]');
    await expect.poll(() => analyst.page.locator('[role=alert]').innerText(), LOADED).toContain('errate');
    await analyst.context.close();
  });
});

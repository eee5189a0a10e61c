// A resident on a phone (390×844) in Debian's Chromium against the real Node server: places a
// point and sends a report; sends with the network cut and is stored exactly once on reconnect
// (also when the first answer is lost on the way back); picks a zone from the list when no map
// tile loads. The database file is read directly to see what was stored.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Client, createClient } from '@libsql/client';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type NodeServer, startNodeServer } from './browser';

let browser: Browser;
let server: NodeServer;
let db: Client;
let dir: string;

// Page loads and sends take longer while other suites share the machine.
const POLL_MS = 20_000;

// A 1×1 PNG, so "tiles" load without the internet.
const TILE = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'osservatorio-resident-'));
  const file = join(dir, 'db.sqlite');
  [server, browser] = await Promise.all([startNodeServer({ DATABASE_URL: `file:${file}` }), launchChromium()]);
  db = createClient({ url: `file:${file}` });
});

afterAll(async () => {
  db?.close();
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function phone(opts: { tiles: 'ok' | 'abort' }): Promise<{ context: BrowserContext; page: Page; cspErrors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, locale: 'it-IT' });
  // Tiles come from the configured tile server: served locally here, or refused.
  await context.route(/^https:\/\/[^/]*tile[^/]*\//, (route) => (opts.tiles === 'ok' ? route.fulfill({ body: TILE, contentType: 'image/png' }) : route.abort()));
  const page = await context.newPage();
  const cspErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
  });
  return { context, page, cspErrors };
}

const rowsWithText = async (text: string) =>
  (await db.execute({ sql: 'select id, zone_id, lat, lon, moderation, perception from signals where text = ?', args: [text] })).rows;

const zoneId = async (name: string) => String((await db.execute({ sql: 'select id from zones where name = ?', args: [name] })).rows[0].id);

/** Answers the report form the way a person does, then presses send. */
async function fillReport(page: Page, text: string) {
  const survey = page.getByTestId('survey-resident');
  await survey.locator('[data-name="categories"] label:has(input[value="lighting"])').click();
  await survey.locator('[data-name="timeBands"] label:has(input[value="evening"])').click();
  await survey.locator('[data-name="intensity"] label:has(input[value="4"])').first().click();
  await survey.locator('[data-name="text"] textarea').fill(text);
}
const pressSend = (page: Page) => page.getByTestId('survey-resident').locator('input.sd-navigation__complete-btn, button.sd-navigation__complete-btn').click();

describe('resident page in Chromium (390×844)', { timeout: 120_000 }, () => {
  it('places a point on the map, fills the form, sends; the signal is stored in its zone; the perception survey follows once', async () => {
    const { context, page, cspErrors } = await phone({ tiles: 'ok' });
    await page.goto(`${server.base}/s/demo`);
    await expect.poll(() => page.locator('.leaflet-overlay-pane path').count(), { timeout: POLL_MS }).toBeGreaterThan(10);

    // Tap the middle of Piazza Roma's outline.
    const features = ((await (await fetch(`${server.base}/api/diagnoses/demo/public`)).json()) as { zones: { features: { properties: { name: string } }[] } }).zones.features;
    const index = features.findIndex((f) => f.properties.name === 'Piazza Roma');
    const box = (await page.locator('.leaflet-overlay-pane path').nth(index).boundingBox())!;
    await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => page.getByTestId('chosen-place').textContent(), { timeout: POLL_MS }).toContain('Piazza Roma');
    await expect.poll(() => page.locator('.r-pin').count(), { timeout: POLL_MS }).toBe(1);
    await page.getByRole('button', { name: 'Continua' }).click();

    const text = `Lampioni spenti, prova nel browser ${Date.now()}`;
    await fillReport(page, text);
    await pressSend(page);
    await expect.poll(() => page.getByTestId('delivery').getAttribute('data-status'), { timeout: POLL_MS }).toBe('sent');
    await expect.poll(() => page.getByText('Grazie!').count(), { timeout: POLL_MS }).toBe(1);

    const rows = await rowsWithText(text);
    expect(rows).toHaveLength(1);
    expect(rows[0].zone_id).toBe(await zoneId('Piazza Roma'));
    expect(rows[0].moderation).toBe('pending');
    expect(Number(rows[0].lat)).toBeGreaterThan(43);

    // The perception survey is offered after the report; its answers join the same signal.
    await page.getByRole('button', { name: 'Rispondo' }).click();
    const perception = page.getByTestId('survey-perception');
    await perception.locator('[data-name="safeAfterDark"] label:has(input[value="not-very-safe"])').click();
    await perception.locator('input.sd-navigation__complete-btn, button.sd-navigation__complete-btn').click();
    await expect.poll(async () => (await rowsWithText(text))[0].perception, { timeout: POLL_MS }).toBeTruthy();
    expect(JSON.parse(String((await rowsWithText(text))[0].perception))).toEqual({ safeAfterDark: 'not-very-safe' });

    // Once per device: the next report does not offer it again.
    await page.getByRole('button', { name: 'Fai un’altra segnalazione' }).click();
    await page.getByRole('tab', { name: 'Dall’elenco dei luoghi' }).click();
    await page.locator('label.r-zone', { hasText: 'Piazza Marconi' }).click();
    await page.getByRole('button', { name: 'Continua' }).click();
    const second = `Seconda segnalazione ${Date.now()}`;
    await fillReport(page, second);
    await pressSend(page);
    await expect.poll(() => page.getByTestId('delivery').getAttribute('data-status'), { timeout: POLL_MS }).toBe('sent');
    expect(await page.getByRole('button', { name: 'Rispondo' }).count()).toBe(0);
    expect(await rowsWithText(second)).toHaveLength(1);

    expect(cspErrors).toEqual([]);
    await context.close();
  });

  it('with the network cut, keeps the report on the device and stores it exactly once after reconnecting', async () => {
    const { context, page } = await phone({ tiles: 'ok' });
    await page.goto(`${server.base}/s/demo`);
    await page.getByRole('tab', { name: 'Dall’elenco dei luoghi' }).click();
    await page.locator('label.r-zone', { hasText: 'Stazione ferroviaria' }).click();
    await page.getByRole('button', { name: 'Continua' }).click();
    const text = `Inviata senza rete ${Date.now()}`;
    await fillReport(page, text);

    await context.setOffline(true);
    await pressSend(page);
    await expect.poll(() => page.getByTestId('delivery').getAttribute('data-status'), { timeout: POLL_MS }).toBe('queued');
    await expect.poll(() => page.getByText('Segnalazione salvata sul dispositivo, verrà inviata appena possibile').count(), { timeout: POLL_MS }).toBe(1);
    // (Strings, not functions: this file is typed for Node, without the DOM.)
    const kept = JSON.parse((await page.evaluate<string | null>(`localStorage.getItem('osservatorio.outbox.v1')`)) ?? '[]') as { key: string }[];
    expect(kept).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await rowsWithText(text)).toHaveLength(0);

    await context.setOffline(false);
    await expect.poll(() => page.getByTestId('delivery').getAttribute('data-status'), { timeout: POLL_MS }).toBe('sent');
    const rows = await rowsWithText(text);
    expect(rows).toHaveLength(1);
    expect(rows[0].id).toBe(kept[0].key);
    expect(rows[0].zone_id).toBe(await zoneId('Stazione ferroviaria'));
    expect(await page.evaluate<string | null>(`localStorage.getItem('osservatorio.outbox.v1')`)).toBe('[]');
    await context.close();
  });

  it('when the answer is lost on the way back, the retry with the same id stores nothing new', async () => {
    const { context, page } = await phone({ tiles: 'ok' });
    let attempts = 0;
    // The first POST reaches the server and is stored, but the phone never hears back.
    await context.route('**/api/diagnoses/demo/signals', async (route) => {
      attempts++;
      if (attempts === 1) {
        await route.fetch();
        await route.abort('connectionreset');
      } else await route.continue();
    });
    await page.goto(`${server.base}/s/demo`);
    await page.getByRole('tab', { name: 'Dall’elenco dei luoghi' }).click();
    await page.locator('label.r-zone', { hasText: 'Pineta' }).click();
    await page.getByRole('button', { name: 'Continua' }).click();
    const text = `Risposta persa ${Date.now()}`;
    await fillReport(page, text);
    await pressSend(page);
    await expect.poll(() => page.getByTestId('delivery').getAttribute('data-status'), { timeout: POLL_MS }).toBe('queued');
    expect(await rowsWithText(text)).toHaveLength(1);
    // Coming back to the page (or back online) sends again, with the same id.
    await page.evaluate(`window.dispatchEvent(new Event('online'))`);
    await expect.poll(() => page.getByTestId('delivery').getAttribute('data-status'), { timeout: POLL_MS }).toBe('sent');
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(await rowsWithText(text)).toHaveLength(1);
    await context.close();
  });

  it('falls back to the zone list when no map tile loads, and the report is stored in the chosen zone', async () => {
    const { context, page, cspErrors } = await phone({ tiles: 'abort' });
    await page.goto(`${server.base}/s/demo`);
    await expect.poll(() => page.getByText('La mappa non si carica. Scegli il luogo dall’elenco qui sotto.').count(), { timeout: POLL_MS }).toBe(1);
    await expect.poll(() => page.getByRole('tab', { name: 'Dall’elenco dei luoghi' }).getAttribute('aria-selected'), { timeout: POLL_MS }).toBe('true');
    await page.getByLabel('Cerca un luogo').fill('lungomare');
    await expect.poll(() => page.locator('label.r-zone').count(), { timeout: POLL_MS }).toBe(2);
    await page.locator('label.r-zone', { hasText: 'Lungomare Nord' }).click();
    await expect.poll(() => page.getByTestId('chosen-place').textContent(), { timeout: POLL_MS }).toContain('Lungomare Nord');
    await page.getByRole('button', { name: 'Continua' }).click();
    const text = `Senza mappa ${Date.now()}`;
    await fillReport(page, text);
    await pressSend(page);
    await expect.poll(() => page.getByTestId('delivery').getAttribute('data-status'), { timeout: POLL_MS }).toBe('sent');
    const rows = await rowsWithText(text);
    expect(rows).toHaveLength(1);
    expect(rows[0].zone_id).toBe(await zoneId('Lungomare Nord'));
    expect(rows[0].lat).toBeNull();
    expect(cspErrors).toEqual([]);
    await context.close();
  });

  it('says in Italian why a report is refused when the diagnosis closed while it was being filled', async () => {
    const { context, page } = await phone({ tiles: 'abort' });
    await page.goto(`${server.base}/s/demo`);
    await page.locator('label.r-zone', { hasText: 'Piazza Roma' }).click();
    await page.getByRole('button', { name: 'Continua' }).click();
    const text = `Diagnosi chiusa ${Date.now()}`;
    await fillReport(page, text);
    await db.execute(`update diagnoses set status = 'closed' where slug = 'demo'`);
    try {
      await pressSend(page);
      await expect.poll(() => page.getByTestId('delivery').getAttribute('data-status'), { timeout: POLL_MS }).toBe('rejected');
      await expect.poll(() => page.getByRole('alert').textContent(), { timeout: POLL_MS }).toBe(
        'La segnalazione non è stata accettata: la diagnosi è chiusa e non raccoglie più segnalazioni.',
      );
      expect(await rowsWithText(text)).toHaveLength(0);
    } finally {
      await db.execute(`update diagnoses set status = 'open' where slug = 'demo'`);
    }
    await context.close();
  });

  it('switches to English, and shows the k-suppressed public summary', async () => {
    const { context, page } = await phone({ tiles: 'abort' });
    await page.goto(`${server.base}/s/demo`);
    await page.locator('label.r-zone', { hasText: 'Piazza Roma' }).click();
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Where do you feel unsafe?' }).count(), { timeout: POLL_MS }).toBe(1);
    // The choice survives the switch.
    await expect.poll(() => page.getByTestId('chosen-place').textContent(), { timeout: POLL_MS }).toBe('Chosen place: Piazza Roma');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.getByText('What makes you feel unsafe in this place?').count(), { timeout: POLL_MS }).toBeGreaterThan(0);
    await page.goto(`${server.base}/s/demo?view=summary`);
    await expect.poll(() => page.getByRole('heading', { name: 'Public summary' }).count(), { timeout: POLL_MS }).toBe(1);
    expect(await page.locator('.r-bars li').count()).toBeGreaterThan(3);
    await context.close();
  });
});

// The public summary and report exclusion on the scale path (workerd + local D1): the snapshot's
// upsert, the per-window text order and the exclude batch (with the snapshot's delete) are SQL that
// must run on D1 as on libSQL, and so must the record keys of the cell-key perturbation (the
// secret's table from migration 0004, the keys' integer arithmetic in SQL). The clock is the real
// one here, so the window logic itself is tested in summary.test.ts; this checks the same answer
// twice, the shape, and the actions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../../tests/server';

let s: RunningServer;
beforeAll(async () => {
  s = await startServer('worker');
}, 180_000);
afterAll(async () => {
  await s?.stop();
});

describe('public summary and exclusion on Workers + D1', () => {
  it('answers the same rounded summary twice, and excludes and restores a report', async () => {
    const first = await fetch(`${s.base}/api/diagnoses/demo/summary`);
    expect(first.status).toBe(200);
    const text = await first.text();
    const body = JSON.parse(text) as { base: number; k: number; zonesTotal: number; zones: { count: number }[]; texts: unknown[] };
    expect(body.zones.length).toBeGreaterThan(0);
    for (const z of body.zones) {
      expect(z.count % body.base).toBe(0);
      expect(z.count).toBeGreaterThanOrEqual(body.k);
    }
    expect(body.zonesTotal).toBe(body.zones.reduce((a, z) => a + z.count, 0));
    expect(text).not.toMatch(/dataVersion/);
    expect(first.headers.get('x-data-version')).toBeNull();
    expect(await (await fetch(`${s.base}/api/diagnoses/demo/summary`)).text()).toBe(text);

    const login = await fetch(`${s.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@osservatorio.example', password: 'osservatorio-demo' }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
    const base = `${s.base}/api/diagnoses/demo/moderation/signals`;
    const page = (await (await fetch(`${base}?limit=1`, { headers: { cookie } })).json()) as { items: { id: string }[] };
    const id = page.items[0].id;
    const excluded = await fetch(`${base}/${id}/exclude`, { method: 'POST', headers, body: JSON.stringify({ reason: 'spam', note: 'Prova su workerd' }) });
    expect(excluded.status).toBe(200);
    expect(await excluded.json()).toMatchObject({ id, exclusion: 'spam', exclusionNote: 'Prova su workerd' });
    const list = (await (await fetch(`${base}?state=excluded`, { headers: { cookie } })).json()) as { items: { id: string }[] };
    expect(list.items.map((i) => i.id)).toContain(id);
    expect((await fetch(`${s.base}/api/diagnoses/demo/summary`)).status).toBe(200);
    const restored = await fetch(`${base}/${id}/restore`, { method: 'POST', headers, body: JSON.stringify({ note: 'Verificata' }) });
    expect(restored.status).toBe(200);
    expect(await restored.json()).toMatchObject({ id, exclusion: null });
    // The same window, the same reports before it: the recomputed summary is the first one again
    // (the same records have the same cell keys, under the secret kept apart from the snapshot).
    expect(await (await fetch(`${s.base}/api/diagnoses/demo/summary`)).text()).toBe(text);
  });
});

// Accounts, objectives and the audit log on the scale path: `npm run dev:worker` (workerd + local
// D1). D1 runs batches without interactive transactions, so the writes that depend on it are
// checked there: the last-admin guard inside the batch, a disabled account's sessions ending,
// an objective created with its indicators, a measurement, and the log that records them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../../tests/server';

let s: RunningServer;
beforeAll(async () => {
  s = await startServer('worker');
}, 180_000);
afterAll(async () => {
  await s?.stop();
});

type Session = { cookie: string; csrf: string };

async function signIn(email: string, password: string): Promise<Session> {
  const res = await fetch(`${s.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  expect(res.status).toBe(200);
  return { cookie: res.headers.get('set-cookie')!.split(';')[0], csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

const call = (who: Session, method: string, path: string, body?: unknown) =>
  fetch(`${s.base}${path}`, {
    method,
    headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });

describe('accounts, objectives and the audit log on Workers + D1', () => {
  let admin: Session;
  let adminId: string;
  beforeAll(async () => {
    admin = await signIn('admin@osservatorio.example', 'osservatorio-demo');
    adminId = ((await (await call(admin, 'GET', '/api/auth/me')).json()) as { user: { id: string } }).user.id;
  });

  it('keeps the last active admin, creates and disables an account (its session ends)', async () => {
    const last = await call(admin, 'PATCH', `/api/users/${adminId}`, { role: 'analyst' });
    expect(last.status).toBe(409);
    expect(last.headers.get('content-type')).toMatch(/^application\/problem\+json/);

    const created = await call(admin, 'POST', '/api/users', { email: 'analista.d1@ente.example', name: 'Analista D1', role: 'analyst' });
    expect(created.status).toBe(201);
    const { user, password } = (await created.json()) as { user: { id: string }; password: string };
    const analyst = await signIn('analista.d1@ente.example', password);
    expect((await call(analyst, 'GET', '/api/diagnoses/demo/objectives')).status).toBe(200);

    const disabled = await call(admin, 'PATCH', `/api/users/${user.id}`, { disabled: true });
    expect(disabled.status).toBe(200);
    expect(((await disabled.json()) as { activeSessions: number }).activeSessions).toBe(0);
    expect((await call(analyst, 'GET', '/api/auth/me')).status).toBe(401);
  });

  it('creates an objective with indicators, records a measure, and the log lists both', async () => {
    const created = await call(admin, 'POST', '/api/diagnoses/demo/objectives', {
      code: 'OB-D1',
      title: 'Obiettivo su D1',
      indicators: [
        { name: 'Primo', baseline: 0, target: 10 },
        { name: 'Secondo', baseline: 5, target: 1 },
      ],
    });
    expect(created.status).toBe(201);
    const objective = (await created.json()) as { indicators: { id: string; direction: string }[] };
    expect(objective.indicators.map((i) => i.direction)).toEqual(['increase', 'decrease']);
    const measured = await call(admin, 'PUT', `/api/diagnoses/demo/indicators/${objective.indicators[0].id}/measurement`, { measured: 5 });
    expect(((await measured.json()) as { progress: { share: number } }).progress.share).toBe(0.5);

    const log = (await (await call(admin, 'GET', '/api/audit?limit=10')).json()) as { items: { action: string }[] };
    expect(log.items.map((e) => e.action).slice(0, 2)).toEqual(['indicator.measure', 'objective.create']);
    expect(log.items.map((e) => e.action)).toContain('user.disable');
    expect(log.items.map((e) => e.action)).not.toContain('user.role');
  });
});

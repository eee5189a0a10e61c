import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { createTestApp } from '../api/test/test-app';
const t = await createTestApp({ seed: true, residentSignals: 50, env: { SIGNAL_RATE_LIMIT: '0' }, writeWorker: true });
const pub = (await (await t.request('/api/diagnoses/demo/public')).json()) as any;
const places = pub.zones.features.map((f: any) => { const r = f.geometry.coordinates[0].slice(0, -1); return { lon: r.reduce((s: number, p: number[]) => s + p[0], 0) / r.length, lat: r.reduce((s: number, p: number[]) => s + p[1], 0) / r.length }; });
let k = 0;
const body = () => { const p = places[k++ % places.length]; return JSON.stringify({ id: randomUUID(), lat: p.lat, lon: p.lon, categories: ['lighting', 'drugs'], timeBands: ['evening', 'night'], days: ['weekend'], intensity: 3, helps: ['lighting'] }); };
const cpu = () => { const f = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
import { readdirSync } from 'node:fs';
const threads = () => Object.fromEntries(readdirSync('/proc/self/task').map((tid) => { const f = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8'); const name = f.slice(f.indexOf('(') + 1, f.indexOf(')')); const x = f.split(') ')[1].split(' '); return [`${tid}:${name}`, (Number(x[11]) + Number(x[12])) * 10]; }));
async function run(n: number) {
  let i = 0;
  const worker = async () => { while (i++ < n) { const res = await t.app.fetch(new Request('http://x/api/diagnoses/demo/signals', { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '200' }, body: body() })); if (res.status !== 201) throw new Error(String(res.status)); await res.text(); } };
  await Promise.all(Array.from({ length: 50 }, worker));
}
await run(5000);
for (let r = 0; r < 3; r++) { const th0 = threads(); const c0 = cpu(); const w0 = performance.now(); await run(20000); const th1 = threads(); console.log(Object.entries(th1).map(([k, v]) => [k, ((v - (th0[k] ?? 0)) * 1000 / 20000).toFixed(1)]).filter(([, v]) => Number(v) > 1).map((x) => x.join('=')).join(' ')); console.log('main cpu µs/req', ((cpu() - c0) * 1000 / 20000).toFixed(1), 'wall µs/req', ((performance.now() - w0) * 1000 / 20000).toFixed(1)); }
await t.close();

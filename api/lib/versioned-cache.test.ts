// The evidence store: small diagnoses always answer fresh; a slow one may answer from its last
// evidence (bounded in age) while the new version loads.
import { describe, expect, it } from 'vitest';
import { EvidenceStore } from './versioned-cache';

function store(loadMs: number) {
  const clock = { t: 0 };
  const s = new EvidenceStore<string>({ maxEntries: 4, slowMs: 500, maxStaleMs: 30_000, now: () => clock.t });
  let release: (() => void) | null = null;
  const loads: number[] = [];
  const load = (version: number) => () => {
    loads.push(version);
    const started = clock.t;
    return new Promise<string>((resolve) => {
      release = () => {
        clock.t = started + loadMs;
        resolve(`v${version}`);
      };
    });
  };
  return { s, clock, load, loads, release: () => release?.() };
}

describe('EvidenceStore', () => {
  it('waits for the new version when loading is fast', async () => {
    const { s, load, release, loads } = store(20);
    const first = s.get('d', 1, load(1));
    release();
    expect(await first).toEqual({ value: 'v1', version: 1 });
    const second = s.get('d', 2, load(2));
    release();
    expect(await second).toEqual({ value: 'v2', version: 2 });
    expect(loads).toEqual([1, 2]);
  });

  it('answers from the last evidence while a slow load runs, once, in the background', async () => {
    const { s, load, release, loads, clock } = store(2_000);
    const first = s.get('d', 1, load(1));
    release();
    await first;
    clock.t += 1_000;
    expect(await s.get('d', 2, load(2))).toEqual({ value: 'v1', version: 1 });
    expect(await s.get('d', 2, load(2))).toEqual({ value: 'v1', version: 1 });
    expect(loads).toEqual([1, 2]);
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(await s.get('d', 2, load(2))).toEqual({ value: 'v2', version: 2 });
  });

  it('while answering stale, reloads only once the held value is old enough', async () => {
    const clock = { t: 0 };
    const s = new EvidenceStore<string>({ maxEntries: 4, slowMs: 500, maxStaleMs: 30_000, refreshAfterMs: 10_000, now: () => clock.t });
    const loads: number[] = [];
    const load = (v: number) => async () => {
      loads.push(v);
      clock.t += 1_000;
      return `v${v}`;
    };
    await s.get('d', 1, load(1));
    clock.t += 2_000;
    expect(await s.get('d', 2, load(2))).toEqual({ value: 'v1', version: 1 });
    expect(loads).toEqual([1]);
    clock.t += 9_000;
    expect(await s.get('d', 3, load(3))).toEqual({ value: 'v1', version: 1 });
    await new Promise((r) => setTimeout(r, 0));
    expect(loads).toEqual([1, 3]);
    expect(await s.get('d', 3, load(3))).toEqual({ value: 'v3', version: 3 });
  });

  it('never answers from evidence older than the bound', async () => {
    const { s, load, release, clock } = store(2_000);
    const first = s.get('d', 1, load(1));
    release();
    await first;
    clock.t += 31_000;
    const next = s.get('d', 2, load(2));
    release();
    expect(await next).toEqual({ value: 'v2', version: 2 });
  });
});

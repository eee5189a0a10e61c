import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from './cli';
import { mulberry32 } from './fixtures/random';
import { poissonDraw } from './fixtures/count-draws';

const dir = mkdtempSync(join(tmpdir(), 'osservatorio-compare-'));

function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

// 12 zones; after: 20 % more participation everywhere and zone z3 tripled. Mixed row shapes: some
// rows are single reports (no count), others carry a count.
const rand = mulberry32(77);
const zones = Array.from({ length: 12 }, (_, i) => `z${i}`);
const truth = { before: new Map<string, number>(), after: new Map<string, number>() };
function wave(which: 'before' | 'after') {
  const lines = ['zone,count,source'];
  for (const z of zones) {
    const n = poissonDraw(rand, 60 * (which === 'after' ? 1.2 * (z === 'z3' ? 3 : 1) : 1));
    truth[which].set(z, n);
    // Half as single rows, the rest in one row.
    const singles = Math.floor(n / 2);
    for (let i = 0; i < singles; i++) lines.push(`${z},1,resident`);
    lines.push(`${z},${n - singles},`);
  }
  lines.push('z0,500,police'); // another series: not read unless --source names it
  return lines.join('\n') + '\n';
}
const before = file('before.csv', wave('before'));
const after = file('after.csv', wave('after'));

describe('analysis compare CLI', () => {
  it('writes { method, rows } with exact sums, p, q and a change decided at q <= 0.05', () => {
    const out = join(dir, 'result.json');
    const r = run(['compare', '--before', before, '--after', after, '--by', 'zone', '--before-days', '365', '--after-days', '181', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const res = JSON.parse(readFileSync(out, 'utf8'));
    expect(res.method).toMatchObject({ by: 'zone', sources: ['resident'], exposure: { beforeDays: 365, afterDays: 181 } });
    expect(res.method.nullHypothesis).toBe("the zone's share of the wave's reports is the same in both waves");
    expect(res.rows.map((x: { key: string }) => x.key)).toEqual([...zones].sort());
    for (const row of res.rows) {
      expect(Object.keys(row)).toEqual(expect.arrayContaining(['key', 'before', 'after', 'rateRatio', 'p', 'q', 'change']));
      expect(row.before).toBe(truth.before.get(row.key));
      expect(row.after).toBe(truth.after.get(row.key));
      expect(row.rateRatio).toBeCloseTo(row.after / 181 / (row.before / 365), 10);
      expect(['increase', 'decrease', 'none']).toContain(row.change);
      expect(row.change !== 'none').toBe(row.q <= 0.05);
    }
    // The participation swing is not a change; the tripled zone is.
    expect(res.rows.filter((x: { change: string }) => x.change !== 'none').map((x: { key: string }) => x.key)).toEqual(['z3']);
    expect(r.stderr).toMatch(/12 keys, 12 tested, 1 changed/);
  });

  it('writes to stdout with --out -, equal exposure when no days are given, and reads named sources', () => {
    const r = run(['compare', '--before', before, '--after', after, '--by', 'zone', '--out', '-', '--source', 'police,resident']);
    expect(r.code).toBe(0);
    const res = JSON.parse(r.stdout);
    const z0 = res.rows.find((x: { key: string }) => x.key === 'z0');
    expect(z0.before).toBe(truth.before.get('z0')! + 500);
    expect(z0.rateRatio).toBeCloseTo(z0.after / z0.before, 12);
    expect(res.method.exposure.beforeDays).toBeNull();
    expect(res.method.sources).toEqual(['police', 'resident']);
  });

  it('compares categories, a row without count standing for one event', () => {
    const b = file('cat-b.csv', 'category\ntheft\ntheft\ndrugs\n' + 'theft\n'.repeat(30) + 'drugs\n'.repeat(30));
    const a = file('cat-a.csv', 'Category;count\ntheft;31\ndrugs;70\n');
    const r = run(['compare', '--before', b, '--after', a, '--by', 'category']);
    expect(r.code, r.stderr).toBe(0);
    const res = JSON.parse(r.stdout);
    expect(res.rows).toMatchObject([{ key: 'drugs', before: 31, after: 70 }, { key: 'theft', before: 32, after: 31 }]);
    // Two categories: each is the other's rest, one degree of freedom, no dispersion estimable beyond it.
    expect(res.method.dispersion.df).toBe(1);
  });

  it('public: rounds, suppresses below k in either wave, and tests the published rows only', () => {
    const b = file('pub-b.csv', 'zone,count\na,52\nb,48\nc,2\nd,61\n');
    const a = file('pub-a.csv', 'zone,count\na,49\nb,57\nc,9\nd,58\n');
    const r = run(['compare', '--before', b, '--after', a, '--by', 'zone', '--public', '--k', '5', '--base', '5']);
    expect(r.code, r.stderr).toBe(0);
    const res = JSON.parse(r.stdout);
    expect(res.rows.map((x: { key: string }) => x.key)).toEqual(['a', 'b', 'd']);
    expect(res.rows.map((x: { before: number }) => x.before)).toEqual([50, 50, 60]);
    expect(res.method.privacy).toMatchObject({ k: 5, base: 5, suppressed: 1 });
  });

  const bad: [string, string, string[], RegExp][] = [
    ['a missing key column', 'place,count\nx,1\n', ['--by', 'zone'], /bad-1\.csv:1: zone: missing column "zone"/],
    ['a non-numeric count', 'zone,count\nx,1\ny,abc\nz,2\n', ['--by', 'zone'], /bad-2\.csv:3: count: "abc" is not a number/],
    ['a negative count', 'zone,count\nx,-4\n', ['--by', 'zone'], /bad-3\.csv:2: count: -4 is not a whole number/],
    ['an empty key', 'zone,count\n,4\n', ['--by', 'zone'], /bad-4\.csv:2: zone: empty/],
    ['negative days', 'zone\nx\n', ['--by', 'zone', '--before-days', '-30', '--after-days', '30'], /--before-days must be a positive number of days, got "-30"/],
    ['only one wave’s days', 'zone\nx\n', ['--by', 'zone', '--before-days', '30'], /both --before-days and --after-days/],
    ['an unknown --by', 'zone\nx\n', ['--by', 'street'], /--by must be zone or category/],
    ['an unknown source', 'zone,source\nx,rumours\n', ['--by', 'zone'], /bad-8\.csv:2: source: "rumours" is not one of/],
  ];
  bad.forEach(([what, text, args, message], i) => {
    it(`refuses ${what}: error on stderr, exit ≠ 0, no output file`, () => {
      const b = file(`bad-${i + 1}.csv`, text);
      const out = join(dir, `never-${i}.json`);
      const r = run(['compare', '--before', b, '--after', after, ...args, '--out', out]);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
      expect(r.stdout).toBe('');
    });
  });

  it('runs as `npm run analysis -- compare` (a real process: exit code and stderr)', async () => {
    const exec = promisify(execFile);
    const ok = await exec('npx', ['tsx', 'analysis/cli.ts', 'compare', '--before', before, '--after', after, '--by', 'zone']);
    expect(JSON.parse(ok.stdout).rows).toHaveLength(12);
    const b = file('proc-bad.csv', 'zone,count\nx,many\n');
    const fail = await exec('npx', ['tsx', 'analysis/cli.ts', 'compare', '--before', b, '--after', after, '--by', 'zone']).catch((e) => e);
    expect(fail.code).toBe(1);
    expect(fail.stderr).toMatch(/proc-bad\.csv:2: count: "many" is not a number/);
  }, 30_000);
});

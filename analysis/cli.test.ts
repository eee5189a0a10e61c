import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from './cli';
import { mulberry32 } from './fixtures/random';

const dir = mkdtempSync(join(tmpdir(), 'osservatorio-cli-'));

function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

function csv(rows: string[]): string {
  const r = mulberry32(42);
  const lines = ['lat,lon,weight,category,source,time'];
  for (let i = 0; i < 400; i++) lines.push(`${(45 + r() * 0.02).toFixed(6)},${(7.6 + r() * 0.03).toFixed(6)},1,theft,resident,night`);
  for (let i = 0; i < 200; i++) lines.push(`${(45.01 + r() * 0.001).toFixed(6)},${(7.615 + r() * 0.0014).toFixed(6)},2,drugs,police,22:30`);
  return [...lines, ...rows].join('\n') + '\n';
}

describe('analysis CLI', () => {
  const input = join(dir, 'signals.csv');
  writeFileSync(input, csv(['45.005,abc,1,,,', '', '91,7.6,1,,,', '45.005,7.61,1,,bogus,']));

  it('writes a GeoJSON FeatureCollection and lists bad rows with their line numbers', () => {
    const out = join(dir, 'hotspots.geojson');
    const { code, stderr } = run(['hotspots', '--in', input, '--out', out, '--cell', '100', '--source', 'resident,police']);
    expect(code).toBe(0);
    // header = line 1, 600 good rows = lines 2..601
    expect(stderr).toContain(`${input}:602: lon: "abc" is not a number`);
    expect(stderr).toContain(`${input}:604: lat: 91 is outside ±90`);
    expect(stderr).toContain(`${input}:605: source: "bogus" is not one of`);
    expect(stderr).toMatch(/603 rows, 600 used, 3 bad/);
    const fc = JSON.parse(readFileSync(out, 'utf8'));
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.method).toMatchObject({ statistic: 'Gi*', cellMeters: 100, bandMeters: 150, weights: 'binary distance band, self included', fdr: 'Benjamini-Hochberg', value: 'sum of column "weight"', extent: 'data', sources: ['police', 'resident'] });
    expect(fc.features.length).toBe(fc.method.grid.cols * fc.method.grid.rows);
    for (const f of fc.features) for (const key of ['x', 'y', 'count', 'value', 'window', 'expected', 'z', 'p', 'q', 'class']) expect(f.properties).toHaveProperty(key);
    expect(fc.features.reduce((a: number, f: { properties: { count: number } }) => a + f.properties.count, 0)).toBe(600);
    // the dense block is hot
    const hot = fc.features.filter((f: { properties: { class: string } }) => f.properties.class === 'hot-99');
    expect(hot.length).toBeGreaterThan(0);
  });

  it('applies filters, band, and public disclosure control (class only per cell)', () => {
    const { code, stdout } = run(['hotspots', '--in', input, '--source', 'police', '--time', 'night', '--band', '300', '--cell', '100', '--public', '--k', '3', '--base', '2']);
    expect(code).toBe(0);
    const fc = JSON.parse(stdout);
    expect(fc.method.bandMeters).toBe(300);
    expect(fc.method.privacy).toMatchObject({ k: 3, base: 2 });
    expect(fc.method.sources).toEqual(['police']);
    for (const f of fc.features) expect(Object.keys(f.properties).sort()).toEqual(['class', 'col', 'row']);
  });

  it('reads residents only by default, and takes --extent or --territory', () => {
    const fc = JSON.parse(run(['hotspots', '--in', input, '--cell', '100']).stdout);
    expect(fc.method.sources).toEqual(['resident']);
    expect(fc.features.reduce((a: number, f: { properties: { count: number } }) => a + f.properties.count, 0)).toBe(400);
    const given = JSON.parse(run(['hotspots', '--in', input, '--extent', '7.59,44.99,7.64,45.03']).stdout);
    expect(given.method.extent).toBe('given');
    expect(given.method.cellRule).toMatch(/given extent/);
    const territory = join(dir, 'territory.geojson');
    // the western half of the data's box: cells east of 7.615 are not analysed
    writeFileSync(territory, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[7.6, 45], [7.615, 45], [7.615, 45.02], [7.6, 45.02], [7.6, 45]]] } }] }));
    const t = JSON.parse(run(['hotspots', '--in', input, '--territory', territory, '--cell', '100']).stdout);
    expect(t.method.extent).toBe('territory');
    expect(t.features.length).toBe(t.method.analysedCells);
    expect(t.features.reduce((a: number, f: { properties: { count: number } }) => a + f.properties.count, 0)).toBeLessThan(400);
    expect(run(['hotspots', '--in', input, '--extent', '1,2,3']).code).toBe(2);
    expect(run(['hotspots', '--in', input, '--territory', join(dir, 'none.geojson')]).code).toBe(2);
  });

  it('exits 1 when no row is usable and 2 on usage errors', () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'lat,lon\nx,y\n');
    const r = run(['hotspots', '--in', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${bad}:2: lat: "x" is not a number`);
    expect(run(['hotspots']).code).toBe(2);
    expect(run(['hotspots', '--in', input, '--cell', '-5']).code).toBe(2);
    expect(run(['hotspots', '--in', join(dir, 'missing.csv')]).code).toBe(2);
    expect(run(['nothing']).code).toBe(2);
    expect(run(['hotspots', '--in', input, '--weight', 'severity']).code).toBe(1);
  });

  it('runs as a program with tsx', async () => {
    const out = join(dir, 'spawned.geojson');
    const { stderr } = await promisify(execFile)('node_modules/.bin/tsx', ['analysis/cli.ts', 'hotspots', '--in', input, '--out', out, '--stats']);
    expect(stderr).toMatch(/stats \{"rows":603/);
    expect(JSON.parse(readFileSync(out, 'utf8')).features.length).toBeGreaterThan(0);
  });
});

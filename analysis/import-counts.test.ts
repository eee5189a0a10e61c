import { describe, expect, it } from 'vitest';
import { countRowsToSignals, parseCountsCsv } from './import-counts';

const zones: Record<string, string> = { 'piazza garibaldi': 'z1', z1: 'z1', 'parco nord': 'z2', z2: 'z2' };
const zoneOf = (ref: string) => zones[ref.toLowerCase()] ?? null;

describe('parseCountsCsv', () => {
  it('parses zone rows, resolving names through the lookup', () => {
    const { rows, errors } = parseCountsCsv('zone,month,count,source\nPiazza Garibaldi,2024-01,12,police\nz2,2024-02,0,Media\n', { zoneOf });
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { line: 2, zoneId: 'z1', lat: null, lon: null, month: '2024-01', count: 12, source: 'police' },
      { line: 3, zoneId: 'z2', lat: null, lon: null, month: '2024-02', count: 0, source: 'media' },
    ]);
  });

  it('accepts the semicolons of an Italian-locale spreadsheet', () => {
    const { rows, errors } = parseCountsCsv('zone;month;count;source\nz1;2024-01;5;police\n', { zoneOf });
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({ zoneId: 'z1', count: 5 });
  });

  it('parses point rows and places them in a zone when asked', () => {
    const { rows } = parseCountsCsv('lat,lon,month,count,source\n45.07,7.68,2024-03,4,police\n', { zoneAt: () => 'z9' });
    expect(rows[0]).toMatchObject({ zoneId: 'z9', lat: 45.07, lon: 7.68, count: 4 });
  });

  it('reports every bad field with the line the row starts on; header is line 1', () => {
    const text = [
      'zone,lat,lon,month,count,source',
      'z1,,,2024-01,3,police',
      'nowhere,,,2024-01,3,police',
      ',,,2024-13,-1,army',
      '',
      '"z1',
      'continued",,,2024-01,2.5,media',
      ',95,7,2024-01,1,media',
    ].join('\n');
    const { rows, errors } = parseCountsCsv(text, { zoneOf });
    expect(rows).toEqual([]);
    expect(errors).toEqual([
      { line: 3, field: 'zone', message: 'unknown zone "nowhere"' },
      { line: 4, field: 'zone', message: 'either zone or lat,lon is required' },
      { line: 4, field: 'month', message: '"2024-13" is not a month (YYYY-MM)' },
      { line: 4, field: 'count', message: '"-1" is not a non-negative integer' },
      { line: 4, field: 'source', message: '"army" is not police or media' },
      { line: 6, field: 'zone', message: 'unknown zone "z1\ncontinued"' },
      { line: 6, field: 'count', message: '"2.5" is not a non-negative integer' },
      { line: 8, field: 'lat', message: '"95" is not a latitude' },
    ]);
    expect(parseCountsCsv(text, { zoneOf, skipBadRows: true }).rows.map((r) => r.line)).toEqual([2]);
  });

  it('rejects a header without the required columns', () => {
    expect(parseCountsCsv('place,month\nx,2024-01\n').errors).toEqual([
      { line: 1, field: 'count', message: 'missing column "count" in the header' },
      { line: 1, field: 'source', message: 'missing column "source" in the header' },
      { line: 1, field: 'zone', message: 'the header needs a "zone" column or "lat" and "lon" columns' },
    ]);
  });

  it('turns rows into signals dated the first of the month', () => {
    const { rows } = parseCountsCsv('zone,month,count,source\nz1,2024-05,7,police\n');
    expect(countRowsToSignals(rows, () => ({ lat: 45, lon: 7 }))).toEqual([
      { lat: 45, lon: 7, count: 7, source: 'police', createdAt: '2024-05-01T00:00:00Z', zoneId: 'z1' },
    ]);
  });
});

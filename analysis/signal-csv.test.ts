import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSignalCsv, timeBandOf } from './signal-csv';

const enc = (s: string) => new TextEncoder().encode(s);

describe('parseSignalCsv', () => {
  it('reads lat, lon and the weight column into typed columns', () => {
    const r = parseSignalCsv(enc('lat,lon,weight\n45.1,7.6,2\n45.2,7.7,\n'));
    expect(r.n).toBe(2);
    expect(Array.from(r.lat)).toEqual([45.1, 45.2]);
    expect(Array.from(r.lon)).toEqual([7.6, 7.7]);
    expect(Array.from(r.value!)).toEqual([2, 1]);
    expect(r.weightColumn).toBe('weight');
    expect(r.count).toBeNull();
  });

  it('reports bad rows with 1-based line numbers, header = line 1, and keeps the good ones', () => {
    const text = ['lat,lon,weight,source,time', '45,7,1,police,night', 'abc,7,1,,', '', '45,200,1,,', '45,7,-1,,', '45,7,1,army,', '45,7,1,,25:00', ',7', '45.5,7.5,3,media,21:15'].join('\n');
    const r = parseSignalCsv(enc(text));
    expect(r.n).toBe(2);
    expect(r.rows).toBe(8);
    expect(r.errors).toEqual([
      { line: 3, field: 'lat', message: '"abc" is not a number' },
      { line: 5, field: 'lon', message: '200 is outside ±180' },
      { line: 6, field: 'weight', message: '"-1" is not a non-negative number' },
      { line: 7, field: 'source', message: '"army" is not one of resident, police, media, institution' },
      { line: 8, field: 'time', message: expect.stringContaining('"25:00"') },
      { line: 9, field: 'lat', message: 'missing' },
    ]);
  });

  it('understands BOM, CRLF, quotes and quoted newlines (errors point at the row start)', () => {
    const text = '\ufefflat,"lon",note\r\n"45.1",7.6,"a, ""quoted""\r\nnote"\r\n45.2,x,ok\r\n';
    const r = parseSignalCsv(enc(text));
    expect(r.n).toBe(1);
    expect(r.lat[0]).toBe(45.1);
    expect(r.errors).toEqual([{ line: 4, field: 'lon', message: '"x" is not a number' }]);
  });

  it('rejects a header without lat/lon or without the named weight column', () => {
    expect(parseSignalCsv(enc('x,y\n1,2\n')).errors).toEqual([
      { line: 1, field: 'lat', message: 'missing column "lat" in the header' },
      { line: 1, field: 'lon', message: 'missing column "lon" in the header' },
    ]);
    expect(parseSignalCsv(enc('lat,lon\n1,2\n'), { weightColumn: 'severity' }).errors[0]).toMatchObject({ line: 1, field: 'severity' });
  });

  it('uses a named weight column and a count column', () => {
    const r = parseSignalCsv(enc('lat,lon,severity,count\n45,7,2,3\n45,7,,\n45,7,1,2.5\n'), { weightColumn: 'severity' });
    expect(Array.from(r.value!)).toEqual([6, 1]);
    expect(Array.from(r.count!)).toEqual([3, 1]);
    expect(r.errors).toEqual([{ line: 4, field: 'count', message: '"2.5" is not a non-negative integer' }]);
  });

  it('applies category, source and time filters while reading', () => {
    const text = 'lat,lon,category,source,time\n1,1,drugs;theft,police,23:00\n2,2,lighting,police,night\n3,3,theft,resident,08:00\n4,4,,police,night\n';
    expect(parseSignalCsv(enc(text), { categories: ['theft'] }).n).toBe(2);
    expect(parseSignalCsv(enc(text), { sources: ['police'], timeBands: ['night'] }).n).toBe(3);
    const r = parseSignalCsv(enc(text), { categories: ['theft'], timeBands: ['night'] });
    expect(Array.from(r.lat)).toEqual([1]);
    expect(r.filtered).toBe(3);
  });

  it('maps clock times to the taxonomy time bands', () => {
    expect(['05:59', '06:00', '11:59', '12:00', '18:00', '21:59', '22:00', 'Night'].map(timeBandOf)).toEqual([
      'night', 'morning', 'morning', 'afternoon', 'evening', 'evening', 'night', 'night',
    ]);
    expect(timeBandOf('noon')).toBeNull();
  });

  it('parses numbers exactly as Number() does', () => {
    fc.assert(
      fc.property(fc.double({ min: -180, max: 180, noNaN: true }), fc.integer({ min: 0, max: 12 }), (v, digits) => {
        const text = v.toFixed(digits);
        const r = parseSignalCsv(enc(`lat,lon\n0,${text}\n0,${v}\n`));
        expect(r.lon[0]).toBe(Number(text));
        expect(r.lon[1]).toBe(Number(String(v)));
      }),
    );
  });
});

describe('rows without a source', () => {
  const enc2 = (s: string) => new TextEncoder().encode(s);
  it('count as residents’ reports, with or without a source column', () => {
    const withColumn = 'lat,lon,source\n1,1,\n2,2,police\n3,3,resident\n';
    expect(parseSignalCsv(enc2(withColumn), { sources: ['resident'] }).n).toBe(2);
    expect(parseSignalCsv(enc2(withColumn), { sources: ['police'] }).n).toBe(1);
    const without = 'lat,lon\n1,1\n2,2\n';
    expect(parseSignalCsv(enc2(without), { sources: ['resident'] }).n).toBe(2);
    expect(parseSignalCsv(enc2(without), { sources: ['police'] }).n).toBe(0);
  });
});

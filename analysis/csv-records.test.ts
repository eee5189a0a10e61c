import { describe, expect, it } from 'vitest';
import { csvRecords, headerDelimiter } from './csv-records';

const fields = (text: string) => csvRecords(text).records.map((r) => r.fields);

describe('csvRecords', () => {
  it('reads a two-column Italian file that ends with a newline, as spreadsheets save it', () => {
    expect(fields('zona;numero\nA;3\nB;4\n')).toEqual([['zona', 'numero'], ['A', '3'], ['B', '4'], ['']]);
    expect(fields('zona;numero\r\nA;3\r\n').slice(0, 2)).toEqual([['zona', 'numero'], ['A', '3']]);
  });

  it('takes the delimiter from the header, quotes and commas in values notwithstanding', () => {
    expect(headerDelimiter('"a;b",c,d\n1;2;3')).toBe(',');
    expect(headerDelimiter('nome;"via, civico"\nx;y')).toBe(';');
    expect(fields('nome;indirizzo\n"Bar Roma";"via Roma, 3"\n')[1]).toEqual(['Bar Roma', 'via Roma, 3']);
    expect(fields('zone\nA\n')[1]).toEqual(['A']);
  });

  it('drops a BOM and numbers the lines a quoted field spans', () => {
    const { records } = csvRecords('\ufeffa,b\n"x\ny",1\n2,3\n');
    expect(records.map((r) => r.line)).toEqual([1, 2, 4, 5]);
    expect(records[0].fields).toEqual(['a', 'b']);
  });
});

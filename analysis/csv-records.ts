// CSV text → records with the line each starts on (header = line 1; a quoted field may span
// lines), as spreadsheets write it: a leading BOM dropped, ',' or ';' (Italian locale) separated.
// Shared by the CSV imports so their line numbers point where a spreadsheet user looks.
import Papa from 'papaparse';
import type { RowError } from './types';

export type CsvRecord = { line: number; fields: string[] };

/**
 * All records, the header first. `delimiter` unset: Papa Parse detects it. Parser errors (e.g. an
 * unclosed quote) come with their line; a one-column file, having no delimiter to detect, is not one.
 */
export function csvRecords(text: string, delimiter?: string): { records: CsvRecord[]; errors: RowError[] } {
  const records: CsvRecord[] = [];
  const errors: RowError[] = [];
  let line = 1;
  let cursor = 0;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // Step mode gives each record's end offset: counting newlines up to a record's start gives its line.
  Papa.parse<string[]>(body, {
    skipEmptyLines: false,
    ...(delimiter ? { delimiter } : {}),
    step: (result) => {
      const start = line;
      const end = result.meta.cursor;
      for (let i = cursor; i < end; i++) if (body.charCodeAt(i) === 10) line++;
      cursor = end;
      for (const e of result.errors) {
        if (e.code !== 'UndetectableDelimiter') errors.push({ line: start, field: '', message: e.message });
      }
      records.push({ line: start, fields: result.data });
    },
  });
  return { records, errors };
}

/** A record that is one empty field: a blank line. */
export const isBlankRecord = (fields: string[]) => fields.length === 1 && fields[0].trim() === '';

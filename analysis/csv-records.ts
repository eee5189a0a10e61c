// CSV text → records with the line each starts on (header = line 1; a quoted field may span
// lines), as spreadsheets write it: a leading BOM dropped, ',' or ';' (Italian locale) separated.
// Shared by the CSV imports so their line numbers point where a spreadsheet user looks.
import Papa from 'papaparse';
import type { RowError } from './types';

export type CsvRecord = { line: number; fields: string[] };

/**
 * The delimiter of a spreadsheet's CSV, read off its header line: ';' when the header has more
 * semicolons than commas outside quotes, else ','. Papa Parse's own guess scores field-count
 * consistency over the rows, and the empty record after a final newline makes it miss ';' in a
 * two-column file ("zona;numero\nA;3\n" came back as one column).
 */
export function headerDelimiter(body: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (!quoted && (c === 10 || c === 13)) break;
    else if (!quoted && c === 44) commas++;
    else if (!quoted && c === 59) semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

/**
 * All records, the header first. `delimiter` unset: read off the header (headerDelimiter). Parser
 * errors (e.g. an unclosed quote) come with their line.
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
    delimiter: delimiter ?? headerDelimiter(body),
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

// The institutions CSV → what the import writes: each line checked (name, kind, area, municipality,
// email), matched by name to the institution it updates or made new, with errors by line (header =
// line 1) an administrator can fix in the spreadsheet. Pure: the route loads the rows and writes.
//
// Header names in Italian or English (see institutions.columns.ts), any order; ';' or ',' (or tab)
// separated, told by the header line. A column left out keeps what is stored; an empty cell clears
// it. The area may be left empty when the municipality has one: it is taken from there.
import { z } from 'zod';
import { csvRecords, isBlankRecord } from '../../../analysis/csv-records';
import type { RowError } from '../../../analysis/types';
import { type InstitutionKind, institutionKinds } from '../../../surveys/taxonomy';
import { type InstitutionColumn, institutionColumns, normHeader } from './institutions.columns';
import { MAX_INSTITUTION_ROWS } from './limits';
import { normName } from './territory.plan';

export type ExistingForInstitutions = {
  institutions: { id: string; name: string; kind: InstitutionKind; areaId: string | null; municipalityId: string | null; email: string | null }[];
  areas: { id: string; name: string }[];
  municipalities: { id: string; name: string; istatCode: string; areaId: string | null }[];
};

export type InstitutionValues = { name: string; kind: InstitutionKind; areaId: string | null; municipalityId: string | null; email: string | null };
export type InstitutionStep = { line: number; id: string; name: string; action: 'created' | 'updated' | 'unchanged'; values: InstitutionValues };
export type InstitutionPlan = { steps: InstitutionStep[]; errors: RowError[]; /** Lines with errors. */ skipped: number };

/** Kind words compare as letters and digits only: "Forze dell’ordine", "forze dell'ordine", "forze-ordine"… */
const normKind = (s: string) => normHeader(s).replace(/[^a-z0-9]+/g, ' ').trim();

/** Every kind by its id and by its Italian and English names, also each part of "A / B (C)". */
const kindByWord = new Map<string, InstitutionKind>();
for (const k of institutionKinds) {
  for (const word of [k.id, k.label.it, k.label.en]) {
    for (const part of [word, ...word.split(/[/()]/)]) if (normKind(part) && !kindByWord.has(normKind(part))) kindByWord.set(normKind(part), k.id);
  }
}

const emailSchema = z.email().max(254);

/** The separator the header line uses: header names hold none of them. */
function delimiterOf(text: string): string {
  const end = text.search(/\r?\n/);
  const header = end < 0 ? text : text.slice(0, end);
  return header.includes(';') ? ';' : header.includes('\t') ? '\t' : ',';
}

const columnNames = (id: InstitutionColumn) => institutionColumns.find((c) => c.id === id)!.headers.map((h) => `"${h}"`).join(' or ');

export function planInstitutionImport(text: string, existing: ExistingForInstitutions, newId: () => string = () => crypto.randomUUID()): InstitutionPlan {
  const { records, errors } = csvRecords(text, delimiterOf(text.replace(/^\uFEFF/, '')));
  const bad = new Set(errors.map((e) => e.line));
  const fail = (line: number, field: string, message: string) => {
    errors.push({ line, field, message });
    bad.add(line);
  };
  const done = (steps: InstitutionStep[]): InstitutionPlan => {
    errors.sort((a, b) => a.line - b.line);
    return { steps, errors, skipped: bad.size };
  };
  // Excel in an Italian locale saves "CSV" as Windows-1252: read as UTF-8, accents become U+FFFD.
  const notUtf8 = (fields: string[]) => fields.some((f) => f.includes('\uFFFD'));
  const encodingMessage = 'The line is not UTF-8 text (accented letters are unreadable): save the file as "CSV UTF-8".';

  // The header: which column is which.
  const header = records.shift();
  if (!header || isBlankRecord(header.fields)) {
    fail(1, '', `The file is empty: its first line names the columns, e.g. ${institutionColumns.map((c) => c.headers[0]).join(';')}.`);
    return done([]);
  }
  if (notUtf8(header.fields)) fail(1, '', encodingMessage);
  const index = new Map<InstitutionColumn, number>();
  const unnamed: number[] = [];
  header.fields.forEach((cell, i) => {
    const h = normHeader(cell);
    if (!h) return void unnamed.push(i);
    const column = institutionColumns.find((c) => (c.headers as readonly string[]).includes(h));
    if (!column) return fail(1, cell.trim(), `Unknown column "${cell.trim()}": the columns are ${institutionColumns.map((c) => `${c.headers[0]}/${c.headers[1]}`).join(', ')}.`);
    if (index.has(column.id)) return fail(1, cell.trim(), `Two columns are the ${column.id}: "${header.fields[index.get(column.id)!].trim()}" and "${cell.trim()}".`);
    index.set(column.id, i);
  });
  for (const c of institutionColumns) if (c.required && !index.has(c.id)) fail(1, c.id, `Missing column ${columnNames(c.id)}.`);
  const rows = records.filter((r) => !isBlankRecord(r.fields));
  if (rows.length === 0 && !bad.has(1)) fail(1, '', 'The file has a header but no institutions.');
  if (rows.length > MAX_INSTITUTION_ROWS) fail(1, '', `At most ${MAX_INSTITUTION_ROWS} institutions per file; this one has ${rows.length}.`);
  if (bad.has(1)) return done([]);

  const areaById = new Map(existing.areas.map((a) => [a.id, a]));
  const areaByName = new Map(existing.areas.map((a) => [normName(a.name), a]));
  const municipalityByRef = new Map<string, ExistingForInstitutions['municipalities'][number]>();
  for (const m of existing.municipalities) for (const ref of [m.id, m.istatCode, normName(m.name)]) municipalityByRef.set(ref, m);
  const institutionsByName = new Map<string, ExistingForInstitutions['institutions']>();
  for (const i of existing.institutions) institutionsByName.set(normName(i.name), [...(institutionsByName.get(normName(i.name)) ?? []), i]);

  const seen = new Map<string, number>();
  const steps: InstitutionStep[] = [];
  for (const { line, fields } of rows) {
    if (notUtf8(fields)) {
      fail(line, '', encodingMessage);
      continue;
    }
    const has = (c: InstitutionColumn) => index.has(c);
    const get = (c: InstitutionColumn) => (index.has(c) ? (fields[index.get(c)!] ?? '').trim() : '');
    const extra = fields.findIndex((f, i) => i >= header.fields.length && f.trim() !== '');
    const stray = unnamed.find((i) => (fields[i] ?? '').trim() !== '');
    if (extra >= 0 || stray !== undefined) fail(line, '', `The line has a value in column ${(extra >= 0 ? extra : stray!) + 1}, which the header does not name.`);

    const name = get('name').replace(/\s+/g, ' ');
    if (!name) fail(line, 'name', 'The name is required.');
    else if (name.length > 200) fail(line, 'name', 'The name is longer than 200 characters.');
    const kindText = get('kind');
    const kind = kindByWord.get(normKind(kindText));
    if (!kindText) fail(line, 'kind', `The kind is required: one of ${institutionKinds.map((k) => k.id).join(', ')}.`);
    else if (!kind) fail(line, 'kind', `"${kindText}" is not an institution kind: one of ${institutionKinds.map((k) => k.id).join(', ')} (or their names).`);

    const areaText = get('area');
    const area = areaText ? (areaById.get(areaText) ?? areaByName.get(normName(areaText)) ?? null) : null;
    if (areaText && !area) fail(line, 'area', `No area called "${areaText}" in this diagnosis (import the territory first).`);
    const municipalityText = get('municipality');
    const municipality = municipalityText ? (municipalityByRef.get(municipalityText) ?? municipalityByRef.get(normName(municipalityText)) ?? null) : null;
    if (municipalityText && !municipality) fail(line, 'municipality', `No municipality called, or with ISTAT code, "${municipalityText}" in this diagnosis (import the territory first).`);
    if (area && municipality?.areaId && municipality.areaId !== area.id) {
      fail(line, 'area', `${municipality.name} is in the area ${areaById.get(municipality.areaId)?.name ?? municipality.areaId}, not ${area.name}.`);
    }
    const email = get('email');
    if (email && !emailSchema.safeParse(email).success) fail(line, 'email', `"${email}" is not an email address.`);

    if (name) {
      const twin = seen.get(normName(name));
      if (twin !== undefined) fail(line, 'name', `Line ${twin} has the same name: each institution appears once in a file.`);
      else seen.set(normName(name), line);
    }
    const matches = name ? (institutionsByName.get(normName(name)) ?? []) : [];
    if (matches.length > 1) fail(line, 'name', `${matches.length} institutions of this diagnosis are called "${name}": rename them first.`);
    if (bad.has(line)) continue;

    const old = matches[0] ?? null;
    const values: InstitutionValues = {
      name,
      kind: kind!,
      // The area: the cell's, else the municipality's, else (no such column) what is stored.
      areaId: area?.id ?? municipality?.areaId ?? (has('area') ? null : (old?.areaId ?? null)),
      municipalityId: has('municipality') ? (municipality?.id ?? null) : (old?.municipalityId ?? null),
      email: has('email') ? email || null : (old?.email ?? null),
    };
    const unchanged = old && old.name === values.name && old.kind === values.kind && old.areaId === values.areaId && old.municipalityId === values.municipalityId && old.email === values.email;
    steps.push({ line, id: old?.id ?? newId(), name, action: !old ? 'created' : unchanged ? 'unchanged' : 'updated', values });
  }
  return done(steps);
}

// The columns of the institutions CSV and the header names read for each, Italian first. Shared
// by the API, which reads the file, and the workspace, which offers the template; it imports
// nothing, so the browser bundle takes it as it is.
export const institutionColumns = [
  { id: 'name', required: true, headers: ['nome', 'name', 'ente', 'denominazione'] },
  { id: 'kind', required: true, headers: ['tipo', 'kind', 'tipologia', 'type'] },
  { id: 'area', required: false, headers: ['ambito', 'area', 'ambito territoriale'] },
  { id: 'municipality', required: false, headers: ['comune', 'municipality'] },
  { id: 'email', required: false, headers: ['email', 'e-mail', 'pec', 'posta elettronica'] },
] as const;

export type InstitutionColumn = (typeof institutionColumns)[number]['id'];

/** Header names compare without case, accents, or the difference between spaces and underscores. */
export const normHeader = (s: string) =>
  s.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase().replace(/[\s_]+/g, ' ');

/** The template's header line: Italian names with ';' (what Excel in Italian saves), English with ','. */
export function institutionTemplate(lang: 'it' | 'en'): string {
  const i = lang === 'it' ? 0 : 1;
  return `${institutionColumns.map((c) => c.headers[i]).join(lang === 'it' ? ';' : ',')}\r\n`;
}

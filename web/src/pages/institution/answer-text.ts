// Turns stored answers back into the words of the questionnaire (choice labels in the page's
// language), for the read-only, printable view of a submission.
import type { Choice, Lang, LocText, Question } from '../../../../surveys';

export type Shown =
  | { kind: 'text'; text: string }
  | { kind: 'list'; items: string[]; ordered: boolean }
  | { kind: 'table'; columns: string[]; rows: { label: string; cells: string[] }[] };

export const loc = (text: LocText | undefined, lang: Lang): string => (text ? (text[lang] ?? text.it) : '');

function label(choices: readonly Choice[], value: unknown, lang: Lang): string {
  const c = choices.find((x) => x.value === value);
  return c ? loc(c.text, lang) : String(value);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** null when the question has no answer. */
export function showAnswer(q: Question, value: unknown, lang: Lang, yesNo: { yes: string; no: string }): Shown | null {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return null;
  switch (q.type) {
    case 'radiogroup':
    case 'dropdown':
      return { kind: 'text', text: label(q.choices, value, lang) };
    case 'checkbox':
    case 'tagbox':
    case 'ranking':
      return Array.isArray(value) ? { kind: 'list', items: value.map((v) => label(q.choices, v, lang)), ordered: q.type === 'ranking' } : null;
    case 'rating':
    case 'text':
    case 'comment':
      return { kind: 'text', text: String(value) };
    case 'boolean':
      return { kind: 'text', text: value === true ? loc(q.labelTrue, lang) || yesNo.yes : loc(q.labelFalse, lang) || yesNo.no };
    case 'matrix': {
      if (!isObject(value)) return null;
      const rows = q.rows.filter((r) => value[String(r.value)] !== undefined).map((r) => ({ label: loc(r.text, lang), cells: [label(q.columns, value[String(r.value)], lang)] }));
      return rows.length ? { kind: 'table', columns: [], rows } : null;
    }
    case 'matrixdropdown': {
      if (!isObject(value)) return null;
      const rows = q.rows
        .filter((r) => isObject(value[String(r.value)]))
        .map((r) => {
          const row = value[String(r.value)] as Record<string, unknown>;
          return { label: loc(r.text, lang), cells: q.columns.map((c) => (row[c.name] === undefined ? '' : label(c.choices, row[c.name], lang))) };
        });
      return rows.length ? { kind: 'table', columns: q.columns.map((c) => loc(c.title, lang)), rows } : null;
    }
  }
}

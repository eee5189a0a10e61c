// Checks that one answer has the shape its question allows: the right JSON type, only offered
// choices, ratings and numbers in range, texts within their length, matrix rows and columns that
// exist. Returns the first problem as an {it, en} message, or null. Emptiness is not judged here.
import type { Label } from './i18n';
import type { Choice, ChoiceValue, MatrixDropdownColumn, Question } from './definition';

/** Limit for comments that set no maxLength, so a draft cannot carry a novel. */
export const defaultCommentMaxLength = 4000;
/** Limit for single-line texts that set no maxLength. */
export const defaultTextMaxLength = 500;

const msg = (it: string, en: string): Label => ({ it, en });
const show = (v: unknown) => JSON.stringify(v) ?? String(v);

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const allowed = (choices: readonly Choice[]) => new Set<ChoiceValue>(choices.map((c) => c.value));

function checkSingle(value: unknown, choices: readonly Choice[]): Label | null {
  if (typeof value !== 'string' && typeof value !== 'number') return msg('Deve essere una sola scelta.', 'Must be a single choice.');
  if (!allowed(choices).has(value)) return msg(`Scelta non prevista: ${show(value)}.`, `Choice not offered: ${show(value)}.`);
  return null;
}

function checkMulti(value: unknown, choices: readonly Choice[], max?: number): Label | null {
  if (!Array.isArray(value)) return msg('Deve essere un elenco di scelte.', 'Must be a list of choices.');
  const offered = allowed(choices);
  const bad = value.find((v) => !offered.has(v as ChoiceValue));
  if (bad !== undefined) return msg(`Scelta non prevista: ${show(bad)}.`, `Choice not offered: ${show(bad)}.`);
  if (new Set(value).size !== value.length) return msg('Una scelta è ripetuta.', 'A choice is repeated.');
  if (max !== undefined && max > 0 && value.length > max)
    return msg(`Al massimo ${max} scelte.`, `At most ${max} choices.`);
  const exclusive = choices.filter((c) => c.isExclusive).map((c) => c.value);
  if (value.length > 1 && value.some((v) => exclusive.includes(v as ChoiceValue)))
    return msg('Una scelta esclusiva (come «nessuno») non può stare con altre.', 'An exclusive choice (such as “none”) cannot go with others.');
  return null;
}

function checkText(value: unknown, maxLength: number): Label | null {
  if (typeof value !== 'string') return msg('Deve essere un testo.', 'Must be text.');
  if (value.length > maxLength) return msg(`Al massimo ${maxLength} caratteri.`, `At most ${maxLength} characters.`);
  return null;
}

function checkNumber(value: unknown, min?: number, max?: number, integer = false): Label | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return msg('Deve essere un numero.', 'Must be a number.');
  if (integer && !Number.isInteger(value)) return msg('Deve essere un numero intero.', 'Must be a whole number.');
  if ((min !== undefined && value < min) || (max !== undefined && value > max))
    return msg(`Deve essere tra ${min ?? '−∞'} e ${max ?? '∞'}.`, `Must be between ${min ?? '−∞'} and ${max ?? '∞'}.`);
  return null;
}

function checkRows(
  value: unknown,
  rows: readonly Choice[],
  cell: (rowValue: unknown, row: string) => Label | null,
): Label | null {
  if (!isPlainObject(value)) return msg('Deve essere una tabella di risposte per riga.', 'Must be a table of answers by row.');
  const known = new Set(rows.map((r) => String(r.value)));
  for (const [row, rowValue] of Object.entries(value)) {
    if (!known.has(row)) return msg(`Riga sconosciuta: ${show(row)}.`, `Unknown row: ${show(row)}.`);
    if (rowValue === null || rowValue === undefined) continue;
    const problem = cell(rowValue, row);
    if (problem) return { it: `Riga ${show(row)}: ${problem.it}`, en: `Row ${show(row)}: ${problem.en}` };
  }
  return null;
}

function checkDropdownRow(rowValue: unknown, columns: readonly MatrixDropdownColumn[]): Label | null {
  if (!isPlainObject(rowValue)) return msg('deve essere un oggetto con una risposta per colonna.', 'must be an object with one answer per column.');
  for (const [col, cellValue] of Object.entries(rowValue)) {
    const column = columns.find((c) => c.name === col);
    if (!column) return msg(`colonna sconosciuta ${show(col)}.`, `unknown column ${show(col)}.`);
    if (cellValue === null || cellValue === undefined) continue;
    const problem = checkSingle(cellValue, column.choices);
    if (problem) return { it: `colonna ${show(col)}: ${problem.it}`, en: `column ${show(col)}: ${problem.en}` };
  }
  return null;
}

function ratingValues(q: { rateMin?: number; rateMax?: number; rateStep?: number }): number[] {
  const min = q.rateMin ?? 1;
  const max = q.rateMax ?? 5;
  const step = q.rateStep ?? 1;
  const out: number[] = [];
  for (let v = min; v <= max + 1e-9; v += step) out.push(Math.round(v * 1e6) / 1e6);
  return out;
}

export function checkValue(question: Question, value: unknown): Label | null {
  switch (question.type) {
    case 'radiogroup':
    case 'dropdown':
      return checkSingle(value, question.choices);
    case 'checkbox':
    case 'tagbox':
      return checkMulti(value, question.choices, question.maxSelectedChoices);
    case 'ranking': {
      const problem = checkMulti(value, question.choices, question.maxSelectedChoices);
      if (problem) return problem;
      const ranked = value as unknown[];
      if (!question.selectToRankEnabled && ranked.length > 0 && ranked.length !== question.choices.length)
        return msg('L’ordinamento deve comprendere tutte le voci.', 'The ranking must include every item.');
      return null;
    }
    case 'rating': {
      const values = ratingValues(question);
      if (typeof value !== 'number' || !values.includes(value))
        return msg(`Deve essere un valore tra ${values[0]} e ${values[values.length - 1]}.`, `Must be a value from ${values[0]} to ${values[values.length - 1]}.`);
      return null;
    }
    case 'text':
      return question.inputType === 'number'
        ? checkNumber(value, question.min, question.max)
        : checkText(value, question.maxLength ?? defaultTextMaxLength);
    case 'comment':
      return checkText(value, question.maxLength ?? defaultCommentMaxLength);
    case 'boolean':
      return typeof value === 'boolean' ? null : msg('Deve essere sì o no.', 'Must be yes or no.');
    case 'matrix':
      return checkRows(value, question.rows, (v) => checkSingle(v, question.columns));
    case 'matrixdropdown':
      return checkRows(value, question.rows, (v) => checkDropdownRow(v, question.columns));
  }
}

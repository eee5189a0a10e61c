// Flattens the questionnaire into spreadsheet columns: one per question, one per matrix row (and
// column for matrixdropdown), with readable headers and choice labels in the chosen language.
import { type Lang, pick } from '../../../surveys/i18n';
import type { Choice, SurveyDefinition } from '../../../surveys/definition';
import { listQuestions } from '../../../surveys/walk';

export type AnswerColumn = { header: string; value: (answers: Record<string, unknown>) => string };

const labelOf = (choices: readonly Choice[], lang: Lang) => {
  const labels = new Map(choices.map((c) => [String(c.value), pick(c.text, lang)]));
  return (v: unknown) => (v === undefined || v === null ? '' : (labels.get(String(v)) ?? String(v)));
};

const plain = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

export function answerColumns(definition: SurveyDefinition, lang: Lang): AnswerColumn[] {
  const cols: AnswerColumn[] = [];
  for (const { question: q } of listQuestions(definition)) {
    const title = `${pick(q.title, lang)} [${q.name}]`;
    switch (q.type) {
      case 'checkbox':
      case 'tagbox':
      case 'ranking': {
        const label = labelOf(q.choices, lang);
        cols.push({ header: title, value: (a) => (Array.isArray(a[q.name]) ? (a[q.name] as unknown[]).map(label).join(' | ') : plain(a[q.name])) });
        break;
      }
      case 'radiogroup':
      case 'dropdown': {
        const label = labelOf(q.choices, lang);
        cols.push({ header: title, value: (a) => label(a[q.name]) });
        break;
      }
      case 'matrix': {
        const label = labelOf(q.columns, lang);
        for (const row of q.rows) {
          cols.push({ header: `${pick(q.title, lang)} — ${pick(row.text, lang)} [${q.name}.${row.value}]`, value: (a) => label((a[q.name] as Record<string, unknown> | undefined)?.[String(row.value)]) });
        }
        break;
      }
      case 'matrixdropdown': {
        for (const row of q.rows)
          for (const col of q.columns) {
            const label = labelOf(col.choices, lang);
            cols.push({
              header: `${pick(q.title, lang)} — ${pick(row.text, lang)} — ${pick(col.title, lang)} [${q.name}.${row.value}.${col.name}]`,
              value: (a) => label((a[q.name] as Record<string, Record<string, unknown>> | undefined)?.[String(row.value)]?.[col.name]),
            });
          }
        break;
      }
      default:
        cols.push({ header: title, value: (a) => plain(a[q.name]) });
    }
  }
  return cols;
}

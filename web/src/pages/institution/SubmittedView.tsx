// The submitted answers, read-only and printable (print stylesheet in institution.css), with the
// "amend" button while the diagnosis is open.
import { useTranslation } from 'react-i18next';
import { type Lang, type SurveyDefinition, listQuestions, questionState } from '../../../../surveys';
import { loc, showAnswer } from './answer-text';

type Props = {
  definition: SurveyDefinition;
  answers: Record<string, unknown>;
  institution: string;
  diagnosis: string;
  submittedAt: string | null;
  editable: boolean;
  onAmend?: () => void;
};

export function SubmittedView({ definition, answers, institution, diagnosis, submittedAt, editable, onAmend }: Props) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'it';
  const entries = listQuestions(definition);
  const when = submittedAt ? new Date(submittedAt).toLocaleString(lang === 'en' ? 'en-GB' : 'it-IT', { dateStyle: 'long', timeStyle: 'short' }) : null;
  const yesNo = { yes: t('institution.answers.yes'), no: t('institution.answers.no') };

  return (
    <section className="q-submitted" aria-labelledby="q-submitted-title">
      <div className="q-notice q-success no-print" role="status">
        <h2 id="q-submitted-title">{t('institution.submitted.title')}</h2>
        <p>{when ? t('institution.submitted.body', { date: when }) : t('institution.submitted.bodyNoDate')}</p>
        <p>{editable ? t('institution.submitted.amendNote') : t('institution.submitted.closed')}</p>
        <div className="q-actions">
          <button type="button" className="primary" onClick={() => window.print()}>
            {t('institution.submitted.print')}
          </button>
          {editable && onAmend && (
            <button type="button" onClick={onAmend}>
              {t('institution.submitted.amend')}
            </button>
          )}
        </div>
      </div>

      <header className="q-print-header">
        <h1>{loc(definition.title, lang)}</h1>
        <p>
          <strong>{institution}</strong> · {diagnosis}
        </p>
        {when && <p>{t('institution.answers.submittedOn', { date: when })}</p>}
      </header>

      {definition.pages.map((page) => {
        const questions = entries.filter((e) => e.page === page.name);
        // Unanswered questions are listed only when they were visible and required.
        const shown = questions.map((e) => ({ q: e.question, a: showAnswer(e.question, answers[e.question.name], lang, yesNo), expected: questionState(e, answers).visible && e.question.isRequired === true }));
        if (shown.every((s) => s.a === null)) return null;
        return (
          <section key={page.name} className="q-page">
            <h2>{loc(page.title, lang)}</h2>
            <dl>
              {shown
                .filter((s) => s.a !== null || s.expected)
                .map(({ q, a }) => (
                  <div key={q.name} className="q-answer" data-name={q.name}>
                    <dt>{loc(q.title, lang)}</dt>
                    <dd>
                      {a === null && <em>{t('institution.answers.none')}</em>}
                      {a?.kind === 'text' && <span className="q-text">{a.text}</span>}
                      {a?.kind === 'list' &&
                        (a.ordered ? (
                          <ol>{a.items.map((x, i) => <li key={i}>{x}</li>)}</ol>
                        ) : (
                          <ul>{a.items.map((x, i) => <li key={i}>{x}</li>)}</ul>
                        ))}
                      {a?.kind === 'table' && (
                        <table>
                          {a.columns.length > 0 && (
                            <thead>
                              <tr>
                                <th />
                                {a.columns.map((c) => <th key={c}>{c}</th>)}
                              </tr>
                            </thead>
                          )}
                          <tbody>
                            {a.rows.map((r) => (
                              <tr key={r.label}>
                                <th scope="row">{r.label}</th>
                                {r.cells.map((c, i) => <td key={i}>{c}</td>)}
                              </tr>
                            ))}
                          </tbody>
                        </table>
                      )}
                    </dd>
                  </div>
                ))}
            </dl>
          </section>
        );
      })}
    </section>
  );
}

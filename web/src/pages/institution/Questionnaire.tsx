// The questionnaire itself, rendered by SurveyJS from the definition the API sent: restores the
// draft and the page the respondent was on, autosaves on every page change and every 30 s, and
// submits through the API (which validates against the same definition).
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Model } from 'survey-core';
import 'survey-core/i18n/italian';
import 'survey-core/survey-core.fontless.min.css';
import { Survey } from 'survey-react-ui';
import type { SurveyDefinition } from '../../../../surveys';
import { ApiError, api } from '../../lib/api';
import { Autosaver, type SaveResult, type SaveState } from './autosave';

export const AUTOSAVE_MS = 30_000;

export type Saved = { answers: Record<string, unknown>; version: number; status: 'draft' | 'submitted'; submittedAt: string | null };

type Props = {
  token: string;
  definition: SurveyDefinition;
  saved: Saved | null;
  onSubmitted: (result: SaveResult, answers: Record<string, unknown>) => void;
  onReload: () => void;
};

/** Where the respondent was, per link, on this device (a hash of the token, not the token). */
function pageKey(token: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) h = Math.imul(h ^ token.charCodeAt(i), 0x01000193) >>> 0;
  return `osservatorio.q.page.${h.toString(36)}`;
}

function restorePage(survey: Model, token: string) {
  const stored = localStorage.getItem(pageKey(token));
  const byName = stored ? survey.getPageByName(stored) : null;
  if (byName && byName.isVisible) {
    survey.currentPage = byName;
    return;
  }
  // Another device: resume at the last page that has an answer.
  const answered = survey.visiblePages.filter((p) => p.questions.some((q) => !q.isEmpty()));
  if (answered.length > 0) survey.currentPage = answered[answered.length - 1];
}

type FieldError = { field: string; message: string };

export function Questionnaire({ token, definition, saved, onSubmitted, onReload }: Props) {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldError[]>([]);

  const survey = useMemo(() => {
    const m = new Model(definition);
    m.locale = i18n.language === 'en' ? 'en' : 'it';
    if (saved) m.data = saved.answers;
    restorePage(m, token);
    return m;
    // The model is built once per definition and saved state; language changes are applied below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [definition, saved, token]);

  const saver = useMemo(
    () => new Autosaver(token, saved?.version ?? 0, saved?.answers ?? {}, () => survey.data as Record<string, unknown>, setState, () => i18n.language),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [survey, token, saved],
  );

  useEffect(() => {
    survey.locale = i18n.language === 'en' ? 'en' : 'it';
  }, [survey, i18n.language]);

  useEffect(() => {
    const onPageChanged = () => {
      localStorage.setItem(pageKey(token), survey.currentPage.name);
      void saver.save();
    };
    const onCompleting = async (_: Model, options: { allow: boolean }) => {
      // The page takes over from SurveyJS here: it shows the submitted answers itself.
      options.allow = false;
      setSubmitError(null);
      setFieldErrors([]);
      await saver.settle();
      const answers = survey.data as Record<string, unknown>;
      try {
        const result = await api<SaveResult>(`/api/invitations/${encodeURIComponent(token)}/response/submit`, {
          method: 'POST',
          json: { answers, version: saver.version },
          headers: { 'accept-language': i18n.language },
        });
        saver.stop();
        localStorage.removeItem(pageKey(token));
        onSubmitted(result, answers);
      } catch (e) {
        if (!(e instanceof ApiError)) return setSubmitError(t('institution.save.offline'));
        const p = e.problem as ApiError['problem'] & { currentVersion?: number };
        if (p.status === 409 && typeof p.currentVersion === 'number') {
          saver.stop();
          setState({ kind: 'conflict', currentVersion: p.currentVersion });
        } else if (p.status === 409) {
          setState({ kind: 'closed' });
        } else if (p.status === 422 && p.errors?.length) {
          setFieldErrors(p.errors);
          const first = survey.getQuestionByName(p.errors[0].field);
          if (first) first.focus();
        } else {
          setSubmitError(p.detail ?? t('common.error'));
        }
      }
    };
    survey.onCurrentPageChanged.add(onPageChanged);
    survey.onCompleting.add(onCompleting);
    const timer = window.setInterval(() => void saver.save(), AUTOSAVE_MS);
    const onHidden = () => {
      if (document.visibilityState === 'hidden') void saver.save();
    };
    document.addEventListener('visibilitychange', onHidden);
    return () => {
      survey.onCurrentPageChanged.remove(onPageChanged);
      survey.onCompleting.remove(onCompleting);
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onHidden);
    };
  }, [survey, saver, token, onSubmitted, t, i18n.language]);

  const time = (d: Date) => d.toLocaleTimeString(i18n.language === 'en' ? 'en-GB' : 'it-IT', { hour: '2-digit', minute: '2-digit' });

  return (
    <section className="q-form">
      {saved?.submittedAt && <p className="q-notice">{t('institution.amending')}</p>}

      {state.kind === 'conflict' && (
        <div className="q-notice q-warning" role="alert">
          <p>
            <strong>{t('institution.conflict.title')}</strong> {t('institution.conflict.body', { version: state.currentVersion })}
          </p>
          <button type="button" className="primary" onClick={onReload}>
            {t('institution.conflict.reload')}
          </button>
        </div>
      )}
      {state.kind === 'closed' && (
        <div className="q-notice q-warning" role="alert">
          <p>{t('institution.closed')}</p>
          <button type="button" onClick={onReload}>{t('institution.conflict.reload')}</button>
        </div>
      )}
      {fieldErrors.length > 0 && (
        <div className="q-notice q-warning" role="alert">
          <p>{t('institution.invalid')}</p>
          <ul>
            {fieldErrors.map((f) => {
              const q = survey.getQuestionByName(f.field);
              return (
                <li key={f.field}>
                  <button type="button" className="link" onClick={() => q?.focus()}>
                    {q ? q.processedTitle : f.field}
                  </button>
                  : {f.message}
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {submitError && (
        <p className="error" role="alert">
          {submitError}
        </p>
      )}

      <div className="q-savebar no-print">
        <span className="q-status" role="status" aria-live="polite" data-state={state.kind}>
          {state.kind === 'saving' && t('institution.save.saving')}
          {state.kind === 'saved' && t('institution.save.saved', { time: time(state.at) })}
          {state.kind === 'failed' && t('institution.save.failed')}
          {state.kind === 'idle' && (saved ? t('institution.save.restored') : t('institution.save.auto'))}
        </span>
        <button type="button" onClick={() => void saver.save()} disabled={state.kind === 'conflict' || state.kind === 'closed'}>
          {t('institution.save.now')}
        </button>
      </div>

      <Survey model={survey} />
    </section>
  );
}

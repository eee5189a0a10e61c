// Imports police interventions and media attention (counts per zone and month) from a CSV file.
// The API checks every row: a file with errors imports nothing unless the analyst asks to skip
// the bad rows; re-importing a corrected file replaces figures rather than doubling them.
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFileImport } from './imports/useFileImport';
import type { Diagnosis } from './types';

type Result = { imported: number; skipped: number; errors: { line: number; field: string; message: string }[] };

export function CountsImport({ diagnosis, onImported }: { diagnosis: Diagnosis; onImported: () => void }) {
  const { t } = useTranslation();
  const { busy, result, problem, run } = useFileImport<Result>();

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0) return;
    const skip = form.get('skipBadRows') === 'on' ? '?skipBadRows=true' : '';
    if (await run(`/api/diagnoses/${diagnosis.slug}/imports/counts${skip}`, await file.text(), 'text/csv')) onImported();
  };

  return (
    <section className="card" data-import="counts">
      <h2>{t('workspace.counts.importTitle')}</h2>
      <p>{t('workspace.counts.importIntro')}</p>
      <pre className="code" tabIndex={0} aria-label={t('workspace.counts.importTitle')}>{'zone;month;count;source\nPiazza Roma;2026-03;14;police\nPiazza Roma;2026-03;2;media'}</pre>
      <form className="ws-form" onSubmit={submit} aria-busy={busy}>
        <label>
          {t('workspace.counts.file')}
          <input type="file" name="file" accept=".csv,text/csv,text/plain" required />
        </label>
        <label className="check-line">
          <input type="checkbox" name="skipBadRows" /> {t('workspace.counts.skipBadRows')}
        </label>
        <button type="submit" disabled={busy}>{busy ? t('common.loading') : t('workspace.counts.import')}</button>
      </form>
      {result && (
        <p role="status">
          {t('workspace.counts.imported', { imported: result.imported, skipped: result.skipped })}
        </p>
      )}
      {problem && (
        <div role="alert">
          <p className="error">{problem.message || t('common.error')}</p>
          {problem.errors.length > 0 && (
            <ul className="row-errors">
              {problem.errors.slice(0, 50).map((r, i) => <li key={i}><strong>{r.field}</strong>: {r.message}</li>)}
              {problem.errors.length > 50 && <li>…</li>}
            </ul>
          )}
        </div>
      )}
      {result && result.errors.length > 0 && (
        <ul className="row-errors">
          {result.errors.slice(0, 50).map((r, i) => <li key={i}><strong>{t('workspace.counts.line', { line: r.line })}{r.field ? ` (${r.field})` : ''}</strong>: {r.message}</li>)}
        </ul>
      )}
    </section>
  );
}

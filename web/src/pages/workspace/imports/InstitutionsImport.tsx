// Imports the institutions taking part from a CSV file; admins only. A template with the header
// is offered; the API reports errors by line, imports nothing from a file with errors unless told
// to skip the bad lines, and updates an institution with the same name instead of duplicating it.
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { InstitutionImportResult } from '../../../../../api/routes/imports/institutions.routes';
import { institutionColumns, institutionTemplate } from '../../../../../api/routes/imports/institutions.columns';
import { MAX_INSTITUTION_ROWS, MAX_INSTITUTIONS_CSV_BYTES } from '../../../../../api/routes/imports/limits';
import { institutionKinds } from '../../../../../surveys/taxonomy';
import { downloadText } from '../../../lib/download';
import { useLabels } from '../labels';
import type { Diagnosis } from '../types';
import { ErrorList, ItemList, ProblemReport } from './ImportReport';
import { useFileImport } from './useFileImport';
import { TableWrap } from '../TableWrap';

export function InstitutionsImport({ diagnosis, onImported }: { diagnosis: Diagnosis; onImported: () => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const { busy, result, problem, run, refuse } = useFileImport<InstitutionImportResult>();
  const kb = MAX_INSTITUTIONS_CSV_BYTES / 1024;

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const file = form.get('csv');
    if (!(file instanceof File) || file.size === 0) return;
    if (file.size > MAX_INSTITUTIONS_CSV_BYTES) return refuse(t('workspace.institutionsImport.tooLarge', { kb }));
    const skip = form.get('skipBadRows') === 'on' ? '?skipBadRows=true' : '';
    if (await run(`/api/diagnoses/${diagnosis.slug}/imports/institutions${skip}`, await file.text(), 'text/csv')) onImported();
  };

  // A BOM, so that Excel opens (and saves back) the template as UTF-8.
  const template = () => downloadText(t('workspace.institutionsImport.templateFile'), `\uFEFF${institutionTemplate(labels.lang)}`, 'text/csv;charset=utf-8');

  return (
    <section className="card" data-import="institutions">
      <h2>{t('workspace.institutionsImport.title')}</h2>
      <p>{t('workspace.institutionsImport.intro', { kb, rows: MAX_INSTITUTION_ROWS })}</p>
      <TableWrap label={t('workspace.institutionsImport.title')}>
        <table className="ws-table import-spec">
          <thead>
            <tr>
              <th>{t('workspace.institutionsImport.column')}</th>
              <th>{t('workspace.institutionsImport.headers')}</th>
              <th>{t('workspace.institutionsImport.content')}</th>
            </tr>
          </thead>
          <tbody>
            {institutionColumns.map((c) => (
              <tr key={c.id}>
                <td>{t(`workspace.institutionsImport.columns.${c.id}`)}{c.required && <> ({t('workspace.institutionsImport.required')})</>}</td>
                <td>{c.headers.map((h, i) => <span key={h}>{i > 0 && ', '}<code>{h}</code></span>)}</td>
                <td>{t(`workspace.institutionsImport.means.${c.id}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <details>
        <summary>{t('workspace.institutionsImport.kinds')}</summary>
        <ul className="import-kinds">
          {institutionKinds.map((k) => <li key={k.id}><code>{k.id}</code> — {labels.kind(k.id)}</li>)}
        </ul>
      </details>
      <pre className="code" tabIndex={0} aria-label={t('workspace.institutionsImport.title')}>{'nome;tipo;ambito;comune;email\nComune di Valverde;comune;Ambito Nord;Valverde;protocollo@comune.valverde.example\nPrefettura di Esempio;prefettura;;;'}</pre>
      <div className="actions">
        <button type="button" className="small" onClick={template}>{t('workspace.institutionsImport.template')}</button>
      </div>
      <form className="ws-form" onSubmit={submit} aria-busy={busy}>
        <label>
          {t('workspace.institutionsImport.file')}
          <input type="file" name="csv" accept=".csv,text/csv,text/plain" required />
        </label>
        <label className="check-line">
          <input type="checkbox" name="skipBadRows" /> {t('workspace.counts.skipBadRows')}
        </label>
        <button type="submit" disabled={busy}>{busy ? t('common.loading') : t('workspace.institutionsImport.import')}</button>
      </form>
      {result && (
        <div role="status" data-import-result>
          <p>{t('workspace.institutionsImport.done', { created: result.created, updated: result.updated, unchanged: result.unchanged, skipped: result.skipped })}</p>
          <ItemList items={result.items.map((i) => ({ key: i.id, what: t('workspace.counts.line', { line: i.line }), name: i.name, action: i.action }))} />
          <ErrorList errors={result.errors} />
        </div>
      )}
      <ProblemReport problem={problem} />
    </section>
  );
}

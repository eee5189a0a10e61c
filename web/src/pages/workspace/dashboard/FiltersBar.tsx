// Period, category and source filters. Every change rewrites the page URL, so the view can be
// bookmarked or sent to a colleague; "copy link" does the latter.
import { useTranslation } from 'react-i18next';
import { categories, signalSources } from '../../../../../surveys/taxonomy';
import { CopyButton } from '../CopyButton';
import { useLabels } from '../labels';
import { setQuery } from '../router';
import { type Filters, filterParams, isFiltered } from './filters';

function toggle(list: string[], id: string) {
  return list.includes(id) ? list.filter((x) => x !== id) : [...list, id];
}

export function FiltersBar({ filters, busy, areas }: { filters: Filters; busy: boolean; areas: { id: string; name: string }[] }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const apply = (next: Partial<Filters>) => setQuery(filterParams({ ...filters, ...next }), { replace: false });
  return (
    <form className="filters card no-print" aria-label={t('workspace.filters.label')} aria-busy={busy} onSubmit={(e) => e.preventDefault()}>
      <label>
        {t('workspace.filters.from')}
        <input type="date" name="from" value={filters.from ?? ''} max={filters.to} onChange={(e) => apply({ from: e.target.value || undefined })} />
      </label>
      <label>
        {t('workspace.filters.to')}
        <input type="date" name="to" value={filters.to ?? ''} min={filters.from} onChange={(e) => apply({ to: e.target.value || undefined })} />
      </label>
      <details className="pick">
        <summary>
          {t('workspace.filters.categories')}: <strong>{filters.categories.length ? filters.categories.length : t('workspace.filters.all')}</strong>
        </summary>
        <fieldset>
          <legend className="sr-only">{t('workspace.filters.categories')}</legend>
          {categories.map((c) => (
            <label key={c.id} className="check">
              <input type="checkbox" name="category" value={c.id} checked={filters.categories.includes(c.id)} onChange={() => apply({ categories: toggle(filters.categories, c.id) })} />
              {labels.category(c.id)}
            </label>
          ))}
        </fieldset>
      </details>
      <fieldset className="sources">
        <legend>{t('workspace.filters.sources')}</legend>
        {signalSources.map((s) => (
          <label key={s} className="check">
            <input type="checkbox" name="source" value={s} checked={filters.sources.includes(s)} onChange={() => apply({ sources: toggle(filters.sources, s) })} />
            {labels.source(s)}
          </label>
        ))}
      </fieldset>
      {areas.length > 0 && (
        <label>
          {t('workspace.filters.areaLabel')}
          <select name="area" value={filters.area ?? ''} onChange={(e) => apply({ area: e.target.value || undefined })}>
            <option value="">{t('workspace.filters.allAreas')}</option>
            {areas.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
          </select>
        </label>
      )}
      {filters.area && !areas.some((a) => a.id === filters.area) && (
        <span className="chip">
          {t('workspace.filters.area')} <button type="button" className="small" onClick={() => apply({ area: undefined })} aria-label={t('workspace.filters.removeArea')}>×</button>
        </span>
      )}
      <div className="filter-actions">
        {isFiltered(filters) && <button type="button" className="small" onClick={() => setQuery(filterParams({ categories: [], sources: [] }), { replace: false })}>{t('workspace.filters.reset')}</button>}
        <CopyButton text={window.location.href} label={t('workspace.filters.share')} />
      </div>
    </form>
  );
}

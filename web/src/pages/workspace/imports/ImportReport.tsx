// What an import said: its errors, one per line or feature and field, and the rows it wrote.
import { useTranslation } from 'react-i18next';
import type { EntryError } from './useFileImport';

const SHOWN = 100;

/** "line 3", "element 2 «Monte Alto» · properties.istatCode": where an error is, in the UI language. */
export function useWhere() {
  const { t } = useTranslation();
  return (e: EntryError): string => {
    if (e.index !== undefined) {
      const field = e.field.replace(/^features\[\d+\]\.?/, '');
      return [t('workspace.imports.feature', { index: e.index }) + (e.name ? ` «${e.name}»` : ''), field].filter(Boolean).join(' · ');
    }
    const line = e.line ?? Number(/^line (\d+)/.exec(e.field)?.[1] ?? NaN);
    if (Number.isFinite(line)) {
      const column = e.field.replace(/^line \d+:?\s*/, '');
      return t('workspace.counts.line', { line }) + (column ? ` · ${column}` : '');
    }
    return e.field;
  };
}

export function ErrorList({ errors }: { errors: EntryError[] }) {
  const { t } = useTranslation();
  const where = useWhere();
  if (errors.length === 0) return null;
  return (
    <ul className="row-errors" data-import-errors>
      {errors.slice(0, SHOWN).map((e, i) => (
        <li key={i}>
          <strong>{where(e)}</strong>: {e.message}
        </li>
      ))}
      {errors.length > SHOWN && <li>{t('workspace.imports.more', { count: errors.length - SHOWN })}</li>}
    </ul>
  );
}

export type ImportedItem = { key: string; what?: string; name: string; action: 'created' | 'updated' | 'unchanged' };

/** The rows written, with what happened to each; the unchanged ones last. */
export function ItemList({ items }: { items: ImportedItem[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  const order = { created: 0, updated: 1, unchanged: 2 };
  const sorted = [...items].sort((a, b) => order[a.action] - order[b.action]);
  return (
    <details open={items.length <= 20}>
      <summary>{t('workspace.imports.items', { count: items.length })}</summary>
      <ul className="import-items" data-import-items>
        {sorted.slice(0, SHOWN * 5).map((i) => (
          <li key={i.key} data-action={i.action}>
            {i.what && <span className="muted">{i.what} · </span>}
            {i.name} — <span className={`import-${i.action}`}>{t(`workspace.imports.action.${i.action}`)}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}

export function ProblemReport({ problem }: { problem: { message: string; errors: EntryError[] } | null }) {
  const { t } = useTranslation();
  if (!problem) return null;
  return (
    <div role="alert">
      <p className="error">{problem.message || t('common.error')}</p>
      <ErrorList errors={problem.errors} />
    </div>
  );
}

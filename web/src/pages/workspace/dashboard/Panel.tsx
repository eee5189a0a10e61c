// A dashboard panel: title, optional method note, and the loading/error state of its data.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../Problem';
import type { Loaded } from '../useApi';

export function Panel<T>({ id, title, loaded, note, wide, children }: {
  id: string;
  title: string;
  loaded: Loaded<T>;
  note?: ReactNode;
  wide?: boolean;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <section className={`card panel${wide ? ' wide' : ''}`} id={id} aria-labelledby={`${id}-title`} aria-busy={loaded.loading}>
      <h2 id={`${id}-title`}>{title}</h2>
      <ErrorNote error={loaded.error} onRetry={loaded.reload} />
      {loaded.data === undefined ? !loaded.error && <p className="muted">{t('common.loading')}</p> : children(loaded.data)}
      {note && loaded.data !== undefined && <p className="method-note">{note}</p>}
    </section>
  );
}

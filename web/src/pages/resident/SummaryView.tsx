// The public summary for residents: counts rounded to the base and shown only from k, refreshed on
// a schedule (the day it dates from is said), and approved texts.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import type { PublicSummary } from './types';

export function SummaryView({ slug, reportHref }: { slug: string; reportHref: string }) {
  const { t, i18n } = useTranslation();
  const [summary, setSummary] = useState<PublicSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<PublicSummary>(`/api/diagnoses/${slug}/summary?lang=${i18n.language === 'en' ? 'en' : 'it'}`).then(setSummary, (e: Error) => setError(e.message));
  }, [slug, i18n.language]);

  if (error) return <p className="error" role="alert">{error}</p>;
  if (!summary) return <p className="loading" role="status">{t('common.loading')}</p>;
  const max = Math.max(1, ...summary.zones.map((z) => z.count), ...summary.categories.map((c) => c.count));
  const bar = (n: number) => ({ width: `${Math.max(4, (n / max) * 100)}%` });

  return (
    <section className="r-summary" aria-labelledby="r-summary-title">
      <h2 id="r-summary-title">{t('resident.summary.title')}</h2>
      {summary.zonesTotal === null ? (
        <p>{t('resident.summary.empty')}</p>
      ) : (
        <>
          {summary.zonesTotal > 0 && <p className="r-total">{t('resident.summary.zonesTotal', { count: summary.zonesTotal })}</p>}
          {summary.zones.length > 0 && (
            <>
              <h3>{t('resident.summary.zones')}</h3>
              <ol className="r-bars">
                {summary.zones.map((z) => (
                  <li key={z.zoneId}>
                    <span className="r-bar-label">{z.name}</span>
                    <span className="r-bar" style={bar(z.count)} />
                    <span className="r-bar-n">{t('resident.summary.count', { count: z.count })}</span>
                  </li>
                ))}
              </ol>
            </>
          )}
          {summary.categories.length > 0 && (
            <>
              <h3>{t('resident.summary.categories')}</h3>
              <ol className="r-bars">
                {summary.categories.map((c) => (
                  <li key={c.id}>
                    <span className="r-bar-label">{c.label}</span>
                    <span className="r-bar" style={bar(c.count)} />
                    <span className="r-bar-n">{t('resident.summary.count', { count: c.count })}</span>
                  </li>
                ))}
              </ol>
            </>
          )}
          {summary.texts.length > 0 && (
            <>
              <h3>{t('resident.summary.texts')}</h3>
              <ul className="r-texts">
                {summary.texts.map((x, i) => (
                  <li key={i}>
                    <blockquote>{x.text}</blockquote>
                    {x.zone && <small>{x.zone}</small>}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      <p className="r-hint">{t('resident.summary.rounding', { base: summary.base, k: summary.k })}</p>
      <p className="r-hint">
        {t('resident.summary.asOf', {
          date: new Date(`${summary.asOf}T00:00:00Z`).toLocaleDateString(i18n.language === 'en' ? 'en-GB' : 'it-IT', { dateStyle: 'long', timeZone: 'UTC' }),
          hours: summary.refreshHours,
        })}
      </p>
      <a className="button primary" href={reportHref}>
        {t('resident.summary.report')}
      </a>
    </section>
  );
}

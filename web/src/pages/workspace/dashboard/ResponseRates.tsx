// Questionnaire response rates by kind of institution: submitted, draft, not started.
import { useTranslation } from 'react-i18next';
import { HBars } from '../charts/HBars';
import { useFormat, useLabels } from '../labels';
import type { StrengthsAnalysis } from './analysisTypes';

export const RESPONSE_COLOURS = { submitted: '#1e7b34', draft: '#e0a800', none: '#d5dae1' };

export function ResponseRates({ data }: { data: StrengthsAnalysis['participation'] }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const f = useFormat();
  if (!data.byKind.length) return <p className="muted">{t('workspace.dash.noInstitutions')}</p>;
  const rows = [...data.byKind].sort((a, b) => b.invited - a.invited);
  const max = Math.max(...rows.map((r) => r.invited));
  return (
    <>
      <p>
        {t('workspace.dash.participation', { submitted: data.submitted, institutions: data.institutions, pct: f.pct(data.institutions ? data.submitted / data.institutions : null) })}
      </p>
      <HBars
        title={t('workspace.dash.responseRates')}
        max={max}
        rows={rows.map((r) => ({
          id: r.kind,
          label: labels.kind(r.kind),
          value: r.invited,
          figure: `${r.submitted}/${r.invited}`,
          segments: [
            { value: r.submitted, colour: RESPONSE_COLOURS.submitted, label: t('workspace.responses.submitted') },
            { value: r.draft, colour: RESPONSE_COLOURS.draft, label: t('workspace.responses.draft') },
            { value: r.invited - r.submitted - r.draft, colour: RESPONSE_COLOURS.none, label: t('workspace.responses.none') },
          ],
        }))}
      />
      <p className="legend">
        {(['submitted', 'draft', 'none'] as const).map((k) => (
          <span key={k}><i style={{ background: RESPONSE_COLOURS[k] }} /> {t(`workspace.responses.${k}`)}</span>
        ))}
      </p>
    </>
  );
}
